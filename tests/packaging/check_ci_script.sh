#!/usr/bin/env bash
# The GitHub Action's steps (ci/run.sh) and the pre-commit hooks on a sample
# repository: a spec changed since the base commit (SSH opened to the world),
# and a template with a finding. Checks the merged SARIF file, the summary,
# the GitHub outputs and the exit codes.
# Usage: check_ci_script.sh SOURCE_DIR AIP
set -euo pipefail
src=$1 aip=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
export AIP=$aip NO_COLOR=1

repo=$work/repo
mkdir -p "$repo/infra"
cd "$repo"
git init -q . && git config user.email ci@example.com && git config user.name ci
"$aip" init infra >/dev/null
sed -n '3,$p' "$src/examples/bad/lint/enc-001-bucket-encryption.yaml" >infra/bucket.template.yaml
git add -A && git commit -qm base
sed -i 's|{port: 8080, from: vpc, description: HTTP from inside the VPC}|{port: 22, from: 0.0.0.0/0, description: SSH for debugging}|' infra/platform.yaml
grep -q 'port: 22, from: 0.0.0.0/0' infra/platform.yaml || fail "the sample change did not apply"

# 1. A finding in each file, and a diff: exit 1, everything written.
export GITHUB_STEP_SUMMARY=$work/step-summary.md GITHUB_OUTPUT=$work/github-output
code=0
AIP_FILES="infra/platform.yaml infra/bucket.template.yaml" AIP_DIFF_BASE=HEAD "$src/ci/run.sh" >"$work/log" 2>&1 || code=$?
[ "$code" -eq 1 ] || { cat "$work/log"; fail "exit $code with lint errors, not 1"; }
grep -q "error: security group .* allows port 22 from 0.0.0.0/0" "$work/log" || fail "the log lacks the finding"

sarif=aip-results/aip.sarif
[ "$(jq '.runs | length' $sarif)" -eq 1 ] || fail "SARIF has not exactly one run"
jq -e '.version == "2.1.0" or .["$schema"] != null' $sarif >/dev/null || fail "not a SARIF log"
# Each file's finding, at its file; every ruleIndex and artifact index points at the right entry.
jq -e '[.runs[0].results[] | select(.ruleId == "AIP-EXP-001") | .locations[0].physicalLocation.artifactLocation.uri] | index("infra/platform.yaml") != null' $sarif >/dev/null ||
  fail "SARIF lacks AIP-EXP-001 in infra/platform.yaml"
jq -e '[.runs[0].results[] | select(.ruleId == "AIP-ENC-001") | .locations[0].physicalLocation.artifactLocation.uri] | index("infra/bucket.template.yaml") != null' $sarif >/dev/null ||
  fail "SARIF lacks AIP-ENC-001 in infra/bucket.template.yaml"
jq -e '.runs[0] as $r | all($r.results[]; (.ruleIndex == null) or ($r.tool.driver.rules[.ruleIndex].id == .ruleId))' $sarif >/dev/null ||
  fail "a SARIF ruleIndex points at another rule"
jq -e '.runs[0] as $r | all($r.results[].locations[]?.physicalLocation.artifactLocation | select(.index != null);
        $r.artifacts[.index].location.uri == .uri)' $sarif >/dev/null || fail "a SARIF artifact index points at another file"
[ "$(jq '[.runs[0].tool.driver.rules[].id] | length == (unique | length)' $sarif)" = true ] || fail "SARIF lists a rule twice"
ls aip-results/junit/*.xml >/dev/null || fail "no JUnit reports"

summary=aip-results/summary.md
grep -qF '| `infra/platform.yaml` | findings at or above error |' $summary || fail "summary lacks the spec's lint verdict"
grep -qF '| `infra/bucket.template.yaml` | findings at or above error |' $summary || fail "summary lacks the template's lint verdict"
grep -qF '### `infra/platform.yaml` against `HEAD`' $summary || fail "summary lacks the spec's diff"
grep -q 'AppSecurityGroup' $summary || fail "the diff in the summary does not name the changed security group"
grep -qF 'No changes.' $summary || fail "the unchanged template is not reported as unchanged"
cmp -s $summary "$GITHUB_STEP_SUMMARY" || fail "GITHUB_STEP_SUMMARY is not the summary"
grep -qx 'exit-code=1' "$GITHUB_OUTPUT" || fail "GITHUB_OUTPUT lacks exit-code=1"
grep -qx "sarif=aip-results/aip.sarif" "$GITHUB_OUTPUT" || fail "GITHUB_OUTPUT lacks the SARIF path"

# 2. The diff can fail the run: broadened access, even with lint errors ignored.
code=0
AIP_FILES=infra/platform.yaml AIP_FAIL_ON=none AIP_DIFF_BASE=HEAD AIP_DIFF_FAIL_ON=broadened "$src/ci/run.sh" >/dev/null 2>&1 || code=$?
[ "$code" -eq 1 ] || fail "exit $code with access broadened and --fail-on broadened, not 1"

# 3. Fixed: lint passes, the SARIF file has no error-level result, exit 0.
sed -i 's|from: 0.0.0.0/0, description: SSH for debugging|from: 10.0.0.0/8, description: SSH from the corporate network|' infra/platform.yaml
unset GITHUB_STEP_SUMMARY GITHUB_OUTPUT
code=0
AIP_FILES=infra/platform.yaml AIP_DIFF_BASE=HEAD "$src/ci/run.sh" >"$work/log" 2>&1 || code=$?
[ "$code" -eq 0 ] || { cat "$work/log"; fail "exit $code on a clean spec, not 0"; }
[ "$(jq '[.runs[0].results[] | select(.level == "error")] | length' aip-results/aip.sarif)" -eq 0 ] || fail "errors in a clean spec's SARIF"
grep -qF '| `infra/platform.yaml` | passed |' aip-results/summary.md || fail "summary does not say the clean spec passed"

# 4. Bad input: nothing to lint, or a file that is not there: exit 2.
code=0; AIP_FILES="" "$src/ci/run.sh" >/dev/null 2>&1 || code=$?
[ "$code" -eq 2 ] || fail "exit $code with no files, not 2"
code=0; AIP_FILES="infra/missing.yaml" "$src/ci/run.sh" >/dev/null 2>&1 || code=$?
[ "$code" -eq 2 ] || fail "exit $code with a missing file, not 2"

# 5. The pre-commit hooks, through pre-commit itself when it is installed.
if command -v pre-commit >/dev/null; then
  export PATH=$(dirname "$aip"):$PATH PRE_COMMIT_HOME=$work/pre-commit-home
  git add -A
  pre-commit try-repo "$src" aip-validate --all-files >"$work/hook.log" 2>&1 || { cat "$work/hook.log"; fail "aip-validate failed on valid files"; }
  grep -q "aip validate.*Passed" "$work/hook.log" || { cat "$work/hook.log"; fail "aip-validate did not run"; }
  code=0; pre-commit try-repo "$src" aip-lint --all-files >"$work/hook.log" 2>&1 || code=$?
  [ "$code" -eq 1 ] || { cat "$work/hook.log"; fail "aip-lint passed a template with an error"; }
  grep -q "AIP-ENC-001" "$work/hook.log" || fail "aip-lint's output lacks the template's finding"
  git rm -q --cached infra/bucket.template.yaml && rm infra/bucket.template.yaml
  pre-commit try-repo "$src" aip-lint --all-files >"$work/hook.log" 2>&1 || { cat "$work/hook.log"; fail "aip-lint failed on a clean spec"; }
  echo "pre-commit hooks: checked"
else
  echo "pre-commit is not installed: hooks not run"
fi
echo "ci/run.sh: SARIF, summary, outputs and exit codes as expected"
