#!/usr/bin/env bash
# guard_cfn_guard_agreement: aip's Guard evaluator against cfn-guard 3.1.1
# itself, offline once installed: @cdklabs/cdk-validator-cfnguard (npm,
# Apache-2.0) ships the cfn-guard binary and the AWS Control Tower proactive
# controls as Guard rule files; every one of them is run by both over aip's
# golden templates (tests/golden) and aip must give cfn-guard's verdict for
# every rule and template (cfn_guard_agreement.mjs). Needs node and npm (and
# the npm registry the first time); exits 77, reported as skipped, without
# them or on a machine the package has no binary for.
# usage: cfn_guard_agreement.sh AIP_BINARY SOURCE_DIR CACHE_DIR
set -euo pipefail
aip=$1 source=$2 cache=$3
version=0.0.62  # pinned: its cfn-guard is 3.1.1, the version docs/guard.md follows
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  echo "SKIPPED: node and npm are not installed, so the cfn-guard agreement check did not run"
  exit 77
fi
pkg="$cache/node_modules/@cdklabs/cdk-validator-cfnguard"
if ! grep -q "\"version\": \"$version\"" "$pkg/package.json" 2>/dev/null; then
  mkdir -p "$cache"
  if ! npm install --prefix "$cache" --no-audit --no-fund --silent "@cdklabs/cdk-validator-cfnguard@$version" >"$cache/npm.log" 2>&1; then
    echo "SKIPPED: could not install @cdklabs/cdk-validator-cfnguard@$version from the npm registry (see $cache/npm.log)"
    exit 77
  fi
fi
guard="$pkg/bin/ubuntu/$(uname -m)/cfn-guard"
if ! "$guard" --version >/dev/null 2>&1; then
  echo "SKIPPED: the package has no cfn-guard binary that runs on this machine ($(uname -m))"
  exit 77
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
node "$(dirname "$0")/cfn_guard_agreement.mjs" "$aip" "$guard" "$pkg/rules" "$source/tests/golden" "$work"
