#!/usr/bin/env bash
# Downloads the face photos and face models that quantize.py needs, with the registries' own clients (apt, npm, pip),
# into a cache folder, and checks the sha256 of every package. Nothing from these packages is committed.
#   tools/quantize/fetch.sh [CACHE]      default CACHE: tools/quantize/.cache
set -euo pipefail
cache=${1:-"$(dirname "$0")/.cache"}
mkdir -p "$cache/wheels"
cd "$cache"

DLIB=dlib_19.24+dfsg.orig.tar.bz2
DLIB_SHA=66b4263822a2ff91a3e769e501c7d7927a13089e178c1427ec19cb0475823cf6
FACEPLUGIN=faceplugin-face-recognition-js-0.0.1.tgz
FACEPLUGIN_SHA=7ea06031d9a3f83753254fcff60506a07b81b46fc84d4ee024cd041f260ec1ba
FACEAPI=vladmandic-face-api-1.7.15.tgz
FACEAPI_SHA=0d77fffeef362ef9c0939cf6c567f3a2e8e177f114fa257a3270cbd2e509b031

has() { [[ -f "$2" ]] && echo "$1  $2" | sha256sum -c --quiet - >/dev/null 2>&1; }
verify() { echo "$1  $2" | sha256sum -c --quiet - || { echo "fetch.sh: $2 has the wrong sha256" >&2; exit 1; }; }

# Debian source package dlib 19.24+dfsg-1: only its orig tarball (examples/johns, examples/faces), not the 200 MB
# models tarball that `apt-get source` would also fetch. The deb-src entries are derived from this machine's own apt
# sources into a private folder, so the system's apt configuration is left as it is.
if ! has "$DLIB_SHA" "$DLIB"; then
  apt_dir=$(mktemp -d)
  chmod 755 "$apt_dir"   # apt's download user must reach the lists folder
  mkdir -p "$apt_dir/lists/partial" "$apt_dir/parts"
  for f in /etc/apt/sources.list.d/*.sources; do
    [[ -f "$f" ]] && sed 's/^Types: deb$/Types: deb-src/' "$f" > "$apt_dir/parts/$(basename "$f")"
  done
  sed -n 's/^deb /deb-src /p' /etc/apt/sources.list 2>/dev/null > "$apt_dir/src.list" || true
  apt_opts=(-o "Dir::Etc::sourcelist=$apt_dir/src.list" -o "Dir::Etc::sourceparts=$apt_dir/parts"
            -o "Dir::State::Lists=$apt_dir/lists")
  apt-get "${apt_opts[@]}" -qq update
  uri=$(apt-get "${apt_opts[@]}" source --print-uris dlib=19.24+dfsg-1 \
        | awk -v file="$DLIB" '$2 == file { gsub("\047", "", $1); print $1 }')
  /usr/lib/apt/apt-helper download-file "$uri" "$DLIB" "SHA256:$DLIB_SHA"
  rm -rf "$apt_dir"
fi
verify "$DLIB_SHA" "$DLIB"

# npm: the face detector and landmark models (MIT, the same package as the bundled embedder) and the demo photos of
# @vladmandic/face-api (MIT; the author's own photos).
has "$FACEPLUGIN_SHA" "$FACEPLUGIN" || npm pack --silent faceplugin-face-recognition-js@0.0.1 >/dev/null
verify "$FACEPLUGIN_SHA" "$FACEPLUGIN"
has "$FACEAPI_SHA" "$FACEAPI" || npm pack --silent @vladmandic/face-api@1.7.15 >/dev/null
verify "$FACEAPI_SHA" "$FACEAPI"

# pip: two public-domain portraits shipped in wheels (checked by the sha256 of the image inside, in quantize.py,
# since a wheel's bytes depend on the platform tag the index serves).
ls wheels/scikit_image-0.26.0-*.whl >/dev/null 2>&1 \
  || python3 -m pip download -q --retries 1 --no-deps --only-binary=:all: -d wheels scikit-image==0.26.0
ls wheels/matplotlib-3.11.2-*.whl >/dev/null 2>&1 \
  || python3 -m pip download -q --retries 1 --no-deps --only-binary=:all: -d wheels matplotlib==3.11.2
echo "fetch.sh: inputs ready in $(pwd)"
