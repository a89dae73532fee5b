#!/usr/bin/env bash
# Fails when a library includes a library it may not use. The table is the
# one in docs/ARCHITECTURE.md ("Libraries"): keep the two together.
#
# usage: tools/check-layers.sh [SOURCE_DIR]
set -euo pipefail
root=${1:-$(dirname "$0")/..}
declare -A allowed=(
  [base]="base"
  [net]="net"
  [iam]="base iam"
  [spec]="base net iam spec"
  [cfn]="base net iam cfn"
  [plan]="base net iam spec cfn plan"
  [lint]="base net iam spec cfn plan guard lint"
  [driver]="base net iam spec cfn plan guard lint driver"
  [diff]="base net iam spec cfn plan guard lint driver graph diff"
  [bundled]="base bundled"
  [guard]="base guard"
  [graph]="base iam graph"
)
status=0
for lib in "${!allowed[@]}"; do
  dir="$root/lib/$lib"
  [ -d "$dir" ] || continue
  while IFS= read -r line; do
    file=${line%%:*}
    used=$(sed -E 's/.*#include "([a-z_]+)\/.*/\1/' <<<"${line#*:}")
    if [[ " ${allowed[$lib]} " != *" $used "* ]]; then
      echo "check-layers: ${file#"$root"/} includes $used/, which lib/$lib may not use (allowed: ${allowed[$lib]})" >&2
      status=1
    fi
  done < <(grep -rHE '^#include "[a-z_]+/' "$dir" --include='*.cpp' --include='*.hpp' --include='*.in' || true)
done
for lib in "$root"/lib/*/; do
  name=$(basename "$lib")
  if [ -z "${allowed[$name]+x}" ]; then
    echo "check-layers: lib/$name is not in the table (tools/check-layers.sh, docs/ARCHITECTURE.md)" >&2
    status=1
  fi
done
[ $status -eq 0 ] && echo "check-layers: every library includes only what it may use"
exit $status
