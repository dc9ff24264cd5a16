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
say "JDK: $JAVA_HOME ($(jdk_feature "$JAVA_HOME"))"
ensure_maven

mvn_args=(-B -ntp)
if [[ "$mode" == test ]]; then
  say "Maven: build and run all tests"
  mvn "${mvn_args[@]}" install
else
  say "Maven: build (tests skipped; ./build.sh test runs them)"
  mvn "${mvn_args[@]}" -DskipTests install
fi

cp java/cli/target/embed.jar embed.jar
say "embed.jar is ready: java -jar embed.jar --help"
