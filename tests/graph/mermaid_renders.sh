#!/usr/bin/env bash
# The Mermaid of `aip graph --format mermaid` (every blueprint and example
# spec) and of `aip diff --format markdown` must parse with Mermaid's own
# parser. Needs node and npm (and the npm registry the first time, to install
# mermaid and jsdom into CACHE_DIR); exits 77, reported as skipped, without them.
# usage: mermaid_renders.sh AIP_BINARY SOURCE_DIR CACHE_DIR
set -euo pipefail
aip=$1 source=$2 cache=$3
# Pinned, so a new release cannot change the verdict between two runs.
mermaid_version=11.12.2 jsdom_version=29.1.1
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  echo "SKIPPED: node and npm are not installed, so the Mermaid parser check did not run"
  exit 77
fi
if ! grep -q "\"version\": \"$mermaid_version\"" "$cache/node_modules/mermaid/package.json" 2>/dev/null ||
   ! grep -q "\"version\": \"$jsdom_version\"" "$cache/node_modules/jsdom/package.json" 2>/dev/null; then
  mkdir -p "$cache"
  if ! npm install --prefix "$cache" --no-audit --no-fund --silent "mermaid@$mermaid_version" "jsdom@$jsdom_version" \
       >"$cache/npm.log" 2>&1; then
    echo "SKIPPED: could not install mermaid@$mermaid_version and jsdom@$jsdom_version from the npm registry (see $cache/npm.log)"
    exit 77
  fi
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
files=()
for spec in "$source"/blueprints/*.yaml "$source"/examples/*.yaml; do
  out="$work/$(basename "$spec" .yaml).mmd"
  "$aip" graph "$spec" --format mermaid -o "$out"
  files+=("$out")
done
# The diagram a pull-request summary embeds: a diff with every kind of change.
"$aip" diff "$source/tests/graph/data/diff-old.template.yaml" "$source/tests/graph/data/diff-new.template.yaml" --format markdown > "$work/diff.md"
awk '/^```mermaid$/{on=1; n++; next} /^```$/{on=0} on{print > (dir "/diff-" n ".mmd")}' dir="$work" "$work/diff.md"
ls "$work"/diff-*.mmd >/dev/null 2>&1 || { echo "FAIL: aip diff --format markdown embedded no Mermaid diagram"; exit 1; }
files+=("$work"/diff-*.mmd)
node "$(dirname "$0")/mermaid_parse.mjs" "$cache/node_modules" "${files[@]}"
