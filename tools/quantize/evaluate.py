"""Verification accuracy of the fp32 and int8 models on the held-out faces (faces.heldout_crops), from embeddings
made by faceembed's Java path (`embed encode`), checked against Python onnxruntime on the same crops.

    python3 tools/quantize/evaluate.py crops DIR          writes the held-out crops as DIR/<person>__<photo>.png
    java -jar embed.jar encode --input DIR --output fp32.npy
    java -jar embed.jar encode --input DIR --output int8.npy --precision int8
    python3 tools/quantize/evaluate.py report DIR fp32.npy int8.npy

Metrics, over every pair of different crops: accuracy at the best threshold (every pair score tried as the threshold
"same person if cosine >= t", the one with the most pairs right; the same rule for both models), and
d' = |mean_same - mean_diff| / sqrt((var_same + var_diff) / 2); per crop, the cosine between the two models'
embeddings. Exits 1 when the int8 model fails the shipping gate (MAX_ACCURACY_DROP, MAX_DPRIME_DROP)."""
import argparse
import sys
from pathlib import Path

import cv2
import numpy as np
import onnxruntime as ort

sys.path.insert(0, str(Path(__file__).resolve().parent))
import faces  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
# The shipping gate of the int8 variant: it ships only if it loses at most this much against fp32.
MAX_ACCURACY_DROP = 0.002
MAX_DPRIME_DROP = 0.1


def verification(embeddings, people):
    sims = embeddings @ embeddings.T
    upper = np.triu_indices(len(people), 1)
    scores = sims[upper]
    same = (people[:, None] == people[None, :])[upper]
    genuine, impostor = scores[same], scores[~same]
    dprime = abs(genuine.mean() - impostor.mean()) / np.sqrt((genuine.var() + impostor.var()) / 2)
    correct = [((scores >= t) == same).sum() for t in np.sort(scores)]
    best = int(np.argmax(correct))
    return dict(pairs_same=int(same.sum()), pairs_diff=int((~same).sum()), accuracy=correct[best] / len(scores),
                threshold=float(np.sort(scores)[best]), dprime=float(dprime), genuine=float(genuine.mean()),
                impostor=float(impostor.mean()))


def python_embeddings(model, crops):
    options = ort.SessionOptions()
    options.log_severity_level = 3
    session = ort.InferenceSession(str(model), options, providers=['CPUExecutionProvider'])
    out = session.run(None, {'input': faces.to_nchw(crops)})[0]
    return out / np.linalg.norm(out, axis=1, keepdims=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    sub = parser.add_subparsers(dest='command', required=True)
    write = sub.add_parser('crops')
    write.add_argument('folder', type=Path)
    write.add_argument('--cache', type=Path, default=Path(__file__).resolve().parent / '.cache')
    report = sub.add_parser('report')
    report.add_argument('folder', type=Path)
    report.add_argument('fp32', type=Path)
    report.add_argument('int8', type=Path)
    args = parser.parse_args()
    if args.command == 'crops':
        crops, people, names = faces.heldout_crops(args.cache, faces.FaceFinder(args.cache))
        args.folder.mkdir(parents=True, exist_ok=True)
        for crop, person, name in zip(crops, people, names):
            cv2.imwrite(str(args.folder / f'{person}__{name}.png'), crop)
        print(f'{len(crops)} crops of {len(set(people))} people in {args.folder}')
        return
    files = [Path(line) for line in Path(str(args.fp32) + '.files.txt').read_text().split()]
    people = np.array([f.name.split('__')[0] for f in files])
    crops = [cv2.imread(str(f)) for f in files]
    java = {'fp32': np.load(args.fp32), 'int8': np.load(args.int8)}
    models = {'fp32': ROOT / 'models' / 'fr_feature_dynbatch.onnx', 'int8': ROOT / 'models' / 'fr_feature_dynbatch_int8.onnx'}
    metrics = {}
    for precision, e in java.items():
        agreement = (e * python_embeddings(models[precision], crops)).sum(1).min()
        m = metrics[precision] = verification(e, people)
        print(f"{precision}: {len(files)} faces of {len(set(people))} people, {m['pairs_same']} same / "
              f"{m['pairs_diff']} different pairs: accuracy {m['accuracy']:.4f} (threshold {m['threshold']:.3f}), "
              f"d' {m['dprime']:.3f}, mean cosine same {m['genuine']:.3f} different {m['impostor']:.3f}; "
              f"Java vs Python onnxruntime: lowest cosine {agreement:.6f}")
    drift = (java['fp32'] * java['int8']).sum(1)
    print(f'int8 vs fp32 per face: lowest cosine {drift.min():.5f}, mean {drift.mean():.5f}')
    accuracy_drop = metrics['fp32']['accuracy'] - metrics['int8']['accuracy']
    dprime_drop = metrics['fp32']['dprime'] - metrics['int8']['dprime']
    passed = accuracy_drop <= MAX_ACCURACY_DROP and dprime_drop <= MAX_DPRIME_DROP
    print(f"gate: accuracy drop {accuracy_drop:.4f} (at most {MAX_ACCURACY_DROP}), d' drop {dprime_drop:.3f} "
          f"(at most {MAX_DPRIME_DROP}): {'PASS' if passed else 'FAIL'}")
    sys.exit(0 if passed else 1)


if __name__ == '__main__':
    main()
