#!/usr/bin/env bash
# Prints where the last build's time went, from ninja's own log: the slowest
# steps (compiles, links, code generators), then the totals.
#
# usage: tools/build-times.sh [BUILD_DIR] [COUNT]     (defaults: build, 20)
#
# .ninja_log keeps a line per step of every build in the directory; a step run
# again replaces its earlier entry here, so the figures are those of the newest
# run of each step. "wall" runs from the first start to the last end of those
# steps: the build's elapsed time when the directory saw one clean build.
set -euo pipefail
dir=${1:-build}
count=${2:-20}
log="$dir/.ninja_log"
if [ ! -f "$log" ]; then
  echo "build-times: no $log (configure with -G Ninja and build first)" >&2
  exit 2
fi
steps=$(awk 'BEGIN { FS = "\t" }
  /^#/ { next }
  { start[$4] = $1; end[$4] = $2 }
  END { for (out in start) print start[out] "\t" end[out] "\t" out }' "$log")
echo "slowest $count steps of $dir:"
printf '%s\n' "$steps" | awk -F'\t' '{ printf "%d\t%s\n", $2 - $1, $3 }' | sort -rn | head -n "$count" |
  awk -F'\t' '{ printf "%8.1f s  %s\n", $1 / 1000, $2 }'
printf '%s\n' "$steps" | awk -F'\t' -v cores="$(nproc)" '
  { cpu += $2 - $1; n++; if (n == 1 || $1 < first) first = $1; if ($2 > last) last = $2 }
  END { printf "%d steps: %.1f s summed, %.1f s wall, on %d cores\n", n, cpu / 1000, (last - first) / 1000, cores }'
