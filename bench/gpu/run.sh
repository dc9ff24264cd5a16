#!/usr/bin/env bash
# The GPU benchmark plan, end to end, for a machine with an NVIDIA GPU, its driver (580+ for CUDA 13), the CUDA 13
# toolkit and TensorRT 10 (libnvinfer.so.10 and libnvonnxparser.so.10 visible to the dynamic linker, trtexec on PATH,
# headers for the build). One command:
#
#   TENSORRT_ROOT=/usr/src/tensorrt bench/gpu/run.sh [model.onnx]
#
# model.onnx defaults to the bundled model; for the ArcFace R100 cost, pass an IResNet-100 ONNX export with a dynamic
# batch (see bench/gpu/README.md). Steps, each written to bench/out/gpu-<time>/:
#   1. build the native shim with the TensorRT parts (build/gpu) and run every native test, the GPU ones included;
#   2. build an fp16 and an fp32 engine (profile 1..256, tuned for 64) with the shim (fe_bench);
#   3. trtexec on the same engines as the ceiling, at chunk sizes 32/64/128/256: CUDA graphs, without host transfers
#      and with them;
#   4. the shim's runner on the same engines (fe_bench), calls of 4 chunks: CUDA graphs off and on, 1 and 2 streams,
#      blocking and spinning waits, uint8 and float32 input, pinned input and output;
#   5. the PyTorch fp16 reference (IResNet-100 eager), when torch with CUDA is installed;
#   6. summary.md: faces/s of each configuration, as a fraction of trtexec's, and how much the chunks overlapped.
set -euo pipefail
cd "$(dirname "$0")/../.."
: "${TENSORRT_ROOT:?set TENSORRT_ROOT to the TensorRT 10 folder with include/NvInfer.h}"
command -v trtexec >/dev/null || { echo "trtexec not found on PATH (it ships with TensorRT)" >&2; exit 2; }

out="bench/out/gpu-$(date +%Y%m%d-%H%M%S)"
mkdir -p "$out"
model=${1:-models/fr_feature_dynbatch.onnx}
input=$(python3 -c "import onnx,sys; print(onnx.load(sys.argv[1]).graph.input[0].name)" "$model" 2>/dev/null \
  || echo input)

cmake -S . -B build/gpu -DCMAKE_BUILD_TYPE=Release -DTENSORRT_ROOT="$TENSORRT_ROOT" > "$out/build.txt" 2>&1
cmake --build build/gpu -j"$(nproc)" >> "$out/build.txt" 2>&1 || { tail -40 "$out/build.txt"; exit 1; }
grep -E '^-- faceembed:' "$out/build.txt" || true
bench/gpu/run_native_tests.sh build/gpu "$model" 2>&1 | tee "$out/native-tests.txt" || true
nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv > "$out/gpu.txt" || true
bench=build/gpu/fe_bench

for precision in fp16 fp32; do
  "$bench" --onnx "$model" --precision "$precision" --profile 1,64,256 --save-plan "$out/engine-$precision.plan"
done

for precision in fp16 fp32; do
  plan="$out/engine-$precision.plan"
  for chunk in 32 64 128 256; do
    log="$out/trtexec-$precision-c$chunk"
    trtexec --loadEngine="$plan" --shapes="$input:${chunk}x3x112x112" --useCudaGraph --noDataTransfers \
      --duration=10 > "$log-nodata.txt" 2>&1
    trtexec --loadEngine="$plan" --shapes="$input:${chunk}x3x112x112" --useCudaGraph --duration=10 \
      > "$log.txt" 2>&1
    "$bench" --plan "$plan" --chunk "$chunk" --batch $((chunk * 4)) --iterations 50 --warmup 10 \
      --streams 1,2 --graphs 0,1 --spin 0,1 --layouts uint8,float32 > "$out/ours-$precision-c$chunk.jsonl"
  done
done

python3 - "$out" > "$out/summary.md" <<'PY'
import json, pathlib, re, sys
out = pathlib.Path(sys.argv[1])
gpu = (out / "gpu.txt").read_text().strip().splitlines()[-1] if (out / "gpu.txt").exists() else "unknown GPU"
print(f"# GPU results: {gpu}\n")
print("trtexec: CUDA graphs, one chunk per inference (faces/s = qps x chunk). Ours: calls of 4 chunks, pinned "
      "input and output; overlap = sum of the chunks' GPU spans / the call's GPU span (above 1: chunks overlapped).\n")
print("| precision | chunk | trtexec no transfers | trtexec with transfers | layout | streams | graphs | wait | "
      "ours faces/s | ours / trtexec (with transfers) | CPU ms per call | overlap |")
print("|---|---|---|---|---|---|---|---|---|---|---|---|")
def qps(path):
    found = re.findall(r"Throughput: ([0-9.]+) qps", path.read_text()) if path.exists() else []
    return float(found[-1]) if found else float("nan")
for precision in ("fp16", "fp32"):
    for chunk in (32, 64, 128, 256):
        nodata = qps(out / f"trtexec-{precision}-c{chunk}-nodata.txt") * chunk
        data = qps(out / f"trtexec-{precision}-c{chunk}.txt") * chunk
        path = out / f"ours-{precision}-c{chunk}.jsonl"
        for line in path.read_text().splitlines() if path.exists() else []:
            r = json.loads(line)
            overlap = r["chunk_sum_ms"] / r["span_ms"] if r["span_ms"] > 0 else float("nan")
            print(f"| {precision} | {chunk} | {nodata:.0f} | {data:.0f} | {r['layout']} | {r['streams']} | "
                  f"{'on' if r['graphs_active'] else 'off'} | {'spin' if r['spin_wait'] else 'blocking'} | "
                  f"{r['faces_per_second']:.0f} | {r['faces_per_second'] / data:.2f} | {r['cpu_per_call_ms']:.2f} | "
                  f"{overlap:.2f} |")
PY

if python3 -c "import torch; assert torch.cuda.is_available()" 2>/dev/null; then
  python3 bench/gpu/pytorch_iresnet.py --depth 100 --fp16 --batches 32,64,128,256 | tee "$out/pytorch.txt"
else
  echo "PyTorch with CUDA not installed: no PyTorch reference" | tee "$out/pytorch.txt"
fi
cat "$out/summary.md"
