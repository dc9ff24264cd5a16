#!/usr/bin/env bash
# Runs the native tests of a build folder without CMake or ctest, e.g. on a GPU machine the folder was copied to.
#
#   bench/gpu/run_native_tests.sh [build-folder] [model.onnx] [test-name-regex]
#
# build-folder defaults to build/native, the model to models/fr_feature_dynbatch.onnx, the regex to every test.
# Reads <build-folder>/tests.txt ("<name> <binary> <args...>", written by CMake; @BUILD@ and @MODEL@ stand for the
# build folder and the model), runs each test from the build folder, prints its output, and counts exit code 0 as
# passed, 77 as skipped (the test printed why) and anything else as failed. Exits 1 if any test failed.
set -uo pipefail
build=$(cd "${1:-build/native}" && pwd) || { echo "no build folder ${1:-build/native}" >&2; exit 2; }
model=$(realpath "${2:-models/fr_feature_dynbatch.onnx}") || { echo "no model ${2:-}" >&2; exit 2; }
filter=${3:-.}
manifest="$build/tests.txt"
[[ -f "$manifest" ]] || { echo "$manifest not found: build with CMake first" >&2; exit 2; }

passed=0; skipped=0; failed=0; failures=()
while read -r name binary args; do
  [[ -n "$name" && "$name" =~ $filter ]] || continue
  args=${args//@BUILD@/$build}
  args=${args//@MODEL@/$model}
  echo "=== $name"
  # shellcheck disable=SC2086 # the arguments are words without spaces, by construction
  (cd "$build" && LD_LIBRARY_PATH="$build${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}" "./$binary" $args)
  status=$?
  case $status in
    0) passed=$((passed + 1)) ;;
    77) skipped=$((skipped + 1)) ;;
    *) failed=$((failed + 1)); failures+=("$name (exit $status)") ;;
  esac
done < "$manifest"

echo "=== $passed passed, $skipped skipped, $failed failed"
for f in "${failures[@]}"; do echo "failed: $f"; done
(( failed == 0 ))
