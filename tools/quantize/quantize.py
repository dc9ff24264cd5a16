"""Makes models/fr_feature_dynbatch_int8.onnx from models/fr_feature_dynbatch.onnx: static QDQ quantisation with
onnxruntime's tools, calibrated on real aligned faces (faces.calibration_crops, each also mirrored: 134 crops),
weights rounded by GPTQ, the output's systematic error removed.

    tools/quantize/fetch.sh && python3 tools/quantize/quantize.py      (about 5 minutes on 2 cores)

Recipe, and why:
- opset 9 -> 13, since per-channel DequantizeLinear (axis) needs opset 13;
- weights int8, symmetric, per output channel; activations uint8, asymmetric, per tensor, ranges at the 0.001 and
  99.999 percentiles of the calibration activations (MinMax ranges are set by a few outliers and cost resolution);
- Conv and Add in int8 (ONNX Runtime fuses them into QLinearConv / QLinearAdd); PRelu stays float between
  DequantizeLinear and QuantizeLinear, because ONNX Runtime has no integer PRelu kernel;
- the last two convolutions (the 7x7 global depthwise one and the 512 x 512 linear one) stay float: they make the
  1x1 embedding map and cost next to nothing (with onnxruntime's default recipe, quantising them cost 0.25 of d');
- the integer weights are chosen by GPTQ (sequential rounding with error feedback through the inverse of the
  layer-input second moments) instead of round-to-nearest, keeping ONNX Runtime's per-channel scales: nearest
  rounding of the depthwise 3x3 kernels, whose taps cancel, was the largest single loss;
- the bias of the last (float) convolution absorbs the int8 model's mean output error on the calibration crops
  (bias correction): the activations' rounding and clipping, not the weights, make almost all of the error (int8
  weights with float activations stay at cosine 0.9998 to fp32), and part of it is an offset shared by every face,
  which raises every different-person similarity alike.
Everything is in a fixed order and the ONNX file has no time stamps: a re-run on the same machine writes the same
bytes (the sha256 is printed; models/manifest.yaml records it)."""
import argparse
import copy
import hashlib
import sys
import tempfile
from pathlib import Path

import numpy as np
import onnx
import onnxruntime as ort
from numpy.lib.stride_tricks import sliding_window_view
from onnx import helper, numpy_helper, version_converter
from onnxruntime.quantization import CalibrationDataReader, CalibrationMethod, QuantFormat, QuantType, quantize_static

sys.path.insert(0, str(Path(__file__).resolve().parent))
import faces  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]


class Batches(CalibrationDataReader):
    def __init__(self, x):
        self.items = iter([{'input': x[i:i + 1]} for i in range(len(x))])

    def get_next(self):
        return next(self.items, None)


def quantize_qdq(model, x, float_convs):
    """onnxruntime's static QDQ quantisation of Conv and Add (all but float_convs)."""
    with tempfile.TemporaryDirectory(prefix='faceembed-quantize-') as folder:
        source, target = Path(folder) / 'fp32.onnx', Path(folder) / 'qdq.onnx'
        onnx.save(model, source)
        quantize_static(source, target, Batches(x), quant_format=QuantFormat.QDQ, per_channel=True,
                        activation_type=QuantType.QUInt8, weight_type=QuantType.QInt8,
                        op_types_to_quantize=['Conv', 'Add'], nodes_to_exclude=float_convs,
                        calibrate_method=CalibrationMethod.Percentile,
                        extra_options={'ActivationSymmetric': False, 'WeightSymmetric': True,
                                       'CalibPercentile': 99.999})
        return onnx.load(target)


def run_with_outputs(model, x, names):
    """The float value of the tensors names, and of the model's own 'output', on the crops x: the tensors are made
    outputs of a copy of model."""
    probe = copy.deepcopy(model)
    for name in names:
        probe.graph.output.append(helper.make_tensor_value_info(name, onnx.TensorProto.FLOAT, None))
    options = ort.SessionOptions()
    options.log_severity_level = 3
    session = ort.InferenceSession(probe.SerializeToString(), options, providers=['CPUExecutionProvider'])
    return dict(zip(names + ['output'], session.run(names + ['output'], {'input': x})))


def conv_inputs(model, x, convs):
    """The float input of every conv in convs, on the calibration crops."""
    values = run_with_outputs(model, x, [n.input[0] for n in convs if n.input[0] != 'input'])
    values['input'] = x
    return values


def gptq(weights, hessian, scales, damp=0.01):
    """Integer weights for rows of weights [R, D] with per-row scales: each column rounded in turn and its error
    spread over the columns not yet rounded, weighted by the inverse of the input second moments (GPTQ)."""
    w = weights.copy()
    h = hessian + damp * np.mean(np.diag(hessian)) * np.eye(len(hessian))
    dead = np.diag(hessian) == 0
    h[dead, dead] = 1
    upper = np.linalg.cholesky(np.linalg.inv(h)).T
    q = np.zeros_like(w)
    for i in range(w.shape[1]):
        q[:, i] = np.clip(np.round(w[:, i] / scales), -127, 127)
        err = (w[:, i] - q[:, i] * scales) / upper[i, i]
        w[:, i + 1:] -= np.outer(err, upper[i, i + 1:])
    return q


def correct_output_bias(fp32, qdq, x, last_conv):
    """Subtracts the int8 model's mean output error on the calibration crops from the bias of last_conv (float, and
    the last node before the output): about a tenth of the error's energy is this offset shared by every face, and
    an offset common to all embeddings raises every different-person similarity."""
    error = (run_with_outputs(qdq, x, [])['output'] - run_with_outputs(fp32, x, [])['output']).mean(0)
    conv = next(n for n in qdq.graph.node if n.name == last_conv)
    bias = next(i for i in qdq.graph.initializer if i.name == conv.input[2])
    corrected = numpy_helper.to_array(bias).astype(np.float64) - error
    bias.CopyFrom(numpy_helper.from_array(corrected.astype(np.float32), bias.name))


def attribute(node, name):
    return next(a for a in node.attribute if a.name == name)


def round_weights(fp32, qdq, x):
    """Replaces the round-to-nearest int8 weights of every quantised conv with GPTQ's, keeping the scales."""
    inits = {i.name: i for i in qdq.graph.initializer}
    producer = {o: n for n in qdq.graph.node for o in n.output}
    float_weights = {i.name: numpy_helper.to_array(i) for i in fp32.graph.initializer}
    quantised = {n.name: producer[n.input[1]] for n in qdq.graph.node
                 if n.op_type == 'Conv' and producer.get(n.input[1], n).op_type == 'DequantizeLinear'}
    convs = [n for n in fp32.graph.node if n.name in quantised]
    activations = conv_inputs(fp32, x, convs)
    for conv in convs:
        dq = quantised[conv.name]
        scales = numpy_helper.to_array(inits[dq.input[1]]).astype(np.float64)
        w = float_weights[conv.input[1]].astype(np.float64)
        out_channels, in_channels, kh, kw = w.shape
        pads = list(attribute(conv, 'pads').ints)
        stride = attribute(conv, 'strides').ints[0]
        a = np.pad(activations[conv.input[0]].astype(np.float64),
                   ((0, 0), (0, 0), (pads[0], pads[2]), (pads[1], pads[3])))
        windows = sliding_window_view(a, (kh, kw), axis=(2, 3))[:, :, ::stride, ::stride]
        if attribute(conv, 'group').i == 1:
            patches = windows.transpose(0, 2, 3, 1, 4, 5).reshape(-1, in_channels * kh * kw)
            q = gptq(w.reshape(out_channels, -1), patches.T @ patches / len(patches), scales)
        else:  # depthwise: each channel sees only its own input plane
            q = np.zeros((out_channels, kh * kw))
            for c in range(out_channels):
                patches = windows[:, c].reshape(-1, kh * kw)
                q[c] = gptq(w[c].reshape(1, -1), patches.T @ patches / len(patches), scales[c:c + 1])[0]
        target = inits[dq.input[0]]
        target.CopyFrom(numpy_helper.from_array(q.reshape(w.shape).astype(np.int8), target.name))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--cache', type=Path, default=Path(__file__).resolve().parent / '.cache',
                        help='where fetch.sh put the inputs')
    parser.add_argument('--output', type=Path, default=ROOT / 'models' / 'fr_feature_dynbatch_int8.onnx')
    args = parser.parse_args()
    finder = faces.FaceFinder(args.cache)
    crops, _ = faces.calibration_crops(args.cache, finder)
    print(f'calibration: {len(crops)} aligned faces, each also mirrored', file=sys.stderr)
    x = faces.to_nchw(crops + [crop[:, ::-1] for crop in crops])
    fp32 = version_converter.convert_version(onnx.load(ROOT / 'models' / 'fr_feature_dynbatch.onnx'), 13)
    float_convs = [n.name for n in fp32.graph.node if n.op_type == 'Conv'][-2:]
    qdq = quantize_qdq(fp32, x, float_convs)
    round_weights(fp32, qdq, x)
    correct_output_bias(fp32, qdq, x, float_convs[-1])
    onnx.checker.check_model(qdq)
    onnx.save(qdq, args.output)
    digest = hashlib.sha256(args.output.read_bytes()).hexdigest()
    print(f'{args.output}: {args.output.stat().st_size} bytes, sha256 {digest}')


if __name__ == '__main__':
    main()
