"""fp32 against int8 in one run of `embed benchmark`, two ways:

- wall clock, default settings: --precision fp32 and int8 in turns (each round runs both, alternating which goes
  first), faces/s per round, medians, and the median of the per-round ratios int8 / fp32;
- CPU time per face on one core (--intra-op-threads 1, so ONNX Runtime computes on the calling thread only): the
  CPU seconds of a run with many calls minus those of a run with few (which cancels start-up and model loading),
  divided by the faces in between. It does not count time spent waiting for a core, so it holds on a busy machine.

    python3 bench/precision_ab.py [ROUNDS] [INT8_MODEL]      (after ./build.sh; ROUNDS defaults to 5)

Without INT8_MODEL the two runs are --precision fp32 and --precision int8 (the bundled variant); with it, --model
models/fr_feature_dynbatch.onnx against --model INT8_MODEL, so that a candidate file can be timed before it is
bundled. JAVA and EMBED_JAR in the environment override build/java-home and embed.jar.
"""
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
JAVA = os.environ.get('JAVA') or str(Path((ROOT / 'build' / 'java-home').read_text().strip()) / 'bin' / 'java')
EMBED_JAR = os.environ.get('EMBED_JAR') or str(ROOT / 'embed.jar')
CALLS = {1: (200, 20), 32: (12, 3)}
# The flags that select each side's model; given a model file, the command line replaces both with --model.
MODELS = {'fp32': ['--precision', 'fp32'], 'int8': ['--precision', 'int8']}


def benchmark(precision, batch, iterations, warmup, *extra):
    """Runs embed benchmark; returns (faces/s it reports, CPU seconds the process used)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    with tempfile.NamedTemporaryFile(suffix='.json') as out:
        subprocess.run([JAVA, '-jar', EMBED_JAR, 'benchmark', '-q', *MODELS[precision],
                        '--batch', str(batch), '--iterations', str(iterations), '--warmup', str(warmup),
                        '--json', out.name, *extra], check=True, stdout=subprocess.DEVNULL)
        fps = json.loads(Path(out.name).read_text())['throughput_fps']
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return fps, (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)


def table(header, rounds, measure, ratio, digits):
    """Runs measure(batch, round) -> {'fp32': value, 'int8': value} for every round and batch, printing a row each,
    then the medians and the median of the per-round ratios."""
    print(header)
    for batch in CALLS:
        runs = []
        for r in range(rounds):
            got = measure(batch, r)
            runs.append(got)
            print(f"| {batch} | {r + 1} | {got['fp32']:.{digits}f} | {got['int8']:.{digits}f} | {ratio(got):.2f} |",
                  flush=True)
        print(f"| {batch} | median | {statistics.median(g['fp32'] for g in runs):.{digits}f} | "
              f"{statistics.median(g['int8'] for g in runs):.{digits}f} | "
              f"**{statistics.median(ratio(g) for g in runs):.2f}** |", flush=True)


def in_turns(r):
    """Both precisions each round, the first one alternating between rounds."""
    return ('fp32', 'int8') if r % 2 == 0 else ('int8', 'fp32')


def wall_clock(batch, r):
    iterations, warmup = CALLS[batch]
    return {p: benchmark(p, batch, iterations, warmup)[0] for p in in_turns(r)}


def cpu_time(batch, r):
    iterations, warmup = CALLS[batch]
    got = {}
    for p in in_turns(r):
        short = benchmark(p, batch, iterations // 4, warmup, '--intra-op-threads', '1')[1]
        full = benchmark(p, batch, iterations, warmup, '--intra-op-threads', '1')[1]
        got[p] = 1000 * (full - short) / ((iterations - iterations // 4) * batch)
    return got


if __name__ == '__main__':
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    if len(sys.argv) > 2:
        # BGR, mean and std 127.5: the bundled model's preprocessing; a file the manifest does not list (and that has
        # no <model>.yaml) would otherwise be run as RGB
        MODELS.update(fp32=['--model', str(ROOT / 'models' / 'fr_feature_dynbatch.onnx')],
                      int8=['--model', sys.argv[2], '--channel-order', 'BGR', '--mean', '127.5', '--std', '127.5'])
    table('| batch | round | fp32 faces/s | int8 faces/s | int8 / fp32 |\n|---:|---:|---:|---:|---:|', n, wall_clock,
          lambda g: g['int8'] / g['fp32'], 1)
    table('\n| batch | round | fp32 ms CPU/face | int8 ms CPU/face | fp32 / int8 (speed-up) |\n|---:|---:|---:|---:|---:|',
          n, cpu_time, lambda g: g['fp32'] / g['int8'], 2)
