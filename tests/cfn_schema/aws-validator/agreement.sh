#!/usr/bin/env bash
# AWS's own template validator (@aws/cloudformation-validate, bundled in
# aws-cdk-lib, pinned in package.json) and `aip validate` over the broken
# templates of tests/cfn_schema/bad and every template aip synthesizes from
# every blueprint and example. Fails when
#   - AWS reports an error in a broken template where aip reports nothing
#     (no aip finding on the same line or at the same place), unless the
#     template and AWS's message are listed in differences.tsv with a reason;
#   - a line of differences.tsv no longer happens (the list stays true);
#   - AWS reports any error in a template aip synthesized.
# Usage: agreement.sh AIP_BINARY SOURCE_DIR CACHE_DIR
set -euo pipefail
aip=$1 root=$2 cache=$3
here=$root/tests/cfn_schema/aws-validator

if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  echo "SKIPPED: node and npm are not installed, so the AWS validator agreement check did not run"
  exit 77
fi
mkdir -p "$cache"
if ! cmp -s "$here/package.json" "$cache/package.json" ||
   [ ! -d "$cache/node_modules/aws-cdk-lib/node_modules/@aws/cloudformation-validate" ]; then
  cp "$here/package.json" "$cache/package.json"
  if ! (cd "$cache" && npm install --no-audit --no-fund --silent --no-package-lock >"$cache/npm.log" 2>&1); then
    echo "SKIPPED: could not install the pinned aws-cdk-lib from the npm registry (see $cache/npm.log)"
    rm -f "$cache/package.json"
    exit 77
  fi
fi

# Every blueprint and example, synthesized as `aip synth` writes them.
rm -rf "$cache/synth"
mkdir -p "$cache/synth"
for spec in "$root"/blueprints/*.yaml "$root"/examples/*.yaml; do
  name=$(basename "$(dirname "$spec")")-$(basename "$spec" .yaml)
  if ! "$aip" synth "$spec" -o "$cache/synth/$name" -q >"$cache/synth/$name.log" 2>&1; then
    echo "FAIL: aip synth $spec failed:"
    cat "$cache/synth/$name.log"
    exit 1
  fi
done

bad=("$root"/tests/cfn_schema/bad/*)
synthesized=("$cache"/synth/*/*.template.json)
node "$here/aws_errors.cjs" "$cache/node_modules" "${bad[@]}" "${synthesized[@]}" >"$cache/aws.tsv"
"$aip" validate --color never "${bad[@]}" >"$cache/aip.txt" 2>&1 || true

# Names in messages: bad/<file> for the corpus, synth/<spec>/<stack> for aip's own.
awk -F'\t' -v bad="$root/tests/cfn_schema/" -v synth="$cache/" -v differences="$here/differences.tsv" '
  function short(f) {
    if (index(f, bad) == 1) return substr(f, length(bad) + 1)
    if (index(f, synth) == 1) return substr(f, length(synth) + 1)
    return f
  }
  # One place is inside the other: "Queue/Properties" covers "Queue/Properties/Tags/0".
  function covers(a, b) { return a != "" && b != "" && (a == b || index(a, b "/") == 1 || index(b, a "/") == 1) }
  # aip validate: "FILE:LINE:COL: error: STACK/KEY: message [ID rule]" (a load error has no KEY).
  FILENAME == differences {
    if ($0 ~ /^#/ || $0 == "") next
    listed[$1 "\t" $2] = $3
    next
  }
  FILENAME ~ /aip\.txt$/ {
    if (!match($0, /:[0-9]+:[0-9]+: (error|warning): /)) next
    file = substr($0, 1, RSTART - 1)
    split(substr($0, RSTART + 1), lc, ":")
    rest = substr($0, RSTART + RLENGTH)
    key = ""
    if (match(rest, /^[^ :]+(\/[^ ]*)?: /) && index(rest, "/") < RLENGTH) {
      key = substr(rest, 1, RLENGTH - 2)
      sub(/^[^\/]*\//, "", key)  # the stack
    }
    n[file]++
    aline[file, n[file]] = lc[1]
    akey[file, n[file]] = key
    next
  }
  FILENAME ~ /aws\.tsv$/ {
    file = $1; line = $2; key = $3; name = short(file)
    if (index(file, synth) == 1) {
      printf "FAIL: AWS rejects a template aip synthesized: %s:%s: %s %s\n", name, line, $4, $5
      failed = 1
      next
    }
    total++
    found = 0
    for (i = 1; i <= n[file] && !found; i++) {
      k = akey[file, i]
      stripped = k
      sub(/^(Parameters|Outputs|Conditions|Mappings|Rules)\//, "", stripped)
      if (aline[file, i] == line || covers(k, key) || covers(stripped, key)) found = 1
    }
    if (found) { matched++; next }
    if ((name "\t" $5) in listed) { used[name "\t" $5] = 1; known++; next }
    printf "FAIL: aip misses what AWS reports in %s:%s: [%s] %s\n", name, line, $4, $5
    failed = 1
  }
  END {
    for (entry in listed) {
      if (!(entry in used)) {
        split(entry, parts, "\t")
        printf "FAIL: differences.tsv lists %s \"%s\", which AWS no longer reports or aip now finds\n", parts[1], parts[2]
        failed = 1
      }
    }
    printf "AWS validator errors in the broken templates: %d; aip finds %d, %d are listed differences\n", total, matched, known
    exit failed
  }
' "$here/differences.tsv" "$cache/aip.txt" "$cache/aws.tsv"
echo "AWS validator: no error in the $(ls "$cache"/synth/*/*.template.json | wc -l) templates aip synthesized"
