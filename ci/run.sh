#!/usr/bin/env bash
# What the GitHub Action (action.yml) and the GitLab CI template run: lint
# specs and templates into one SARIF file (code scanning) and JUnit files
# (GitLab test reports), findings in the log, and a Markdown summary with the
# diff of each file against a base revision (the pull request's base).
#
# Environment (the action's inputs):
#   AIP_FILES        specs and templates to lint, separated by spaces (required)
#   AIP_FAIL_ON      lint --fail-on: error (default), warning, info, none
#   AIP_DIFF_BASE    a git revision; each file is diffed against its version there
#   AIP_DIFF_FAIL_ON diff --fail-on: none (default), replace, data-loss, broadened, any
#   AIP_LOG_FORMAT   lint output in the log: text (default), github (annotations)
#   AIP_OUT          where results go (default: aip-results): aip.sarif, junit/, summary.md
#   AIP              the aip binary (default: aip on PATH)
#   GITHUB_STEP_SUMMARY, GITHUB_OUTPUT  set by GitHub: the summary is appended, outputs written
# Exit code: 2 when aip reported bad input, else 1 when lint (or diff, with
# AIP_DIFF_FAIL_ON) failed, else 0. Results are written in every case.
set -uo pipefail
aip=${AIP:-aip}
out=${AIP_OUT:-aip-results}
fail_on=${AIP_FAIL_ON:-error}
diff_fail_on=${AIP_DIFF_FAIL_ON:-none}
log_format=${AIP_LOG_FORMAT:-text}
read -r -a files <<<"${AIP_FILES:-}"
if [ ${#files[@]} -eq 0 ]; then
  echo "aip: error: AIP_FILES names no spec or template to lint" >&2
  exit 2
fi
rm -rf "$out/sarif" "$out/junit" "$out/aip.sarif"  # a previous run's files would merge in
mkdir -p "$out/sarif" "$out/junit"
summary=$out/summary.md
status=0
worse() { if [ "$1" -eq 2 ] || { [ "$1" -eq 1 ] && [ "$status" -eq 0 ]; }; then status=$1; fi; }

{
  echo "## aip"
  echo
  echo "| file | lint |"
  echo "|---|---|"
} >"$summary"
n=0
for f in "${files[@]}"; do
  n=$((n + 1))
  "$aip" lint "$f" --format "$log_format" --fail-on "$fail_on"
  code=$?
  "$aip" lint "$f" --format sarif --fail-on none >"$out/sarif/$n.sarif" 2>/dev/null || rm -f "$out/sarif/$n.sarif"
  "$aip" lint "$f" --format junit --fail-on none >"$out/junit/$n.xml" 2>/dev/null || rm -f "$out/junit/$n.xml"
  case $code in
    0) verdict="passed" ;;
    1) verdict="findings at or above $fail_on" ;;
    *) verdict="could not be linted (exit $code)" ;;
  esac
  echo "| \`$f\` | $verdict |" >>"$summary"
  worse "$code"
done

# One SARIF file with one run: code scanning rejects several runs of one tool
# in an upload. Rules are merged by id; result indices are renumbered.
sarifs=("$out"/sarif/*.sarif)
if [ -e "${sarifs[0]}" ]; then
  jq -s '
    (map(.runs[0])) as $runs
    | ([$runs[].tool.driver.rules // [] | .[]] | unique_by(.id)) as $rules
    | ($rules | to_entries | map({key: .value.id, value: .key}) | from_entries) as $rule_at
    | (reduce $runs[] as $r ({artifacts: [], results: []};
        (.artifacts | length) as $offset
        | .results += [($r.results // [])[]
            | (if $rule_at[.ruleId] == null then del(.ruleIndex) else .ruleIndex = $rule_at[.ruleId] end)
            | (if .locations then .locations |= map(
                 if .physicalLocation.artifactLocation.index then .physicalLocation.artifactLocation.index += $offset
                 else . end) else . end)]
        | .artifacts += ($r.artifacts // []))) as $merged
    | .[0] | .runs = [$runs[0] | .tool.driver.rules = $rules | .artifacts = $merged.artifacts | .results = $merged.results]
  ' "${sarifs[@]}" >"$out/aip.sarif" || { echo "aip: error: cannot merge the SARIF files" >&2; status=2; }
fi

if [ -n "${AIP_DIFF_BASE:-}" ]; then
  base_dir=$(mktemp -d)
  for f in "${files[@]}"; do
    echo >>"$summary"
    echo "### \`$f\` against \`$AIP_DIFF_BASE\`" >>"$summary"
    echo >>"$summary"
    mkdir -p "$base_dir/$(dirname "$f")"
    if ! git show "$AIP_DIFF_BASE:./$f" >"$base_dir/$f" 2>/dev/null; then
      echo "New file: not in \`$AIP_DIFF_BASE\`." >>"$summary"
      continue
    fi
    diff_text=$("$aip" diff "$base_dir/$f" "$f" --format markdown --fail-on "$diff_fail_on")
    code=$?
    if [ -n "$diff_text" ]; then echo "$diff_text" >>"$summary"; else echo "No changes." >>"$summary"; fi
    worse "$code"
  done
  rm -rf "$base_dir"
fi

if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then cat "$summary" >>"$GITHUB_STEP_SUMMARY"; fi
if [ -n "${GITHUB_OUTPUT:-}" ]; then
  { echo "sarif=$out/aip.sarif"; echo "summary=$summary"; echo "exit-code=$status"; } >>"$GITHUB_OUTPUT"
fi
exit "$status"
