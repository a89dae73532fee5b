#!/usr/bin/env bash
# Prints the README's traceability section from docs/blueprints/*.md: per blueprint its row
# counts by status, then what each table says is not modelled, element by element with its
# reason. The README holds this output between the traceability markers; the test
# readme_traceability_section fails when the two differ (rerun with --write to update it).
# usage: traceability-summary.sh TABLE_DIR [--write README]
set -euo pipefail
tables_dir=$1
shopt -s nullglob
summary() {
  echo "| blueprint | rows | rendered | differs | not modelled | broken | rendered exactly | rendered or differs |"
  echo "|---|---|---|---|---|---|---|---|"
  for table in "$tables_dir"/*.md; do
    name=$(basename "$table" .md)
    # Column 6 (status) of every row "| N | ... |"; awk splits on " | ".
    awk -F' \\| ' -v name="$name" '
      /^\| [0-9]+ \|/ { rows++; s = $6; sub(/ *\|$/, "", s); k = s; sub(/:.*/, "", k); n[k]++ }
      END { printf "| [%s](docs/blueprints/%s.md) | %d | %d | %d | %d | %d | %d %% | %d %% |\n", name, name, rows,
            n["rendered"], n["differs"], n["not modelled"], n["broken"],
            int(100 * n["rendered"] / rows + 0.5), int(100 * (n["rendered"] + n["differs"]) / rows + 0.5) }' "$table"
  done
  echo
  echo "A row is \`rendered\` when the templates do what the seed's element says, with the seed's numbers"
  echo "and scope; its note may say how where the seed leaves it open (a value the seed does not give, an"
  echo "identifier AWS or aip's naming assigns, the one mechanism AWS offers, or something aip adds on top"
  echo "without taking anything away). Anything else done differently is \`differs\`, with why: another"
  echo "service or shape, another number, a part left out, a seed setting replaced even for a good reason."
  echo "What aip adds that the seed does not mention is listed under each table, not counted."
  echo
  echo "Not modelled, as the tables say (element: why):"
  echo
  for table in "$tables_dir"/*.md; do
    name=$(basename "$table" .md)
    awk -F' \\| ' -v name="$name" '
      /^\| [0-9]+ \|/ {
        s = $6; sub(/ *\|$/, "", s)
        if (s ~ /^not modelled: /) { sub(/^not modelled: /, "", s); item = item sprintf("  - %s: %s\n", $3, s) }
      }
      END { if (item != "") printf "- `%s`:\n%s", name, item }' "$table"
  done
  echo
  echo "Broken, as the tables say (rendered, but it would not work end to end on AWS):"
  echo
  local any=0
  for table in "$tables_dir"/*.md; do
    name=$(basename "$table" .md)
    line=$(awk -F' \\| ' -v name="$name" '
      /^\| [0-9]+ \|/ {
        s = $6; sub(/ *\|$/, "", s)
        if (s ~ /^broken: /) { sub(/^broken: /, "", s); item = item sprintf("  - %s: %s\n", $3, s) }
      }
      END { if (item != "") printf "- `%s`:\n%s", name, item }' "$table")
    [[ -n $line ]] && { echo "$line"; any=1; }
  done
  (( any )) || echo "- none"
}
if [[ ${2:-} == --write ]]; then
  readme=$3
  out=$(mktemp) && trap 'rm -f "$out"' EXIT
  awk -v gen="$(summary)" '
    /<!-- traceability:begin/ { print; print gen; skip = 1; next }
    /<!-- traceability:end/ { skip = 0 }
    !skip { print }' "$readme" > "$out"
  cat "$out" > "$readme"
else
  summary
fi
