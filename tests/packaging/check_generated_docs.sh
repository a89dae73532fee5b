#!/usr/bin/env bash
# The man pages and completions the build generated (build/generated) must
# name every command and every option `aip --help` and `aip CMD --help` show,
# render with `man` without a warning, and complete in bash and fish.
# Usage: check_generated_docs.sh AIP GENERATED_DIR
set -euo pipefail
aip=$1 gen=$2
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

# The commands, from the "Subcommands:" list of `aip --help`.
commands=$("$aip" --help | awk '/^Subcommands:/ {s = 1; next} /^[^ ]/ {s = 0} s && /^  [a-z]/ {print $1}')
[ -n "$commands" ] || fail "no commands in aip --help"

# The options of a command, from its --help: "  -o,--output TEXT  ..." -> -o --output.
options_of() {
  "$aip" "$@" --help | awk '/^Options:/ {s = 1; next} /^[^ ]/ {s = 0} s && /^  -/ {print $1}' | tr ',' '\n' |
    sed 's/=.*//' | grep '^-'
}

bash_file=$gen/completions/aip zsh_file=$gen/completions/_aip fish_file=$gen/completions/aip.fish
check_option() {  # PAGE OPTION COMMAND
  local page=$1 opt=$2 cmd=$3 roff_opt
  roff_opt=$(printf '%s' "$opt" | sed 's/-/\\\\-/g')
  grep -q -- "\\\\fB$roff_opt\\\\fR" "$page" || fail "$(basename "$page") lacks $opt"
  grep -q -- "$opt" "$bash_file" || fail "bash completion lacks $opt ($cmd)"
  grep -q -- "'[^']*$opt\\[" "$zsh_file" || fail "zsh completion lacks $opt ($cmd)"
  local fish_opt
  case $opt in --*) fish_opt="-l ${opt#--}" ;; *) fish_opt="-s ${opt#-}" ;; esac
  grep -q -- "$([ "$cmd" = aip ] && echo "__fish_use_subcommand" || echo "__fish_seen_subcommand_from $cmd")'.* $fish_opt" "$fish_file" ||
    fail "fish completion lacks $opt ($cmd)"
}

for opt in $(options_of); do check_option "$gen/man1/aip.1" "$opt" aip; done
for cmd in $commands; do
  page=$gen/man1/aip-$cmd.1
  [ -f "$page" ] || { fail "no man page aip-$cmd.1"; continue; }
  grep -q "^\\\\fB$cmd\\\\fR$" "$gen/man1/aip.1" || fail "aip.1 does not list $cmd"
  grep -q "__fish_use_subcommand' -a $cmd " "$fish_file" || fail "fish does not complete $cmd"
  grep -q "^        '$cmd:" "$zsh_file" || fail "zsh does not complete $cmd"
  for opt in $(options_of "$cmd"); do check_option "$page" "$opt" "$cmd"; done
done
# No page for a command --help does not show (the hidden __generate).
for page in "$gen"/man1/aip-*.1; do
  name=$(basename "$page" .1); name=${name#aip-}
  grep -qx "$name" <<<"$commands" || fail "man page $name.1 for a command --help does not show"
done

# man renders every page, and groff warns about nothing.
for page in "$gen"/man1/*.1; do
  warnings=$(MANWIDTH=80 man --warnings -E UTF-8 -l -Tutf8 "$page" 2>&1 >/dev/null) || fail "man -l $page failed"
  [ -z "$warnings" ] || fail "man -l $(basename "$page"): $warnings"
done

# Each completion parses, and completes commands and choices.
bash -n "$bash_file" || fail "bash completion does not parse"
got=$(bash -c 'source "$1"; COMP_WORDS=(aip lint --format s); COMP_CWORD=3; _aip; echo "${COMPREPLY[*]}"' _ "$bash_file")
[ "$got" = sarif ] || fail "bash: aip lint --format s<TAB> gave '$got', not sarif"
got=$(bash -c 'source "$1"; COMP_WORDS=(aip --color never sy); COMP_CWORD=3; _aip; echo "${COMPREPLY[*]}"' _ "$bash_file")
[ "$got" = synth ] || fail "bash: aip --color never sy<TAB> gave '$got', not synth"
got=$(bash -c 'source "$1"; COMP_WORDS=(aip synth --fo); COMP_CWORD=2; _aip; echo "${COMPREPLY[*]}"' _ "$bash_file")
[ "$got" = --force ] || fail "bash: aip synth --fo<TAB> gave '$got', not --force"
if command -v zsh >/dev/null; then zsh -n "$zsh_file" || fail "zsh completion does not parse"; fi
if command -v fish >/dev/null; then
  fish --no-execute "$fish_file" || fail "fish completion does not parse"
  got=$(fish -c 'source $argv[1]; complete -C "aip diff --fail-on da"' "$fish_file" | cut -f1)
  [ "$got" = data-loss ] || fail "fish: aip diff --fail-on da<TAB> gave '$got', not data-loss"
fi

[ "$failures" -eq 0 ] || { echo "$failures failures"; exit 1; }
echo "man pages and completions cover $(wc -w <<<"$commands") commands and all their options"
