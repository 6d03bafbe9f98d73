#!/bin/sh
# A scripted editor: step N of $EDIT_STEPS (space-separated) applies to the file in $1; each
# call appends what it was shown to $EDIT_LOG.
n=$(cat "$EDIT_STATE" 2>/dev/null || echo 0)
echo $((n + 1)) > "$EDIT_STATE"
i=0; step=keep
for s in $EDIT_STEPS; do [ $i -eq $n ] && step=$s; i=$((i + 1)); done
{ echo "=== call $n ($step)"; cat "$1"; } >> "$EDIT_LOG"
case "$step" in
  keep) ;;
  empty) : > "$1" ;;
  badyaml) printf 'apiVersion: v1\nkind: [\n' >> "$1" ;;
  *) sed -i "$(printf '%s' "$step" | tr '~' ' ')" "$1" ;;
esac
