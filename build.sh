#!/usr/bin/env bash
# The single entry point of the build.
#   ./build.sh        build everything (native shim, Java modules) and leave embed.jar in the repository root
#   ./build.sh test   the same, then run every test: ctest for the native shim, all Maven tests (the examples/ apps
#                     built against this build's artifacts included), the licence list of the shaded jars, and a
#                     second build in another folder whose jars must be byte-identical to the first's
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

# Every library shaded into embed.jar or the Spark job jar is listed, with its licence, in THIRD-PARTY.md.
check_third_party() {
  local missing=() ga
  for ga in $(sed -nE 's/^ +([^:]+):([^:]+):.*/\1:\2/p' java/cli/target/runtime-dependencies.txt \
                java/spark/target/runtime-dependencies.txt | grep -v '^dev\.faceembed:' | sort -u); do
    grep -qF "\`$ga\`" THIRD-PARTY.md || missing+=("$ga")
  done
  (( ${#missing[@]} == 0 )) || die "THIRD-PARTY.md does not list these shaded libraries: ${missing[*]}.
Add each with its version, licence and any NOTICE its licence asks to keep."
  say "THIRD-PARTY.md lists every library shaded into embed.jar and the Spark job jar"
}

# Builds the jars a second time, from a copy of the sources in another folder, and requires each to be byte-identical
# to this build's: the same sources and JDK give the same artifacts wherever they are built (project.build.
# outputTimestamp in pom.xml fixes the time of every archive entry).
check_reproducible() {
  local copy=build/rebuild jar count=0 differ=()
  say "reproducible build: the jars again, built in $copy"
  rm -rf "$copy" && mkdir -p "$copy/build/native"
  tar -c --exclude=./build --exclude=./embed.jar --exclude=./.git --exclude='*/target' -f - . | tar -x -C "$copy"
  cp -r build/native/package "$copy/build/native/"
  (cd "$copy" && mvn -B -ntp -o -DskipTests "-Dfaceembed.native.variant=$variant" -pl '!java/bench,!examples' \
    package) >build/rebuild.log 2>&1 || { tail -40 build/rebuild.log >&2; die "the second build failed (build/rebuild.log)"; }
  while IFS= read -r jar; do
    count=$((count + 1))
    cmp -s "$jar" "$copy/$jar" || differ+=("$jar")
  done < <(find . \( -path ./build -o -path ./examples -o -path ./java/bench \) -prune -o \
             -regex '.*/target/[^/]*\.jar' ! -name 'original-*' -print | sed 's|^\./||' | sort)
  (( ${#differ[@]} == 0 )) || die "not reproducible: ${differ[*]} differ from $copy/... (compare the two with
diffoscope, or unzip -lv)"
  say "reproducible build: all $count jars byte-identical"
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
  # From clean: the reproducibility check compares against a build made from scratch.
  mvn "${mvn_args[@]}" clean install dependency:list -DincludeScope=runtime \
    -DoutputFile=target/runtime-dependencies.txt
  check_third_party
  check_reproducible
else
  say "Maven: build (tests skipped; ./build.sh test runs them)"
  mvn "${mvn_args[@]}" -DskipTests install
fi

cp java/cli/target/embed.jar embed.jar
say "embed.jar is ready: java -jar embed.jar --help"
