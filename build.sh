#!/usr/bin/env bash
# The single entry point of the build.
#   ./build.sh        build everything (native shim, Java modules) and leave embed.jar in the repository root
#   ./build.sh test   the same, then run every test: ctest for the native shim, then all Maven tests
# Needs: a JDK 22+ (JAVA_HOME, else the newest under /usr/lib/jvm), Maven, and for the native shim CMake and a C++
# compiler (CUDA and TensorRT parts are built where their toolkits are found).
set -euo pipefail
cd "$(dirname "$0")"
mode=${1:-build}
case "$mode" in
  build|test) ;;
  *) echo "usage: ./build.sh [test]" >&2; exit 2 ;;
esac

say() { printf '==> %s\n' "$*" >&2; }
die() { printf 'build.sh: %s\n' "$*" >&2; exit 1; }

# The feature version of the JDK at $1 (25 for 25.0.3), from its release file; 0 if it is not a JDK.
jdk_feature() {
  local release="$1/release" version
  [[ -x "$1/bin/javac" && -f "$release" ]] || { echo 0; return; }
  version=$(sed -n 's/^JAVA_VERSION="\([^"]*\)"/\1/p' "$release")
  version=${version#1.}
  echo "${version%%[.+-]*}"
}

select_jdk() {
  if [[ -n "${JAVA_HOME:-}" ]]; then
    local f; f=$(jdk_feature "$JAVA_HOME")
    if (( f >= 22 )); then return; fi
    say "JAVA_HOME=$JAVA_HOME is not a JDK 22+ (found feature version $f); looking under /usr/lib/jvm"
  fi
  local best="" best_f=0 home f
  for home in /usr/lib/jvm/*; do
    [[ -d "$home" && ! -L "$home" ]] || continue
    f=$(jdk_feature "$home")
    if (( f >= 22 && f > best_f )); then best=$home; best_f=$f; fi
  done
  [[ -n "$best" ]] || die "no JDK 22 or newer found (JAVA_HOME unset or older, nothing under /usr/lib/jvm).
faceembed uses java.lang.foreign, final in JDK 22. Install a JDK 22+ (e.g. Temurin 25) and set JAVA_HOME to it."
  export JAVA_HOME=$best
}

ensure_native_tools() {
  command -v cmake >/dev/null 2>&1 && command -v g++ >/dev/null 2>&1 && return
  if command -v apt-get >/dev/null 2>&1 && [[ $(id -u) == 0 ]]; then
    say "CMake or g++ not found: installing them with apt-get"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq cmake g++ >/dev/null
  fi
  command -v cmake >/dev/null 2>&1 && command -v g++ >/dev/null 2>&1 \
    || die "CMake and g++ are needed for the native shim: install them (cmake 3.25+, g++ 9+)"
}

# Builds native/ with CMake (CUDA where the toolkit is found, TensorRT parts where TENSORRT_ROOT or the usual
# install paths have its headers), runs ctest in test mode, and lays the library out for the natives jar.
build_native() {
  local args=(-S . -B build/native -DCMAKE_BUILD_TYPE=Release)
  [[ -n "${TENSORRT_ROOT:-}" ]] && args+=("-DTENSORRT_ROOT=$TENSORRT_ROOT")
  say "native shim: cmake ${args[*]}"
  cmake "${args[@]}" >build/native.log 2>&1 || { cat build/native.log >&2; die "CMake configuration failed"; }
  grep -E '^-- faceembed:' build/native.log >&2 || true
  cmake --build build/native -j"$(nproc)" >>build/native.log 2>&1 || { tail -50 build/native.log >&2; die "native build failed"; }
  if [[ "$mode" == test ]]; then
    say "native shim: ctest"
    ctest --test-dir build/native --output-on-failure
    # ctest does not show the output of skipped tests: print their reasons.
    grep -h '^skipped' build/native/Testing/Temporary/LastTest.log | sed 's/^/    native test /' >&2 || true
  fi
  local arch; arch=$(uname -m)
  [[ "$arch" == aarch64 ]] && arch=aarch_64
  variant="linux-$arch$(cat build/native/variant-suffix.txt)"
  local dir="build/native/package/dev/faceembed/native/$variant"
  rm -rf build/native/package && mkdir -p "$dir"
  cp build/native/libfaceembed_trt.so "$dir/"
  {
    echo "# Libraries of the $variant variant of faceembed's native shim"
    echo "variant=$variant"
    echo "libraries=libfaceembed_trt.so"
    echo "sha256.libfaceembed_trt.so=$(sha256sum build/native/libfaceembed_trt.so | cut -d' ' -f1)"
    echo "abi=$(sed -n 's/^#define FE_ABI_VERSION \([0-9]*\)/\1/p' native/include/faceembed_trt.h)"
  } >"$dir/natives.properties"
  say "native shim: $dir/libfaceembed_trt.so"
}

ensure_maven() {
  command -v mvn >/dev/null 2>&1 && return
  if command -v apt-get >/dev/null 2>&1 && [[ $(id -u) == 0 ]]; then
    say "Maven not found: installing it with apt-get"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq maven >/dev/null
  fi
  command -v mvn >/dev/null 2>&1 || die "Maven (mvn) not found: install Maven 3.8+ and put it on PATH"
}

select_jdk
export PATH="$JAVA_HOME/bin:$PATH"
mkdir -p build
echo "$JAVA_HOME" > build/java-home
say "JDK: $JAVA_HOME ($(jdk_feature "$JAVA_HOME"))"
ensure_maven
ensure_native_tools
build_native

mvn_args=(-B -ntp "-Dfaceembed.native.variant=$variant")
if [[ "$mode" == test ]]; then
  say "Maven: build and run all tests"
  mvn "${mvn_args[@]}" install
else
  say "Maven: build (tests skipped; ./build.sh test runs them)"
  mvn "${mvn_args[@]}" -DskipTests install
fi

cp java/cli/target/embed.jar embed.jar
say "embed.jar is ready: java -jar embed.jar --help"
