#!/usr/bin/env bash
# pre-commit passes every staged file at once; `aip validate` and `aip lint`
# take one. Runs `aip COMMAND [ARGS...] FILE` for each file (the hook's
# `args:` come before the files) and exits with the worst exit code.
set -uo pipefail
command=$1
shift
args=()
files=()
for a in "$@"; do
  if [ -f "$a" ]; then files+=("$a"); else args+=("$a"); fi
done
status=0
for f in "${files[@]}"; do
  "${AIP:-aip}" "$command" "${args[@]}" "$f"
  code=$?
  if [ "$code" -gt "$status" ]; then status=$code; fi
done
exit "$status"
