#!/usr/bin/env bash
# aip diff and the AWS CDK's diff engine (@aws-cdk/cloudformation-diff, the
# library behind `cdk diff`) must classify every resource of every corpus pair
# alike (added, removed, updated, replaced, may-replace).
# Usage: cdk_agreement.sh AIP_BINARY TESTS_DIFF_DIR CACHE_DIR
set -euo pipefail
aip=$1 here=$2 cache=$3

if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  echo "SKIPPED: node and npm are not installed, so the cdk diff agreement check did not run"
  exit 77
fi
mkdir -p "$cache"
if ! cmp -s "$here/package.json" "$cache/package.json" || [ ! -d "$cache/node_modules/@aws-cdk/cloudformation-diff" ]; then
  cp "$here/package.json" "$cache/package.json"
  if ! (cd "$cache" && npm install --no-audit --no-fund --silent --no-package-lock >"$cache/npm.log" 2>&1); then
    echo "SKIPPED: could not install the pinned @aws-cdk/cloudformation-diff from the npm registry (see $cache/npm.log)"
    rm -f "$cache/package.json"
    exit 77
  fi
fi
exec node "$here/cdk_agreement.mjs" "$aip" "$here/corpus" "$cache"
