#!/usr/bin/env bash
# The action's install step: aip from a .deb (AIP_DEB: a URL or a path), or
# built from the action's own checkout (mostly static, as a release would be)
# and installed under $RUNNER_TEMP/aip; either way on PATH for later steps.
set -euo pipefail
action_dir=$(cd "$(dirname "$0")/../.." && pwd)
sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo=sudo; fi
if [ -n "${AIP_DEB:-}" ]; then
  deb=$AIP_DEB
  case $deb in
    http://* | https://*) curl -fsSL -o "${RUNNER_TEMP:-/tmp}/aip.deb" "$deb"; deb=${RUNNER_TEMP:-/tmp}/aip.deb ;;
  esac
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$(realpath "$deb")"
else
  prefix=${RUNNER_TEMP:-/tmp}/aip
  build=${RUNNER_TEMP:-/tmp}/aip-build
  "$action_dir/tools/setup.sh"
  cmake -S "$action_dir" -B "$build" -G Ninja -DAIP_STATIC=ON -DBUILD_TESTING=OFF
  cmake --build "$build" --target aip_docs
  cmake --install "$build" --prefix "$prefix"
  if [ -n "${GITHUB_PATH:-}" ]; then echo "$prefix/bin" >>"$GITHUB_PATH"; fi
fi
