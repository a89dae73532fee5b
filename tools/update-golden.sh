#!/usr/bin/env bash
# Regenerates tests/golden/<blueprint>/ from blueprints/<blueprint>.yaml.
# Golden files are reviewed, not blindly regenerated: read `git diff tests/golden`
# and commit only changes you can explain.
set -euo pipefail
cd "$(dirname "$0")/.."
aip=${AIP:-build/cli/aip}
for spec in blueprints/*.yaml; do
  name=$(basename "$spec" .yaml)
  rm -rf "tests/golden/$name"
  "$aip" synth -q "$spec" -o "tests/golden/$name"
done
git --no-pager diff --stat -- tests/golden || true
