#!/usr/bin/env bash
# `cdk ls --app DIR` with the real AWS CDK CLI must list exactly aip's stacks.
# Usage: cdk_ls.sh AIP_BINARY SOURCE_DIR CACHE_DIR
set -euo pipefail
aip=$1 source=$2 cache=$3
# Pinned: aws-cdk@latest on the registry is a stale 3.0.0 that cannot read current assemblies.
version=2.1148.1

if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  echo "SKIPPED: node and npm are not installed, so the AWS CDK CLI check did not run"
  exit 77
fi
cdk="$cache/node_modules/.bin/cdk"
if [ ! -x "$cdk" ] || ! grep -q "\"version\": \"$version\"" "$cache/node_modules/aws-cdk/package.json" 2>/dev/null; then
  mkdir -p "$cache"
  if ! npm install --prefix "$cache" --no-audit --no-fund --silent "aws-cdk@$version" >"$cache/npm.log" 2>&1; then
    echo "SKIPPED: could not install aws-cdk@$version from the npm registry (see $cache/npm.log)"
    exit 77
  fi
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
status=0
# examples/cdn.yaml: a platform in eu-west-1 whose CloudFront stacks live in us-east-1.
# examples/existing.yaml: modelled areas mixed with raw resources, an override and
# existing infrastructure (a VPC, groups, buckets, a bus, a user pool, a role);
# examples/resources.yaml and overrides.yaml: the other two ways out on their own.
# examples/environments.yaml and the governed-ml-path and zero-trust-rag blueprints:
# every environment's stacks in one assembly (governed-ml-path: and its shared accounts').
for spec in "$source"/blueprints/*.yaml "$source"/examples/cdn.yaml "$source"/examples/existing.yaml \
            "$source"/examples/resources.yaml "$source"/examples/overrides.yaml "$source"/examples/environments.yaml; do
  "$aip" synth -q "$spec" -o "$work/out"
  expected=$(python3 -c 'import json,sys; print("\n".join(sorted(json.load(open(sys.argv[1]))["artifacts"])))' "$work/out/manifest.json" 2>/dev/null \
             || node -e 'console.log(Object.keys(require(process.argv[1]).artifacts).sort().join("\n"))' "$work/out/manifest.json")
  actual=$(cd "$work" && CDK_DISABLE_VERSION_CHECK=1 "$cdk" ls --app "$work/out" --no-notices 2>"$work/cdk.err" | sort) || {
    echo "FAIL: cdk ls rejected the assembly of $spec:"; cat "$work/cdk.err"; status=1; continue; }
  if [ "$actual" != "$expected" ]; then
    echo "FAIL: cdk ls listed different stacks for $spec"; echo "expected:"; echo "$expected"; echo "actual:"; echo "$actual"
    status=1
  elif [ "$(basename "$spec")" = cdn.yaml ] && ! grep -qx 'shop-prod-us-east-1-cdn' <<<"$actual"; then
    echo "FAIL: cdk ls did not list the us-east-1 cdn stack of $spec:"; echo "$actual"; status=1
  elif [ "$(basename "$spec")" = existing.yaml ] && ! grep -qx 'claims-dev-resources' <<<"$actual"; then
    echo "FAIL: cdk ls did not list the raw resources' stack of $spec:"; echo "$actual"; status=1
  elif [ "$(basename "$spec")" = governed-ml-path.yaml ] &&
       ! { grep -qx 'mlpath-shared-events' <<<"$actual" && grep -qx 'mlpath-dev-iam' <<<"$actual" &&
           grep -qx 'mlpath-test-iam' <<<"$actual" && grep -qx 'mlpath-prod-iam' <<<"$actual"; }; then
    echo "FAIL: cdk ls did not list every environment's and the shared account's stacks of $spec:"; echo "$actual"; status=1
  else
    echo "ok: cdk $version lists $(echo "$actual" | wc -l) stack(s) of $(basename "$spec")"
  fi
  rm -rf "$work/out"
done
exit $status
