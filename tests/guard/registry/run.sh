#!/usr/bin/env bash
# guard_registry_agreement: every rule listed in rules.txt, run through
# `aip rules test` with the registry's own test file, must meet every
# expected verdict. The listed rules and their test files are kept here, under
# rules/aws/ (copied from aws-cloudformation/aws-guard-rules-registry at
# commit 7f7340c, Apache-2.0: LICENSE and NOTICE beside them). To check
# against another registry checkout (a directory with rules/aws/, or its git
# directory), pass it as the third argument or set AIP_GUARD_REGISTRY.
# With AIP_CFN_GUARD naming a cfn-guard binary (the npm package
# @cdklabs/cdk-validator-cfnguard ships one), every case's verdicts must also
# be the ones cfn-guard itself prints.
#
# usage: run.sh AIP_BINARY LIST_DIR [REGISTRY]
set -euo pipefail
aip=$1
here=$2
registry=${3:-${AIP_GUARD_REGISTRY:-$here}}
if [ ! -e "$registry" ]; then
  echo "guard_registry_agreement: $registry does not exist" >&2
  exit 2
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
if [ -d "$registry/rules/aws" ]; then
  rules="$registry/rules/aws"
else
  git --git-dir="$registry" archive HEAD rules | tar -x -C "$work"
  rules="$work/rules/aws"
fi
rule_count=0 expectations=0 failed=0
while read -r rule tests; do
  case "$rule" in ''|'#'*) continue ;; esac
  rule_count=$((rule_count + 1))
  if ! out=$("$aip" rules test "$rules/$rule" --tests "$rules/$tests" 2>&1); then
    echo "MISMATCH $rule:"
    echo "$out" | grep -B3 'Evaluated\|error' || echo "$out"
    failed=$((failed + 1))
  fi
  if [ -n "${AIP_CFN_GUARD:-}" ]; then
    ours=$(grep -E 'Expected' <<<"$out" | grep -v 'No rule' | sort)
    theirs=$("$AIP_CFN_GUARD" test -r "$rules/$rule" -t "$rules/$tests" 2>&1 | grep -E 'Expected' | sort || true)
    if [ "$ours" != "$theirs" ]; then
      echo "DIFFERS FROM cfn-guard $rule:"
      diff <(echo "$theirs") <(echo "$ours") || true
      failed=$((failed + 1))
    fi
  fi
  summary=$(echo "$out" | tail -1)
  expectations=$((expectations + $(sed -E 's/.* ([0-9]+) expectations?:.*/\1/' <<<"$summary")))
done <"$here/rules.txt"
# aip's own rule files (the examples, the functions) give cfn-guard's verdicts too.
if [ -n "${AIP_CFN_GUARD:-}" ]; then
  source_dir=$(cd "$here/../../.." && pwd)
  for pair in "examples/guard/tag_policy.guard examples/guard/tests/tag_policy_tests.yml" \
              "examples/guard/allowed_instance_types.guard examples/guard/tests/allowed_instance_types_tests.yml" \
              "examples/guard/log_retention_floor.guard examples/guard/tests/log_retention_floor_tests.yml" \
              "tests/guard/functions.guard tests/guard/functions_tests.yml"; do
    read -r rule tests <<<"$pair"
    ours=$("$aip" rules test "$source_dir/$rule" --tests "$source_dir/$tests" 2>&1 | grep -E 'Expected' | grep -v 'No rule' | sort || true)
    theirs=$("$AIP_CFN_GUARD" test -r "$source_dir/$rule" -t "$source_dir/$tests" 2>&1 | grep -E 'Expected' | sort || true)
    if [ "$ours" != "$theirs" ]; then
      echo "DIFFERS FROM cfn-guard $rule:"
      diff <(echo "$theirs") <(echo "$ours") || true
      failed=$((failed + 1))
    fi
  done
fi
echo "guard_registry_agreement: $rule_count registry rules, $expectations expected verdicts, $failed rule files with a mismatch"
[ "$failed" -eq 0 ]
