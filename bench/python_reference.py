#!/usr/bin/env python3
"""Python onnxruntime on the bundled model the way insightface's ArcFaceONNX calls it: a session with default
options, uint8 crops turned into a float NCHW blob with NumPy, session.run, then L2 normalisation. Prints faces/s per
batch size, for the out-of-the-box comparison in bench/RESULTS.md.

    python3 bench/python_reference.py [seconds per batch size]
"""
import pathlib
import sys
import time

import numpy as np
import onnxruntime as ort

MODEL = pathlib.Path(__file__).resolve().parents[1] / "models" / "fr_feature_dynbatch.onnx"


def main():
    seconds = float(sys.argv[1]) if len(sys.argv) > 1 else 10.0
    session = ort.InferenceSession(str(MODEL), providers=["CPUExecutionProvider"])
    name = session.get_inputs()[0].name
    rng = np.random.default_rng(0)
    print(f"python {sys.version.split()[0]}, onnxruntime {ort.__version__}, default session options")
    for batch in (1, 32):
        crops = rng.integers(0, 256, (batch, 112, 112, 3), dtype=np.uint8)
        def embed():
            blob = ((crops[..., ::-1].astype(np.float32) - 127.5) / 127.5).transpose(0, 3, 1, 2)
            out = session.run(None, {name: np.ascontiguousarray(blob)})[0]
            return out / np.linalg.norm(out, axis=1, keepdims=True)
        for _ in range(3):
            embed()
        runs, start = 0, time.perf_counter()
        while time.perf_counter() - start < seconds:
            embed()
            runs += 1
        elapsed = time.perf_counter() - start
        print(f"batch {batch}: {runs * batch / elapsed:.1f} faces/s")


if __name__ == "__main__":
    main()
