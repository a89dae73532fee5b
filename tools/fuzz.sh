#!/usr/bin/env bash
# Fuzzes one target for SECONDS: tools/fuzz.sh TARGET SECONDS
# TARGET is spec, cidr, iam, template, diff, asl or yaml (fuzz/fuzz_TARGET.cpp). Builds
# the libFuzzer targets with clang, ASan and UBSan in build-fuzz/ (or
# $AIP_FUZZ_BUILD), then runs one job. The working corpus grows in
# build-fuzz/corpus/TARGET, seeded from fuzz/corpora.txt and tests/fuzz/TARGET;
# a crash, leak, timeout or out-of-memory input lands in
# build-fuzz/artifacts/TARGET/. After fixing its cause, keep the input as
# tests/fuzz/TARGET/<name>: the fuzz_replay_TARGET test replays it in every build.
set -euo pipefail
if [ $# -ne 2 ]; then
  echo "usage: tools/fuzz.sh TARGET SECONDS   (TARGET: spec cidr iam template diff asl yaml)" >&2
  exit 2
fi
target=$1 seconds=$2
cd "$(dirname "$0")/.."
seeds=$(awk -v t="$target" '$1 == t { $1 = ""; print }' fuzz/corpora.txt)
if [ -z "$seeds" ]; then
  echo "tools/fuzz.sh: unknown target '$target' (see fuzz/corpora.txt)" >&2
  exit 2
fi
[ -d "tests/fuzz/$target" ] && seeds="$seeds tests/fuzz/$target"

build=${AIP_FUZZ_BUILD:-build-fuzz}
cxx=${CXX:-$(command -v clang++-14 || command -v clang++)}
launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
cmake -S . -B "$build" -G Ninja -DCMAKE_CXX_COMPILER="$cxx" -DAIP_FUZZ=ON -DBUILD_TESTING=OFF \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo "${launcher[@]}" >/dev/null
cmake --build "$build" -j"${AIP_FUZZ_JOBS:-1}" --target "fuzz_$target"

corpus="$build/corpus/$target" artifacts="$build/artifacts/$target"
mkdir -p "$corpus" "$artifacts"
# New inputs go to the first directory only; the seed directories stay untouched.
# shellcheck disable=SC2086
exec "$build/fuzz/fuzz_$target" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
  -print_final_stats=1 -artifact_prefix="$artifacts/" "$corpus" $seeds
