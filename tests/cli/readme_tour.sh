#!/usr/bin/env bash
# Replays the README's five-minute tour and fails if anything it shows is not
# what the commands print today. The tour is the part of README.md between
# <!-- tour:begin --> and <!-- tour:end -->; in its ```console blocks a line
# "$ CMD" is a command, "> TEXT" continues it (a here-document), and every
# other line is the output it printed (stdout and stderr). All commands run
# in one shell, in order, in an empty directory, with this build's aip first
# on PATH.
# Usage: readme_tour.sh AIP_BINARY README
set -euo pipefail
aip=$(realpath "$1")
readme=$(realpath "$2")

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/bin" "$work/tour"
ln -s "$aip" "$work/bin/aip"

# The tour's console blocks, in order: the expected transcript.
awk '/<!-- tour:begin -->/ {on = 1; next}
     /<!-- tour:end -->/ {on = 0}
     on && /^```console$/ {block = 1; next}
     on && block && /^```$/ {block = 0; next}
     on && block {print}' "$readme" >"$work/expected"
if ! grep -q '^\$ ' "$work/expected"; then
  echo "readme_tour.sh: no tour commands found in $readme" >&2
  exit 1
fi

# A script that echoes each command as the README shows it, then runs it.
{
  echo 'set +e'
  echo 'tour_status=0'
  cmd=""
  flush() {
    if [ -n "$cmd" ]; then
      printf 'printf "%%s\\n" %q\n' "$cmd_shown"
      # $? in a command is the previous command's status, not the echo's.
      printf '(exit "$tour_status")\n%s\ntour_status=$?\n' "$cmd"
    fi
    cmd=""
    cmd_shown=""
  }
  while IFS= read -r line; do
    case "$line" in
      '$ '*) flush; cmd=${line#\$ }; cmd_shown=$line ;;
      '> '*|'>') [ -n "$cmd" ] && { cmd+=$'\n'"${line#> }"; cmd_shown+=$'\n'"$line"; } ;;
      *) flush ;;
    esac
  done <"$work/expected"
  flush
} >"$work/replay.sh"

(cd "$work/tour" && env -i HOME="$work" PATH="$work/bin:/usr/bin:/bin" NO_COLOR=1 bash "$work/replay.sh") \
  >"$work/actual" 2>&1 || true

if ! diff -u "$work/expected" "$work/actual"; then
  echo "readme_tour.sh: the README tour (above: - README, + what the commands print now) is out of date" >&2
  exit 1
fi
echo "readme_tour.sh: $(grep -c '^\$ ' "$work/expected") tour commands print what the README shows"
