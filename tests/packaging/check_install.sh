#!/usr/bin/env bash
# `cmake --install` into a fresh prefix puts every file in its place, and the
# installed aip synthesizes a bundled blueprint from an unrelated directory,
# with an empty environment (no source tree, no PATH).
# Usage: check_install.sh BUILD_DIR
set -euo pipefail
build=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
prefix=$work/prefix
cmake --install "$build" --prefix "$prefix" >/dev/null

for f in bin/aip share/man/man1/aip.1 share/man/man1/aip-synth.1 share/man/man1/aip-lint.1 \
         share/bash-completion/completions/aip share/zsh/site-functions/_aip \
         share/fish/vendor_completions.d/aip.fish share/doc/aip/copyright share/doc/aip/LICENSE share/doc/aip/README.md; do
  [ -f "$prefix/$f" ] || { echo "FAIL: $f not installed"; find "$prefix" -type f; exit 1; }
done

mkdir "$work/elsewhere"
cd "$work/elsewhere"
env -i "$prefix/bin/aip" init --blueprint lang-portal . >/dev/null
env -i "$prefix/bin/aip" synth platform.yaml -o cdk.out -q
[ -f cdk.out/manifest.json ] || { echo "FAIL: the installed aip wrote no manifest.json"; exit 1; }
stacks=$(ls cdk.out/*.template.json | wc -l)
[ "$stacks" -gt 0 ] || { echo "FAIL: no templates"; exit 1; }
# man finds the installed page by name.
MANPATH=$prefix/share/man man -w aip-synth | grep -q "$prefix/share/man/man1/aip-synth.1" ||
  { echo "FAIL: man does not find aip-synth under the prefix"; exit 1; }
echo "installed into $prefix; the installed aip synthesized lang-portal ($stacks stacks)"
