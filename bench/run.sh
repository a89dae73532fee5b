#!/usr/bin/env bash
# Benchmarks of aip (not tests), all in one run:
#  - `aip synth`, `aip lint` and `aip diff` (against the spec's next version)
#    of generated specs at growing sizes, up to 100 stacks: median wall time
#    and peak resident memory; synth of the largest must stay under 200 MiB;
#  - validation of a 500-resource template;
#  - the 100,000-prefix CIDR overlap sweep;
#  - Guard rules (examples/guard, and the AWS Guard Rules Registry when
#    AIP_GUARD_REGISTRY names a checkout) over the CDK-written template;
#  - `cdk synth` (aws-cdk 2.1148.1) of bench/cdk-reference next to `aip synth`
#    of the comparable blueprints/lang-portal.yaml, and their ratio.
# Needs GNU time (Debian package "time") and bc; node and npm (plus the npm
# registry the first time) for the CDK side, which is skipped without them.
# Usage: bench/run.sh [BUILD_DIR]   (default build-bench; JOBS=N build jobs,
# RUNS=N runs per measurement, default 5)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build-bench}
runs=${RUNS:-5}
for tool in /usr/bin/time bc; do
  command -v "$tool" >/dev/null || { echo "bench/run.sh: needs $tool" >&2; exit 2; }
done

echo "== build ($build, Release)"
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DAIP_BUILD_BENCH=ON -DBUILD_TESTING=OFF >/dev/null
cmake --build "$build" -j "${JOBS:-$(nproc)}" >/dev/null
aip="$build/cli/aip"
gen="$build/bench/gen_spec/bench_gen_spec"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "$(uname -m), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at the start"

# measure CMD...: runs CMD $runs times (it must succeed) and sets m_s, the
# median wall time in seconds from the shell's nanosecond clock (GNU time
# rounds to 10 ms), and m_mib, the highest peak resident set size (GNU time).
# With PREPARE=SHELL-COMMAND, that command runs (untimed) before each run: e.g.
# deleting a synth's output, so that it writes every file, where replacing its
# own unchanged assembly would write none.
measure() {
  local times=() mems=() start end
  for ((i = 0; i < runs; i++)); do
    if [ -n "${PREPARE:-}" ]; then sh -c "$PREPARE"; fi
    start=$(date +%s%N)
    if ! /usr/bin/time -f "%M" -o "$work/time" "$@" >"$work/out.log" 2>&1; then
      echo "bench/run.sh: failed: $*" >&2
      cat "$work/out.log" >&2
      exit 1
    fi
    end=$(date +%s%N)
    times+=("$(echo "($end - $start) / 1000000000" | bc -l)")
    mems+=("$(tail -1 "$work/time")")
  done
  m_s=$(printf '%s\n' "${times[@]}" | sort -g | sed -n "$(((runs + 1) / 2))p")
  m_mib=$(echo "$(printf '%s\n' "${mems[@]}" | sort -g | tail -1) / 1024" | bc -l)
}

echo
echo "== aip on generated specs: accounts x VPCs x security groups; median of $runs runs, peak RSS"
echo "   (diff: the spec against its next version, bench_gen_spec VARIANT 1)"
printf '%-10s %6s %9s | %8s %7s | %8s %7s | %8s %7s\n' size stacks resources synth_s MiB lint_s MiB diff_s MiB
# At most 5 VPCs of 20 groups per account: about 420 resources, under the 500 a stack may hold.
largest_synth_mib=0
for size in "1 1 5" "5 4 10" "20 5 20" "50 5 20"; do
  read -r a v g <<<"$size"
  "$gen" "$a" "$v" "$g" >"$work/spec.yaml"
  "$gen" "$a" "$v" "$g" 1 >"$work/next.yaml"
  rm -rf "$work/out"
  "$aip" synth -q "$work/spec.yaml" -o "$work/out"
  stacks=$(grep -c '"type": "aws:cloudformation:stack"' "$work/out/manifest.json")
  resources=$(cat "$work/out"/*.template.json | grep -c '"Type": "AWS::')
  PREPARE="rm -rf '$work/out'" measure "$aip" synth -q "$work/spec.yaml" -o "$work/out"
  st=$m_s sm=$m_mib
  measure "$aip" lint "$work/spec.yaml" --format json --fail-on none
  lt=$m_s lm=$m_mib
  measure "$aip" diff "$work/spec.yaml" "$work/next.yaml" --format json
  dt=$m_s dm=$m_mib
  printf '%-10s %6s %9s | %8.3f %7.1f | %8.3f %7.1f | %8.3f %7.1f\n' "${a}x${v}x${g}" "$stacks" "$resources" \
    "$st" "$sm" "$lt" "$lm" "$dt" "$dm"
  largest_synth_mib=$sm
done

echo
echo "== validation of a 500-resource template"
"$build/bench/cfn_validate/bench_cfn_validate"
echo
echo "== CIDR overlap sweep, 100,000 prefixes"
"$build/bench/cidr_overlap/bench_cidr_overlap"

echo
echo "== Guard rules over the CDK-written template (tests/cfn_schema/cdk-reference)"
# The AWS Guard Rules Registry is not kept here: AIP_GUARD_REGISTRY names a checkout (rules/aws/).
if [ -n "${AIP_GUARD_REGISTRY:-}" ] && [ -d "$AIP_GUARD_REGISTRY/rules/aws" ]; then
  "$build/bench/guard_rules/bench_guard_rules" tests/cfn_schema/cdk-reference/LangPortalReference.template.json \
    "$AIP_GUARD_REGISTRY/rules/aws" examples/guard
else
  "$build/bench/guard_rules/bench_guard_rules" tests/cfn_schema/cdk-reference/LangPortalReference.template.json examples/guard
  echo "(registry rules skipped: set AIP_GUARD_REGISTRY to a checkout of aws-guard-rules-registry)"
fi
# The AWS Control Tower proactive controls that the guard_cfn_guard_agreement test installs from npm.
control_tower="$build/cfn-guard/node_modules/@cdklabs/cdk-validator-cfnguard/rules/control-tower/cfn-guard"
if [ -d "$control_tower" ]; then
  "$build/bench/guard_rules/bench_guard_rules" tests/cfn_schema/cdk-reference/LangPortalReference.template.json "$control_tower"
else
  echo "(Control Tower rules skipped: run the guard_cfn_guard_agreement test first, which installs them)"
fi

echo
echo "== cdk synth (bench/cdk-reference) vs aip synth (blueprints/lang-portal.yaml), same run, median of $runs"
if command -v node >/dev/null && command -v npm >/dev/null; then
  ref="$build/cdk-reference"
  mkdir -p "$ref"
  # cdk.context.json holds the availability zones the CLI would otherwise look up in AWS.
  cp bench/cdk-reference/app.js bench/cdk-reference/package.json bench/cdk-reference/cdk.context.json "$ref/"
  if ! (cd "$ref" && npm install --no-audit --no-fund --silent >"$work/npm.log" 2>&1); then
    echo "skipped: npm install failed:"; cat "$work/npm.log"
  else
    cdk="$PWD/$ref/node_modules/.bin/cdk"
    # The CLI runs app.js and reads back the assembly it wrote, as a user's `cdk synth` does.
    measure env -C "$ref" CDK_DISABLE_VERSION_CHECK=1 CDK_DISABLE_CLI_TELEMETRY=true \
      "$cdk" synth --app "node app.js" -o "$work/cdk.out" -q --no-notices
    ct=$m_s cm=$m_mib
    measure "$aip" synth -q --force blueprints/lang-portal.yaml -o "$work/aip.out"
    at=$m_s am=$m_mib
    cdk_resources=$(grep -c '"Type": "AWS::' "$work"/cdk.out/*.template.json | awk -F: '{s += $NF} END {print s}')
    aip_resources=$(grep -c '"Type": "AWS::' "$work"/aip.out/*.template.json | awk -F: '{s += $NF} END {print s}')
    printf 'cdk synth (aws-cdk %s, aws-cdk-lib %s, node %s): %7.3f s %7.1f MiB  %4s resources\n' \
      "$("$cdk" --version 2>/dev/null | cut -d' ' -f1)" \
      "$(node -p "require('$PWD/$ref/node_modules/aws-cdk-lib/package.json').version")" "$(node --version)" \
      "$ct" "$cm" "$cdk_resources"
    printf 'aip synth lang-portal.yaml:                                       %7.3f s %7.1f MiB  %4s resources\n' \
      "$at" "$am" "$aip_resources"
    printf 'aip is %.0fx faster\n' "$(echo "$ct / $at" | bc -l)"
  fi
else
  echo "skipped: node and npm are not installed"
fi

echo
echo "== targets (tracker issue #26), same run, median of $runs, peak RSS"
# check NAME VALUE LIMIT UNIT: prints the target, the measured value and whether it is met.
targets_missed=0
check() {
  local met=yes
  if [ "$(echo "$2 <= $3" | bc -l)" -ne 1 ]; then met=NO; targets_missed=$((targets_missed + 1)); fi
  printf '  %-58s %9.3f %-4s (target <= %s) %s\n' "$1" "$2" "$4" "$3" "$met"
}
cdk_template=tests/cfn_schema/cdk-reference/LangPortalReference.template.json
# measure_ms CMD...: the median wall time of CMD in m_s. hyperfine -N, where it is installed,
# times the process itself; `measure` also times the /usr/bin/time process around it (1-4 ms
# on a 2-core VM, a third of a millisecond target).
measure_ms() {
  if command -v hyperfine >/dev/null; then
    hyperfine -N -w 3 -r $((runs < 20 ? 20 : runs)) --export-json "$work/hyperfine.json" -- "$(printf '%q ' "$@")" \
      >/dev/null 2>"$work/hyperfine.err" || { cat "$work/hyperfine.err" >&2; exit 1; }
    m_s=$(grep -o '"median": *[0-9.e-]*' "$work/hyperfine.json" | head -1 | sed 's/.*: *//')
  else
    measure "$@"
  fi
}
# measure_ms_prepared PREPARE CMD...: measure_ms, running the shell command
# PREPARE (untimed) before each run.
measure_ms_prepared() {
  local prepare=$1
  shift
  if command -v hyperfine >/dev/null; then
    hyperfine -N -w 3 -r $((runs < 20 ? 20 : runs)) --prepare "$prepare" --export-json "$work/hyperfine.json" \
      -- "$(printf '%q ' "$@")" >/dev/null 2>"$work/hyperfine.err" || { cat "$work/hyperfine.err" >&2; exit 1; }
    m_s=$(grep -o '"median": *[0-9.e-]*' "$work/hyperfine.json" | head -1 | sed 's/.*: *//')
  else
    PREPARE=$prepare measure "$@"
  fi
}
# The sections above wrote hundreds of megabytes; flush them first, so the
# millisecond targets do not pay for the earlier runs' writeback.
sync
if command -v hyperfine >/dev/null; then
  echo "  (the millisecond targets: hyperfine -N, median of $((runs < 20 ? 20 : runs)) runs after 3 warm-up runs)"
fi
# Three ways synth meets its output. The target is the editor's case: the spec
# changed by one value since the assembly was written (one template differs;
# synth writes it and links the unchanged files). Beside it: the assembly
# already up to date (nothing written), and a new directory (every file
# created), with what creating that many empty files costs on this file system.
eap=blueprints/enterprise-ai-platform.yaml
sed 's/flow_logs: {retention_days: 365}/flow_logs: {retention_days: 400}/' "$eap" >blueprints/.bench-eap-changed.yaml
trap 'rm -rf "$work" blueprints/.bench-eap-changed.yaml' EXIT
cmp -s "$eap" blueprints/.bench-eap-changed.yaml && { echo "bench/run.sh: the one-value change no longer applies to $eap" >&2; exit 1; }
"$aip" synth -q "$eap" -o "$work/eap.out"
measure_ms_prepared "$aip synth -q blueprints/.bench-eap-changed.yaml -o $work/eap.out" "$aip" synth -q "$eap" -o "$work/eap.out"
check "synth $(basename "$eap") after a one-value change" "$(echo "$m_s * 1000" | bc -l)" 13 ms
measure_ms "$aip" synth -q "$eap" -o "$work/eap.out"
printf '  %-58s %9.3f ms\n' "  the same, unchanged (nothing written)" "$(echo "$m_s * 1000" | bc -l)"
measure_ms_prepared "rm -rf $work/eap.new" "$aip" synth -q "$eap" -o "$work/eap.new"
printf '  %-58s %9.3f ms\n' "  the same, into a new directory (every file created)" "$(echo "$m_s * 1000" | bc -l)"
files=$(find "$work/eap.new" | wc -l)
measure_ms_prepared "rm -rf $work/empty" sh -c 'mkdir "$1" && cd "$1" && i=0 && while [ $i -lt "$2" ]; do : >"f$i"; i=$((i + 1)); done' sh "$work/empty" "$files"
printf '  %-58s %9.3f ms\n' "  (a shell creating its $files files, empty, in a new one)" "$(echo "$m_s * 1000" | bc -l)"
# validate and lint exit non-zero on findings; the reference template has none that fail them.
measure_ms "$aip" validate "$cdk_template"
vt=$m_s
check "validate $(basename "$cdk_template") ($(wc -c <"$cdk_template") bytes)" "$(echo "$vt * 1000" | bc -l)" 8 ms
measure_ms "$aip" lint "$cdk_template" --fail-on none
lt=$m_s
check "lint $(basename "$cdk_template")" "$(echo "$lt * 1000" | bc -l)" 8 ms
if command -v cfn-lint >/dev/null && cfn-lint --version >/dev/null 2>&1; then
  measure sh -c "cfn-lint '$cdk_template' >/dev/null || true"
  printf '  cfn-lint %s on the same template: %.3f s, %.0fx aip validate, %.0fx aip lint\n' \
    "$(cfn-lint --version 2>&1 | awk '{print $NF}')" "$m_s" "$(echo "$m_s / $vt" | bc -l)" "$(echo "$m_s / $lt" | bc -l)"
else
  echo "  cfn-lint: not installed (apt-cache policy cfn-lint python3-cfn-lint)"
fi
# The large pair: 50 accounts x 5 VPCs x 20 groups and its next version.
"$gen" 50 5 20 >"$work/big.yaml"
"$gen" 50 5 20 1 >"$work/big-next.yaml"
rm -rf "$work/big.out" "$work/big-next.out"
"$aip" synth -q "$work/big.yaml" -o "$work/big.out"
"$aip" synth -q "$work/big-next.yaml" -o "$work/big-next.out"
big_resources=$(cat "$work/big.out"/*.template.json | grep -c '"Type": "AWS::')
PREPARE="rm -rf '$work/big.out'" measure "$aip" synth -q "$work/big.yaml" -o "$work/big.out"
bst=$m_s
measure "$aip" diff "$work/big.yaml" "$work/big-next.yaml" --format json
bdt=$m_s bdm=$m_mib
printf '  synth of the %s-resource spec: %.3f s; diff of it and its next version: %.3f s, %.1f MiB\n' \
  "$big_resources" "$bst" "$bdt" "$bdm"
check "diff / synth, ${big_resources} resources" "$(echo "$bdt / $bst" | bc -l)" 2.5 x
# Linear in size: time per resource of the large diff against the 20x5x20 one.
"$gen" 20 5 20 >"$work/mid.yaml"
"$gen" 20 5 20 1 >"$work/mid-next.yaml"
rm -rf "$work/mid.out"
"$aip" synth -q "$work/mid.yaml" -o "$work/mid.out"
mid_resources=$(cat "$work/mid.out"/*.template.json | grep -c '"Type": "AWS::')
measure "$aip" diff "$work/mid.yaml" "$work/mid-next.yaml" --format json
growth=$(echo "($bdt / $m_s) / ($big_resources / $mid_resources)" | bc -l)
check "diff time growth / size growth, $mid_resources -> $big_resources resources" "$growth" 1.5 x
if command -v node >/dev/null && command -v npm >/dev/null; then
  cfd="$build/cloudformation-diff"
  mkdir -p "$cfd"
  if (cd "$cfd" && { [ -d node_modules/@aws-cdk/cloudformation-diff ] ||
       npm install --no-audit --no-fund --silent @aws-cdk/cloudformation-diff >"$work/npm-cfd.log" 2>&1; }); then
    cat >"$cfd/diff.js" <<'JS'
// Every stack of two assemblies through @aws-cdk/cloudformation-diff, as `cdk diff` does.
const fs = require('fs'), path = require('path');
const { fullDiff, formatDifferences } = require('@aws-cdk/cloudformation-diff');
const [a, b] = process.argv.slice(2);
let changes = 0;
for (const f of fs.readdirSync(b).filter((n) => n.endsWith('.template.json')).sort()) {
  const old = fs.existsSync(path.join(a, f)) ? JSON.parse(fs.readFileSync(path.join(a, f))) : {};
  const d = fullDiff(old, JSON.parse(fs.readFileSync(path.join(b, f))));
  changes += d.differenceCount;
  formatDifferences({ write() { return true; } }, d);
}
console.log(changes);
JS
    measure node "$cfd/diff.js" "$work/big.out" "$work/big-next.out"
    printf '  @aws-cdk/cloudformation-diff %s on the same pair (templates already synthesized): %.3f s, %.1f MiB; aip diff %.1fx faster\n' \
      "$(node -p "require('$PWD/$cfd/node_modules/@aws-cdk/cloudformation-diff/package.json').version")" \
      "$m_s" "$m_mib" "$(echo "$m_s / $bdt" | bc -l)"
  else
    echo "  @aws-cdk/cloudformation-diff: npm install failed"
  fi
fi
# Peak memory of every command on every blueprint.
peak=0 peak_at=
for bp in blueprints/*.yaml; do
  for cmd in "synth -q --force $bp -o $work/bp.out" "validate $bp" "lint $bp --fail-on none" "diff $bp $bp" "policy $bp" "graph $bp"; do
    # shellcheck disable=SC2086
    /usr/bin/time -f "%M" -o "$work/time" "$aip" $cmd >/dev/null 2>&1 || true
    kib=$(tail -1 "$work/time")
    if [ "$kib" -gt "$peak" ]; then peak=$kib peak_at="aip ${cmd%% *} $(basename "$bp")"; fi
  done
done
check "peak memory, every command on every blueprint ($peak_at)" "$(echo "$peak / 1024" | bc -l)" 20 MiB
echo "  $targets_missed target(s) missed; wall-clock figures under load average $(cut -d' ' -f1-3 /proc/loadavg)"

echo
if [ "$(echo "$largest_synth_mib < 200" | bc)" -ne 1 ]; then
  echo "FAIL: synth of the largest spec peaked at ${largest_synth_mib} MiB, over the 200 MiB budget" >&2
  exit 1
fi
printf 'ok: synth of the largest spec peaked at %.1f MiB (budget 200 MiB)\n' "$largest_synth_mib"
