#!/usr/bin/env bash
# The GPU benchmark plan, end to end, for a machine with an NVIDIA GPU, its driver (580+ for CUDA 13) and TensorRT 10
# (libnvinfer.so.10 and libnvonnxparser.so.10 visible to the dynamic linker, trtexec on PATH, headers for the build).
#
#   TENSORRT_ROOT=/usr/src/tensorrt bench/gpu/run.sh [model.onnx]
#
# model.onnx defaults to the bundled model; for the ArcFace R100 cost, pass an IResNet-100 ONNX export with a dynamic
# batch (see bench/gpu/README.md). Steps, each written to bench/out/gpu-<time>/:
#   1. build with the TensorRT parts, and the shim's GPU tests (kernels against the CPU reference, pinned copies);
#   2. `embed build` of an fp16 and an fp32 engine (profile 1..256, tuned for 64) into a fresh engine cache;
#   3. trtexec on the same engines, batch 32/64/128/256, as the ceiling (no host transfers, then with them);
#   4. `embed benchmark --backend tensorrt` on the same engines: uint8 and float32 input, 1 and 2 streams;
#   5. the PyTorch fp16 reference (IResNet-100 eager), when torch with CUDA is installed;
#   6. a summary table: our faces/s as a fraction of trtexec's.
set -euo pipefail
cd "$(dirname "$0")/../.."
: "${TENSORRT_ROOT:?set TENSORRT_ROOT to the TensorRT 10 folder with include/NvInfer.h}"
command -v trtexec >/dev/null || { echo "trtexec not found on PATH (it ships with TensorRT)" >&2; exit 2; }

out="bench/out/gpu-$(date +%Y%m%d-%H%M%S)"
mkdir -p "$out"
TENSORRT_ROOT="$TENSORRT_ROOT" ./build.sh | tee "$out/build.txt"
java="$(cat build/java-home)/bin/java"
embed=("$java" -jar embed.jar)
model=${1:-models/fr_feature_dynbatch.onnx}
input=$(python3 -c "import onnx,sys; print(onnx.load(sys.argv[1]).graph.input[0].name)" "$model" 2>/dev/null || echo input)
cache="$out/engines"

"${embed[@]}" info --json > "$out/info.json"
ctest --test-dir build/native -R 'gpu' --output-on-failure | tee "$out/ctest-gpu.txt"

for precision in fp16 fp32; do
  "${embed[@]}" build --onnx-path "$model" --precision "$precision" --opt-batch 64 --max-batch 256 \
    --engine-cache "$cache" --json "$out/build-$precision.json"
done

summary="$out/summary.md"
{
  echo "# GPU results: $(nvidia-smi --query-gpu=name,driver_version --format=csv,noheader | head -1)"
  echo
  echo "model: $model; $(grep -m1 -o '"tensorrt": "[^"]*"' "$out/info.json" || true)"
  echo
  echo "| precision | batch | trtexec faces/s (no transfers) | trtexec faces/s | ours uint8 1 stream | ours uint8 2 streams | ours float32 2 streams | ours / trtexec |"
  echo "|---|---|---|---|---|---|---|---|"
} > "$summary"

faces_per_second() { python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['throughput_fps'])" "$1"; }

for precision in fp16 fp32; do
  plan=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['engine_path'])" "$out/build-$precision.json")
  for batch in 32 64 128 256; do
    ceiling_log="$out/trtexec-$precision-b$batch"
    trtexec --loadEngine="$plan" --shapes="$input:${batch}x3x112x112" --noDataTransfers --duration=10 \
      > "$ceiling_log-nodata.txt" 2>&1
    trtexec --loadEngine="$plan" --shapes="$input:${batch}x3x112x112" --duration=10 > "$ceiling_log.txt" 2>&1
    qps_nodata=$(sed -n 's/.*Throughput: \([0-9.]*\) qps.*/\1/p' "$ceiling_log-nodata.txt" | tail -1)
    qps=$(sed -n 's/.*Throughput: \([0-9.]*\) qps.*/\1/p' "$ceiling_log.txt" | tail -1)
    results=()
    for variant in "uint8 1" "uint8 2" "float32 2"; do
      read -r type streams <<<"$variant"
      json="$out/ours-$precision-b$batch-$type-s$streams.json"
      FACEEMBED_TENSORRT_STREAMS=$streams FACEEMBED_TENSORRT_PRECISION=$precision \
        FACEEMBED_TENSORRT_ENGINE_CACHE_DIR="$cache" FACEEMBED_TENSORRT_MAX_BATCH_SIZE=256 \
        FACEEMBED_TENSORRT_OPT_BATCH_SIZE=64 \
        "${embed[@]}" benchmark --backend tensorrt --no-fallback --model "$model" --batch "$batch" \
        --input-type "$type" --iterations 50 --warmup 10 --json "$json" -q > /dev/null
      results+=("$(faces_per_second "$json")")
    done
    python3 - "$precision" "$batch" "$qps_nodata" "$qps" "${results[@]}" >> "$summary" <<'PY'
import sys
precision, batch, nodata, qps, u1, u2, f2 = sys.argv[1:]
batch = int(batch)
ceiling = float(nodata) * batch
print(f"| {precision} | {batch} | {ceiling:.0f} | {float(qps) * batch:.0f} | {float(u1):.0f} | {float(u2):.0f} | "
      f"{float(f2):.0f} | {max(float(u1), float(u2), float(f2)) / ceiling:.2f} |")
PY
  done
done

if python3 -c "import torch; assert torch.cuda.is_available()" 2>/dev/null; then
  python3 bench/gpu/pytorch_iresnet.py --depth 100 --fp16 --batches 32,64,128,256 | tee "$out/pytorch.txt"
else
  echo "PyTorch with CUDA not installed: no PyTorch reference" | tee "$out/pytorch.txt"
fi
cat "$summary"
