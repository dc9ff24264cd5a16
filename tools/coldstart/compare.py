#!/usr/bin/env python3
"""Cold start of one-image encode, embed.jar against Python, side by side.

Runs each command as a new process, alternating between them, `--runs` times after one warm-up round (which fills
the page cache and faceembed's cache folders, as after a first use, and waits until embed.jar has made its AOT cache
in the background), and prints the median wall time and CPU time
(user + system, children included) of each, with its ratio to Python.

    pip install onnxruntime opencv-python-headless numpy
    python3 tools/coldstart/compare.py --runs 15 --jar embed.jar [--jar before=/tmp/old-embed.jar] [--version]

--jar LABEL=PATH (repeatable) names the jars to time; --java picks the java binary (default: $JAVA_HOME/bin/java,
else java on PATH); --image a 112x112 crop (default: a seeded synthetic PNG written to a temporary folder);
--version also times `java -jar <jar> --version`.
"""
import argparse
import os
import pathlib
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = pathlib.Path(__file__).resolve().parent


def synthetic_crop(folder: pathlib.Path) -> pathlib.Path:
    import cv2
    import numpy as np
    pixels = np.random.default_rng(1).integers(0, 256, size=(112, 112, 3), dtype=np.uint8)
    path = folder / "face.png"
    cv2.imwrite(str(path), cv2.GaussianBlur(pixels, (9, 9), 3))
    return path


def timed(command: list[str]) -> tuple[float, float]:
    """Wall and CPU seconds of one run of `command`; fails on a non-zero exit."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        sys.exit(f"{' '.join(command)} failed ({done.returncode}): {done.stderr.strip()}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def builders_running() -> bool:
    """Whether an embed.jar is still making its AOT cache in the background (dev.faceembed.cli.AotCacheBuilder)."""
    for cmdline in pathlib.Path("/proc").glob("[0-9]*/cmdline"):
        try:
            if b"dev.faceembed.cli.AotCacheBuilder" in cmdline.read_bytes():
                return True
        except OSError:
            pass
    return False


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--jar", action="append", default=[], help="LABEL=PATH or PATH (repeatable)")
    parser.add_argument("--java", default=None)
    parser.add_argument("--image", type=pathlib.Path, default=None)
    parser.add_argument("--version", action="store_true", help="also time java -jar <jar> --version")
    args = parser.parse_args()
    java = args.java or (os.path.join(os.environ["JAVA_HOME"], "bin", "java") if os.environ.get("JAVA_HOME")
                         else shutil.which("java"))
    jars = [j.split("=", 1) if "=" in j else (pathlib.Path(j).name, j) for j in args.jar or ["embed.jar"]]
    with tempfile.TemporaryDirectory() as tmp:
        folder = pathlib.Path(tmp)
        image = args.image or synthetic_crop(folder)
        commands = {"python": [sys.executable, str(HERE / "python_encode_one.py"), str(image),
                               str(folder / "python.npy")]}
        for label, jar in jars:
            commands[f"{label} encode"] = [java, "-jar", jar, "encode", "--input", str(image), "--output",
                                           str(folder / f"{label}.npy")]
            if args.version:
                commands[f"{label} --version"] = [java, "-jar", jar, "--version"]
        for command in commands.values():
            timed(command)
        deadline = time.monotonic() + 600
        while builders_running() and time.monotonic() < deadline:
            time.sleep(1)
        samples: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
        for _ in range(args.runs):
            for name, command in commands.items():
                samples[name].append(timed(command))
    python_wall = statistics.median(w for w, _ in samples["python"])
    python_cpu = statistics.median(c for _, c in samples["python"])
    print(f"{args.runs} runs each, alternating; java: {java}")
    print(f"{'command':<28} {'wall s (median)':>15} {'cpu s (median)':>15} {'wall / python':>14} {'cpu / python':>13}")
    for name, values in samples.items():
        wall = statistics.median(w for w, _ in values)
        cpu = statistics.median(c for _, c in values)
        print(f"{name:<28} {wall:>15.3f} {cpu:>15.3f} {wall / python_wall:>14.2f} {cpu / python_cpu:>13.2f}")


if __name__ == "__main__":
    main()
