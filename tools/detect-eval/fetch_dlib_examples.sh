#!/usr/bin/env bash
# Fetches the real face photos of the detector evaluation: examples/faces (9 PASCAL VOC photos with 43 hand-boxed
# faces and 68 points each, plus bald_guys.jpg with 24 faces) and examples/johns (5 people x 11 face chips) from
# Debian's source package of dlib 19.24+dfsg-1, pinned by sha256, into DEST (default: build/detect-eval).
#   tools/detect-eval/fetch_dlib_examples.sh [DEST]
# Uses apt with a private configuration: a deb-src entry made from the first Debian mirror of this machine's own apt
# sources, so the system's apt state is untouched and no mirror is named here. Only the 8.6 MB upstream tarball is
# downloaded (not the 200 MB models tarball of the same source package).
set -euo pipefail
dest=${1:-build/detect-eval}
tarball=dlib_19.24+dfsg.orig.tar.bz2
sha256=66b4263822a2ff91a3e769e501c7d7927a13089e178c1427ec19cb0475823cf6

if [[ -d "$dest/dlib/examples/johns" && -d "$dest/dlib/examples/faces" ]]; then
  echo "already there: $dest/dlib/examples" >&2
  exit 0
fi
mkdir -p "$dest"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

mirror=$({ grep -rhoE '(URIs:|deb) +[a-z]+://[^ ]+/debian/?( |$)' /etc/apt/sources.list /etc/apt/sources.list.d/ \
  2>/dev/null || true; } | awk '{print $2}' | head -1)
[[ -n "$mirror" ]] || { echo "no Debian mirror in this machine's apt sources" >&2; exit 1; }
mkdir -p "$work/lists/partial"
echo "deb-src [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $mirror bookworm main" > "$work/sources.list"
apt_opts=(-o "Dir::Etc::sourcelist=$work/sources.list" -o "Dir::Etc::sourceparts=-" -o "Dir::State::Lists=$work/lists"
  -o "Debug::NoLocking=1" -o "APT::Sandbox::User=root")
apt-get "${apt_opts[@]}" -qq update
uri=$(apt-get "${apt_opts[@]}" source --print-uris dlib=19.24+dfsg-1 2>/dev/null \
  | awk -v f="$tarball" '$2 == f { gsub("\047", "", $1); print $1 }')
[[ -n "$uri" ]] || { echo "dlib 19.24+dfsg-1 source not found in the index" >&2; exit 1; }
/usr/lib/apt/apt-helper download-file "$uri" "$work/$tarball" "SHA256:$sha256"
echo "$sha256  $work/$tarball" | sha256sum -c --quiet
mkdir -p "$dest/dlib"
tar -xjf "$work/$tarball" -C "$dest/dlib" --strip-components=1 dlib-19.24+dfsg/examples/faces dlib-19.24+dfsg/examples/johns
echo "$dest/dlib/examples: $(find "$dest/dlib/examples" -name '*.jpg' | wc -l) photos" >&2
