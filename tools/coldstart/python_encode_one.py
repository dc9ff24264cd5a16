#!/usr/bin/env python3
"""The Python peer of `java -jar embed.jar encode --input face.png --output x.npy`, for cold-start comparisons.

One process does what a Python user would write: load the bundled model with onnxruntime (denormals as zero, as
faceembed does), read one aligned crop with OpenCV, resize it to 112x112 if needed, preprocess it the way
models/manifest.yaml declares (BGR planes, (x - 127.5) / 127.5, NCHW float32), run, L2-normalise, save .npy.

    pip install onnxruntime opencv-python-headless numpy
    python3 tools/coldstart/python_encode_one.py face.png x.npy [model.onnx]
"""
import pathlib
import sys

import cv2
import numpy as np
import onnxruntime as ort

MODEL = pathlib.Path(__file__).resolve().parents[2] / "models" / "fr_feature_dynbatch.onnx"


def main() -> None:
    image, output = sys.argv[1], sys.argv[2]
    model = sys.argv[3] if len(sys.argv) > 3 else str(MODEL)
    options = ort.SessionOptions()
    options.add_session_config_entry("session.set_denormal_as_zero", "1")
    session = ort.InferenceSession(model, options, providers=["CPUExecutionProvider"])
    bgr = cv2.imread(image, cv2.IMREAD_COLOR)
    if bgr is None:
        sys.exit(f"cannot read {image}")
    if bgr.shape[:2] != (112, 112):
        bgr = cv2.resize(bgr, (112, 112), interpolation=cv2.INTER_AREA)
    planes = ((bgr.astype(np.float32) - 127.5) / 127.5).transpose(2, 0, 1)[np.newaxis]
    embedding = session.run(None, {session.get_inputs()[0].name: np.ascontiguousarray(planes)})[0]
    embedding /= np.linalg.norm(embedding, axis=1, keepdims=True)
    np.save(output, embedding.astype(np.float32))


if __name__ == "__main__":
    main()
