#!/usr/bin/env bash
# `aip graph` of every blueprint (and every example spec) must render through
# Graphviz (`dot -Tsvg`, and `aip graph --format svg`) without a warning or an
# error. Exits 77 (skipped) when Graphviz's dot is not installed
# (tools/setup.sh test installs it).
# usage: graph_renders.sh AIP_BINARY SOURCE_DIR
set -euo pipefail
aip=$1 source=$2
if ! command -v dot >/dev/null; then
  echo "SKIPPED: Graphviz's dot is not installed (apt-get install graphviz, or tools/setup.sh test)"
  exit 77
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
status=0 count=0
for spec in "$source"/blueprints/*.yaml "$source"/examples/*.yaml; do
  name=$(basename "$spec" .yaml)
  if ! "$aip" graph "$spec" -o "$work/$name.dot" 2>"$work/$name.err"; then
    echo "FAIL: aip graph $spec:"; cat "$work/$name.err"; status=1; continue
  fi
  if ! dot -Tsvg "$work/$name.dot" -o "$work/$name.svg" 2>"$work/$name.dot.err" || [ -s "$work/$name.dot.err" ]; then
    echo "FAIL: dot rejected (or warned about) the graph of $spec:"; head -20 "$work/$name.dot.err"; status=1; continue
  fi
  grep -q '<svg' "$work/$name.svg" || { echo "FAIL: no SVG for $spec"; status=1; continue; }
  count=$((count + 1))
done
# --format svg runs dot itself; the same bytes as dot -Tsvg of --format dot.
"$aip" graph "$source/blueprints/network.yaml" --format svg -o "$work/direct.svg"
"$aip" graph "$source/blueprints/network.yaml" | dot -Tsvg > "$work/piped.svg"
cmp -s "$work/direct.svg" "$work/piped.svg" || { echo "FAIL: --format svg differs from dot -Tsvg of --format dot"; status=1; }
# Without dot on PATH: a clear error, exit 2, nothing written.
set +e
PATH=/nonexistent "$aip" graph "$source/blueprints/network.yaml" --format svg -o "$work/none.svg" 2>"$work/none.err"
rc=$?
set -e
if [ $rc -ne 2 ] || ! grep -q "needs Graphviz's \`dot\` program, which is not on PATH" "$work/none.err" || [ -e "$work/none.svg" ]; then
  echo "FAIL: --format svg without dot: exit $rc, $(cat "$work/none.err")"; status=1
fi
[ $status -eq 0 ] && echo "ok: $count graphs rendered through Graphviz $(dot -V 2>&1 | awk '{print $5}')"
exit $status
