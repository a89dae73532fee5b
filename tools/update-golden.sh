#!/usr/bin/env bash
# Regenerates tests/golden/<blueprint>/ from blueprints/<blueprint>.yaml.
# Golden files are reviewed, not blindly regenerated: read `git diff tests/golden`
# and commit only changes you can explain.
set -euo pipefail
cd "$(dirname "$0")/.."
aip=${AIP:-build/cli/aip}
# Blueprints go to tests/golden/NAME, good examples to tests/golden/examples/NAME.
for spec in blueprints/*.yaml examples/*.yaml; do
  name=$(basename "$spec" .yaml)
  case "$spec" in examples/*) dir="tests/golden/examples/$name" ;; *) dir="tests/golden/$name" ;; esac
  rm -rf "$dir"
  "$aip" synth -q "$spec" -o "$dir"
done
git --no-pager diff --stat -- tests/golden || true
