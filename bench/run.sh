#!/usr/bin/env bash
# Reproduces the JMH tables of bench/RESULTS.md on this machine (about 15 minutes on 2 cores): builds, runs each suite
# into bench/out/<time>/, then prints the tables with ratios ours/peer. Keep the machine otherwise idle.
#   bench/run.sh            everything
#   bench/run.sh quick      one short pass of each suite (a smoke test of the harness, numbers not meaningful)
# PYTHON=<python with onnxruntime and numpy> adds the out-of-the-box Python onnxruntime comparison.
set -euo pipefail
cd "$(dirname "$0")/.."
quick=${1:-}

./build.sh >/dev/null
java="$(cat build/java-home)/bin/java"
jar=java/bench/target/benchmarks.jar
out="bench/out/$(date +%Y%m%d-%H%M%S)"
mkdir -p "$out"
short=()
[[ "$quick" == quick ]] && short=(-wi 1 -w 1 -i 1 -r 1)

jmh() {
  local name=$1; shift
  echo "==> $name" >&2
  "$java" -jar "$jar" "$@" "${short[@]}" -jvm "$java" -rf json -rff "$out/$name.json" | tee "$out/$name.txt" \
    | grep -E '^(Benchmark|[A-Z][A-Za-z]+Benchmark\.)' >&2
}

{
  echo "machine: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores; $("$java" -version 2>&1 | head -1)"
  echo "commit: $(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
} > "$out/machine.txt"

jmh peer-t1 PeerBenchmark -t 1
jmh peer-t2 PeerBenchmark -t 2
jmh overhead PeerBenchmark -p model=flatten -p batch=1,32 -p impl=faceembed-float32,ortjava-direct,ortjava-array \
  -t 1 -w 1 -r 1 -i 5
jmh defaults PeerBenchmark -p settings=defaults -p batch=1,32 -p impl=faceembed-uint8,ortjava-array -t 1
jmh alloc EncodeIntoBenchmark -prof gc
jmh batching BatchingBenchmark -p mode=direct -p workers=1
jmh batching-batched BatchingBenchmark -p mode=batched

python=${PYTHON:-python3}
if "$python" -c "import onnxruntime, numpy" 2>/dev/null; then
  echo "==> python onnxruntime (out of the box)" >&2
  "$python" bench/python_reference.py > "$out/python.txt"
else
  echo "Python onnxruntime not installed (PYTHON=$python): no Python comparison" > "$out/python.txt"
fi

python3 bench/summarize.py "$out"
echo
cat "$out/python.txt"
