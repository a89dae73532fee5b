#!/usr/bin/env bash
# Checks every traceability table in docs/blueprints/*.md against what aip renders: each table
# names a bundled blueprint, every logical id it cites exists in that blueprint's synthesized
# templates, and every status is one of the four the tables use. A table that cites a resource
# aip no longer writes fails here, so the tables stay true.
# usage: check_traceability.sh AIP BLUEPRINT_DIR TABLE_DIR
set -euo pipefail
aip=$1 blueprints=$2 tables_dir=$3
work=$(mktemp -d) && trap 'rm -rf "$work"' EXIT
shopt -s nullglob
tables=("$tables_dir"/*.md)
(( ${#tables[@]} > 0 )) || { echo "no tables in $tables_dir" >&2; exit 1; }
fail=0
for table in "${tables[@]}"; do
  name=$(basename "$table" .md)
  spec="$blueprints/$name.yaml"
  [[ -f $spec ]] || { echo "$table: no blueprint $spec" >&2; fail=1; continue; }
  "$aip" synth "$spec" -o "$work/$name" >/dev/null
  cat "$work/$name"/*.template.json > "$work/$name.all"
  declare -A count=([rendered]=0 [differs]=0 ["not modelled"]=0 [broken]=0)
  rows=0
  # Table rows start with "| <number> |"; the 5th column holds logical ids, the 6th the status.
  while IFS= read -r row; do
    rows=$((rows + 1))
    ids=$(awk -F' \\| ' '{print $5}' <<<"$row")
    status=$(awk -F' \\| ' '{print $6}' <<<"$row" | sed 's/ *|$//')
    kind=${status%%:*}
    if [[ -z ${count[$kind]+x} ]]; then
      echo "$table: row '${row:0:60}...': status '$status' is not rendered, differs:, not modelled: or broken:" >&2
      fail=1
    else
      count[$kind]=$((count[$kind] + 1))
    fi
    for id in $(grep -o '`[A-Za-z0-9]*`' <<<"$ids" | tr -d '`'); do
      grep -q "\"$id\": {" "$work/$name.all" ||
        { echo "$table: logical id $id is in no template of $name" >&2; fail=1; }
    done
  done < <(grep -E '^\| [0-9]+ \|' "$table")
  (( rows > 0 )) || { echo "$table: no rows" >&2; fail=1; }
  # The Summary's first sentence states the counts and percentages; they must be these.
  summary=$(awk '/^## Summary/ { f = 1; next } f && NF { p = p " " $0 } f && !NF && p { exit } END { print p }' "$table")
  re='([0-9]+) rows[^:]*: ([0-9]+) rendered, ([0-9]+) differ[^,]*, ([0-9]+|no|none) not modelled, ([0-9]+|no|none) broken[^0-9]*([0-9]+) % rendered exactly[^0-9]*([0-9]+) % rendered or'
  if [[ $summary =~ $re ]]; then
    said=("${BASH_REMATCH[@]:1}")
    for i in 3 4; do [[ ${said[$i]} == no || ${said[$i]} == none ]] && said[$i]=0; done
    exact=$(( (200 * count[rendered] / rows + 1) / 2 ))
    covered=$(( (200 * (count[rendered] + count[differs]) / rows + 1) / 2 ))
    counted=("$rows" "${count[rendered]}" "${count[differs]}" "${count[not modelled]}" "${count[broken]}" "$exact" "$covered")
    if [[ "${said[*]}" != "${counted[*]}" ]]; then
      echo "$table: the Summary says rows/rendered/differs/not modelled/broken/exact %/covered % =" \
           "${said[*]}, the table has ${counted[*]}" >&2
      fail=1
    fi
  else
    echo "$table: the Summary's first sentence does not state the counts" \
         "(\"N rows: A rendered, B differ, C not modelled, D broken: P % rendered exactly, Q % rendered or ...\")" >&2
    fail=1
  fi
  echo "$name: $rows rows, ${count[rendered]} rendered, ${count[differs]} differ," \
       "${count[not modelled]} not modelled, ${count[broken]} broken"
  unset count
done
exit $fail
