#!/usr/bin/env python3
"""Reads the input/output contract of the bundled face detector and landmark model from the graphs themselves and
checks every claim models/README.md makes about them; prints what it checked and exits non-zero on the first
mismatch.

    python3 tools/models/verify_face_models.py [models/]

Needs onnx, onnxruntime and numpy (any recent version; measured with onnx 1.23.1, onnxruntime 1.30.0).
"""
import itertools
import math
import sys

import numpy as np
import onnx
import onnxruntime as ort
from onnx import numpy_helper

folder = sys.argv[1] if len(sys.argv) > 1 else "models"


def check(condition, what):
    print(("ok    " if condition else "FAIL  ") + what)
    if not condition:
        sys.exit(1)


def io(graph):
    def dims(v):
        return [d.dim_value if d.HasField("dim_value") else d.dim_param for d in v.type.tensor_type.shape.dim]
    return ([(v.name, v.type.tensor_type.elem_type, dims(v)) for v in graph.input if v.name not in
             {i.name for i in graph.initializer}], [(v.name, v.type.tensor_type.elem_type, dims(v)) for v in graph.output])


def constants(graph):
    out = {n.output[0]: numpy_helper.to_array(n.attribute[0].t) for n in graph.node if n.op_type == "Constant"}
    out.update({i.name: numpy_helper.to_array(i) for i in graph.initializer})
    return out


def producer(graph, name):
    return next(n for n in graph.node if name in n.output)


def session(path):
    options = ort.SessionOptions()
    options.log_severity_level = 3
    return ort.InferenceSession(path, options, providers=["CPUExecutionProvider"])


# ---------------------------------------------------------------------------------------------------------------------
print("== fr_detect.onnx")
path = f"{folder}/fr_detect.onnx"
model = onnx.load(path)
g = model.graph
c = constants(g)
inputs, outputs = io(g)
check(inputs == [("input", 1, [1, 3, 240, 320])], f"one float32 input 'input' [1,3,240,320]: {inputs}")
check(outputs == [("scores", 1, [1, 4420, 2]), ("boxes", 1, [1, 4420, 4])],
      f"outputs 'scores' [1,4420,2] and 'boxes' [1,4420,4], float32: {outputs}")
softmax = producer(g, "scores")
check(softmax.op_type == "Softmax" and softmax.attribute[0].i == 2, "scores = Softmax over the last axis (2 classes)")

# The priors of Ultra-Light-Fast-Generic-Face-Detector RFB-320: min sizes per feature map, strides 8/16/32/64; centres
# at (cell + 0.5) / cells of a ceil(size / stride) map, sizes min_size / 320 and / 240, all clipped to [0,1].
min_sizes = [[10, 16, 24], [32, 48], [64, 96], [128, 192, 256]]
strides = [8, 16, 32, 64]
priors = []
for sizes, stride in zip(min_sizes, strides):
    fw, fh = math.ceil(320 / stride), math.ceil(240 / stride)
    for y, x in itertools.product(range(fh), range(fw)):
        for s in sizes:
            priors.append([(x + 0.5) / fw, (y + 0.5) / fh, s / 320, s / 240])
priors = np.clip(np.array(priors, np.float32), 0, 1)
check(len(priors) == 4420, "4420 priors from feature maps 40x30, 20x15, 10x8, 5x4")

# boxes = Concat(centre - wh/2, centre + wh/2) with centre = loc[:2]*0.1*prior_wh + prior_cxcy and
# wh = exp(loc[2:]*0.2)*prior_wh: walk the graph back from 'boxes'.
concat = producer(g, "boxes")
sub, add = producer(g, concat.input[0]), producer(g, concat.input[1])
check(concat.op_type == "Concat" and sub.op_type == "Sub" and add.op_type == "Add",
      "boxes = Concat(centre - half size, centre + half size): corner form x1,y1,x2,y2")
check(float(c[producer(g, sub.input[1]).input[1]]) == 2.0, "half size = wh / 2")
decoded = producer(g, producer(g, sub.input[0]).input[0])
centre_add, size_mul = producer(g, decoded.input[0]), producer(g, decoded.input[1])
centre_mul = producer(g, centre_add.input[0])
variance_mul = producer(g, centre_mul.input[0])
check(abs(float(c[variance_mul.input[1]]) - 0.1) < 1e-7, "centre variance 0.1")
check(np.allclose(c[centre_mul.input[1]][0], priors[:, 2:], atol=1e-6), "centre offsets scaled by the prior w,h")
check(np.allclose(c[centre_add.input[1]][0], priors[:, :2], atol=1e-6), "plus the prior centre (baked in)")
exp = producer(g, size_mul.input[0])
check(exp.op_type == "Exp" and abs(float(c[producer(g, exp.input[0]).input[1]]) - 0.2) < 1e-7,
      "size = exp(0.2 * regression)")
check(np.allclose(c[size_mul.input[1]][0], priors[:, 2:], atol=1e-6), "times the prior w,h: boxes are decoded in"
      " the graph, normalised to [0,1] of the 320x240 input")

rng = np.random.default_rng(1)
scores, boxes = session(path).run(None, {"input": rng.uniform(-1, 1, (1, 3, 240, 320)).astype(np.float32)})
check(np.allclose(scores.sum(-1), 1, atol=1e-5), "each prior's two scores sum to 1 (softmax)")
check(np.all(boxes[0, :, 2] >= boxes[0, :, 0]) and np.all(boxes[0, :, 3] >= boxes[0, :, 1]), "x2 >= x1, y2 >= y1")

# ---------------------------------------------------------------------------------------------------------------------
print("== fr_landmark.onnx")
path = f"{folder}/fr_landmark.onnx"
model = onnx.load(path)
g = model.graph
inputs, outputs = io(g)
check(inputs == [("input", 1, [1, 1, 64, 64])], f"one float32 input 'input' [1,1,64,64] (one grey plane): {inputs}")
check(outputs == [("output", 1, [1, 136])], f"one float32 output 'output' [1,136] = 68 x (x, y): {outputs}")
ops = [n.op_type for n in g.node]
check(ops[-3:] == ["Flatten", "Gemm", "BatchNormalization"], "ends Flatten, Gemm, BatchNormalization: a plain"
      " regression, no sigmoid, so coordinates may leave [0,1] slightly")
first_conv = next(n for n in g.node if n.op_type == "Conv")
check(first_conv.input[0] == "input", "the input goes straight into the first Conv: no normalisation in the graph")
print("all checks passed")
