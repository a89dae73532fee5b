#!/usr/bin/env bash
# Installs the Debian packages aip needs to build, if any are missing; with
# `test`, also what the test suite needs (clang and its sanitizer runtime for
# the ASan+UBSan build; man, groff, zsh and fish to check the generated man
# pages and completions; dpkg-dev, binutils, git, jq and pre-commit for the
# packaging and CI tests in tests/packaging; graphviz for `aip graph` through dot in tests/graph).
# Safe to run again: with everything present it changes nothing and needs no network.
set -euo pipefail
packages=(cmake ninja-build g++ libcli11-dev libyaml-cpp-dev nlohmann-json3-dev libfmt-dev catch2)
if [ "${1:-}" = test ]; then
  packages+=(clang libclang-rt-14-dev man-db groff-base zsh fish dpkg-dev binutils git jq pre-commit graphviz)
fi
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
echo "aip setup: installing ${missing[*]}"
sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo=sudo; fi
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
