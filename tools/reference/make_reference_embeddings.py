#!/usr/bin/env python3
"""Reference embeddings from Python onnxruntime, for faceembed's parity test.

Generates seeded uint8 RGB crops with the same counter-based SplitMix64 as
dev.faceembed.preprocess.SyntheticCrops, preprocesses them the way models/manifest.yaml
declares for the default model (BGR planes, (x - 127.5) / 127.5, NCHW float32), runs the
model one crop at a time with Python onnxruntime, and writes the raw (not normalised)
outputs plus a JSON description of how they were made.

    python3 -m venv build/reference-venv && build/reference-venv/bin/pip install onnxruntime numpy
    build/reference-venv/bin/python tools/reference/make_reference_embeddings.py

Re-running it gives the same files (up to the versions recorded in the JSON).
"""
import hashlib
import json
import pathlib
import platform

import numpy as np
import onnxruntime as ort

ROOT = pathlib.Path(__file__).resolve().parents[2]
MODEL = ROOT / "models" / "fr_feature_dynbatch.onnx"
OUT = ROOT / "java" / "core" / "src" / "test" / "resources" / "reference"
SEED = 20261125
COUNT = 64
SIZE = 112

GOLDEN = np.uint64(0x9E3779B97F4A7C15)
MIX1 = np.uint64(0xBF58476D1CE4E5B9)
MIX2 = np.uint64(0x94D049BB133111EB)


def splitmix64_bytes(seed: int, n: int) -> np.ndarray:
    """Byte i is the top byte of SplitMix64's output for counter i + 1."""
    with np.errstate(over="ignore"):
        z = np.uint64(seed) + (np.arange(1, n + 1, dtype=np.uint64) * GOLDEN)
        z = (z ^ (z >> np.uint64(30))) * MIX1
        z = (z ^ (z >> np.uint64(27))) * MIX2
        z = z ^ (z >> np.uint64(31))
    return (z >> np.uint64(56)).astype(np.uint8)


def main() -> None:
    crops = splitmix64_bytes(SEED, COUNT * SIZE * SIZE * 3).reshape(COUNT, SIZE, SIZE, 3)
    bgr = crops[..., ::-1].astype(np.float32)
    planes = ((bgr - np.float32(127.5)) / np.float32(127.5)).transpose(0, 3, 1, 2)
    planes = np.ascontiguousarray(planes, dtype=np.float32)

    session = ort.InferenceSession(str(MODEL), providers=["CPUExecutionProvider"])
    name = session.get_inputs()[0].name
    singles = np.concatenate([session.run(None, {name: planes[i:i + 1]})[0] for i in range(COUNT)])
    batched = session.run(None, {name: planes})[0]
    assert singles.shape == (COUNT, 512) and singles.dtype == np.float32
    batch_diff = float(np.abs(singles - batched).max())
    assert batch_diff < 1e-4, batch_diff

    OUT.mkdir(parents=True, exist_ok=True)
    np.save(OUT / "ort_python_embeddings.npy", singles)
    (OUT / "ort_python_embeddings.json").write_text(json.dumps({
        "what": "raw outputs (not L2-normalised) of the default model, one crop per run",
        "made_by": "tools/reference/make_reference_embeddings.py",
        "seed": SEED,
        "count": COUNT,
        "crop": "uint8 RGB 112x112x3, byte i = top byte of SplitMix64(seed + (i + 1) * 0x9E3779B97F4A7C15)",
        "crops_sha256": hashlib.sha256(crops.tobytes()).hexdigest(),
        "preprocessing": "BGR planes, (x - 127.5) / 127.5, float32 NCHW",
        "model_sha256": hashlib.sha256(MODEL.read_bytes()).hexdigest(),
        "onnxruntime": ort.__version__,
        "numpy": np.__version__,
        "python": platform.python_version(),
        "max_abs_diff_batch_64_vs_single": batch_diff,
    }, indent=2) + "\n")


if __name__ == "__main__":
    main()
