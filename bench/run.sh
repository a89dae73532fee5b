#!/usr/bin/env bash
# Benchmarks of aip (not tests): synth at growing sizes (median wall time and
# peak memory), validation of a 500-resource template, the 100,000-prefix CIDR
# overlap sweep, and the AWS CDK synthesizing a comparable platform in the same
# run. Needs GNU time (/usr/bin/time, Debian package "time"); node/npm for the
# CDK comparison (skipped without them).
# Usage: bench/run.sh [BUILD_DIR]   (default build-bench)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build-bench}
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DAIP_BUILD_BENCH=ON -DBUILD_TESTING=OFF >/dev/null
cmake --build "$build" >/dev/null
aip="$build/cli/aip"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# median_run CMD...: runs CMD 5 times, prints "median_seconds peak_kib".
# Wall time from the shell's nanosecond clock (GNU time rounds to 10 ms);
# peak resident memory from GNU time.
median_run() {
  local times=() mems=() start end
  for _ in 1 2 3 4 5; do
    start=$(date +%s%N)
    /usr/bin/time -f "%M" -o "$work/time" "$@" >/dev/null 2>&1 || true
    end=$(date +%s%N)
    times+=("$(echo "($end - $start) / 1000000000" | bc -l)"); mems+=("$(cat "$work/time")")
  done
  local t m
  t=$(printf '%s\n' "${times[@]}" | sort -g | sed -n 3p)
  m=$(printf '%s\n' "${mems[@]}" | sort -g | tail -1)
  echo "$t $m"
}

echo "== aip synth: accounts x VPCs x security groups (median of 5, peak RSS)"
printf '%-14s %8s %8s %10s %10s\n' size stacks resources seconds peak_MiB
# At most 5 VPCs of 20 groups per account: about 420 resources, under the 500 a stack may hold.
for size in "1 1 5" "5 4 10" "20 5 20" "50 5 20"; do
  read -r a v g <<<"$size"
  "$build/bench/gen_spec/bench_gen_spec" "$a" "$v" "$g" >"$work/spec.yaml"
  rm -rf "$work/out"
  "$aip" synth -q "$work/spec.yaml" -o "$work/out"
  stacks=$(grep -c '"type": "aws:cloudformation:stack"' "$work/out/manifest.json")
  resources=$(cat "$work/out"/*.template.json | grep -c '"Type": "AWS::')
  read -r t m <<<"$(median_run "$aip" synth -q --force "$work/spec.yaml" -o "$work/out")"
  printf '%-14s %8s %8s %10.4f %10.1f\n' "${a}x${v}x${g}" "$stacks" "$resources" "$t" "$(echo "$m/1024" | bc -l)"
done

echo
echo "== validation of a 500-resource template"
"$build/bench/cfn_validate/bench_cfn_validate"
echo
echo "== CIDR overlap sweep, 100,000 prefixes"
"$build/bench/cidr_overlap/bench_cidr_overlap"

echo
echo "== the AWS CDK on a comparable platform (bench/cdk-reference), same run"
if command -v node >/dev/null && command -v npm >/dev/null; then
  ref="$build/cdk-reference"
  mkdir -p "$ref"
  cp bench/cdk-reference/app.js bench/cdk-reference/package.json "$ref/"
  (cd "$ref" && [ -d node_modules/aws-cdk-lib ] || npm install --no-audit --no-fund --silent >/dev/null)
  read -r cdk_t _ <<<"$(median_run env CDK_OUTDIR="$work/cdk" node "$ref/app.js")"
  spec=blueprints/network.yaml
  [ -f blueprints/lang-portal.yaml ] && spec=blueprints/lang-portal.yaml
  read -r aip_t _ <<<"$(median_run "$aip" synth -q --force "$spec" -o "$work/aip")"
  printf 'cdk (node app.js): %.3fs   aip synth %s: %.4fs   ratio: %.0fx\n' "$cdk_t" "$spec" "$aip_t" \
    "$(echo "$cdk_t / $aip_t" | bc -l)"
else
  echo "skipped: node and npm are not installed"
fi
