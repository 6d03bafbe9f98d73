#!/bin/sh
# The `bosun` executable (dist/bosun). It starts Node from bosun's startup snapshot
# (dist/bosun.blob, src/cli/boot/snapshot.ts): the CLI and the rooms of `helm template` already
# evaluated and compiled, so a start-up skips reading, compiling and evaluating them. A snapshot
# fits only the Node that built it, with the same V8 flags (else V8 exits 14), so it is used only
# when `node` here is the one the build ran (bosun.blob.node) and NODE_OPTIONS is empty;
# otherwise, or with BOSUN_SNAPSHOT=off, this runs dist/bosun.mjs (V8 code cache) as
# `node dist/bosun.mjs` would. Shell built-ins where it can: a fork costs ~1 ms.

self=$0
# npm links the bin into node_modules/.bin: follow links to the dist directory
while [ -L "$self" ]; do
  link=$(readlink "$self")
  case $link in
  /*) self=$link ;;
  *) self=${self%/*}/$link ;;
  esac
done
case $self in
*/*) dir=${self%/*} ;;
*) dir=. ;;
esac

# Commands that open no TLS connection need not pay for NODE_EXTRA_CA_CERTS, which Node loads
# before any JavaScript runs (~30 ms with a system bundle): it is moved aside for them and put
# back into process.env first thing (src/cli/boot/env.ts), so child processes still see it.
if [ -n "${NODE_EXTRA_CA_CERTS:-}" ]; then
  offline=
  case "${1:-} ${2:-}" in
  'helm template' | 'helm lint' | 'helm show' | 'helm create' | '--version '*) offline=1 ;;
  esac
  if [ -n "$offline" ]; then
    for arg; do
      case $arg in
      *://* | --repo | --repo=*) offline= ;;
      esac
    done
  fi
  if [ -n "$offline" ]; then
    BOSUN_DEFERRED_NODE_EXTRA_CA_CERTS=$NODE_EXTRA_CA_CERTS
    export BOSUN_DEFERRED_NODE_EXTRA_CA_CERTS
    unset NODE_EXTRA_CA_CERTS
  fi
fi

# the `node` on PATH, as `#!/usr/bin/env node` would run (a loop, not $(command -v): no fork)
node=
saved_ifs=$IFS
IFS=:
for d in $PATH; do
  if [ -f "${d:-.}/node" ] && [ -x "${d:-.}/node" ]; then
    node=${d:-.}/node
    break
  fi
done
IFS=$saved_ifs
if [ -z "$node" ]; then
  echo 'bosun: node not found on PATH' >&2
  exit 127
fi
blob=$dir/bosun.blob
# the build recorded the Node it ran: its path and `ls -lLn` line (size and time, which a package
# manager's upgrade in place changes; V8 aborts on a snapshot of another version)
if [ "${BOSUN_SNAPSHOT:-}" != off ] && [ -z "${NODE_OPTIONS:-}" ] && [ -f "$blob" ] &&
  { read -r built_path && read -r built_stat; } <"$blob.node" && [ "$built_path" = "$node" ] &&
  [ "$(ls -lLn "$node")" = "$built_stat" ]; then
  exec "$node" --snapshot-blob "$blob" "$dir/bosun.mjs" "$@"
fi
exec "$node" "$dir/bosun.mjs" "$@"
