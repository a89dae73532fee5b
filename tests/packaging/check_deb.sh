#!/usr/bin/env bash
# cpack builds aip_VERSION_ARCH.deb; its control fields are right, its
# Depends covers every shared library the binary needs, it holds the binary,
# man pages, completions and copyright, and the packaged binary runs.
# With AIP_STATIC (third argument ON), glibc must be all the binary needs.
# Usage: check_deb.sh BUILD_DIR VERSION [STATIC]
set -euo pipefail
build=$1 version=$2 static=${3:-OFF}
command -v dpkg-deb >/dev/null || { echo "no dpkg-deb: skipped"; exit 77; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$build" && cpack -G DEB -B "$work/out" >"$work/cpack.log" 2>&1) || { cat "$work/cpack.log"; exit 1; }
arch=$(dpkg --print-architecture)
deb=$work/out/aip_${version}_${arch}.deb
[ -f "$deb" ] || { echo "FAIL: no $deb"; ls "$work/out"; exit 1; }

fail() { echo "FAIL: $*"; dpkg-deb -I "$deb"; exit 1; }
field() { dpkg-deb -f "$deb" "$1"; }
[ "$(field Package)" = aip ] || fail "Package is not aip"
[ "$(field Version)" = "$version" ] || fail "Version is not $version"
[ "$(field Architecture)" = "$arch" ] || fail "Architecture is not $arch"
[ -n "$(field Maintainer)" ] || fail "no Maintainer"
[ -n "$(field Description)" ] || fail "no Description"
depends=$(field Depends)
depend_names=$(sed 's/([^)]*)//g; s/ //g' <<<"$depends" | tr ',|' '\n\n')
[ -n "$depends" ] || fail "no Depends"

files=$(dpkg-deb -c "$deb" | awk '{print $6}')
for f in ./usr/bin/aip ./usr/share/man/man1/aip.1 ./usr/share/man/man1/aip-synth.1 \
         ./usr/share/bash-completion/completions/aip ./usr/share/zsh/site-functions/_aip \
         ./usr/share/fish/vendor_completions.d/aip.fish ./usr/share/doc/aip/copyright ./usr/share/doc/aip/LICENSE; do
  grep -qx -- "$f" <<<"$files" || fail "$f is not in the package"
done

# Every library the binary needs comes from a package Depends names.
dpkg-deb -x "$deb" "$work/root"
for lib in $(objdump -p "$work/root/usr/bin/aip" | awk '$1 == "NEEDED" {print $2}'); do
  # awk reads all of ldconfig's output: exiting early would end ldconfig with SIGPIPE, which
  # pipefail turns into a failure of this script whenever the output is large enough.
  path=$(ldconfig -p | awk -v l="$lib" '$1 == l && !found {print $NF; found = 1}')
  [ -n "$path" ] || fail "cannot find $lib"
  owner=$(dpkg -S "$path" 2>/dev/null || dpkg -S "$(readlink -f "$path")")
  pkg=$(head -1 <<<"$owner" | cut -d: -f1)
  grep -qxF "$pkg" <<<"$depend_names" || fail "$lib is from $pkg, which Depends ($depends) does not name"
done

if [ "$static" = ON ]; then
  [ "$depend_names" = libc6 ] || fail "a static build depends on more than libc6: $depends"
fi

cd "$work"
"$work/root/usr/bin/aip" init --blueprint network net >/dev/null
"$work/root/usr/bin/aip" synth net/platform.yaml -o cdk.out -q
[ -f cdk.out/manifest.json ] || fail "the packaged aip wrote no manifest.json"
echo "$(basename "$deb"): Depends: $depends"
