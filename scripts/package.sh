#!/usr/bin/env bash
# Builds the installable packages into dist/ (or --out DIR), from this Linux
# machine:
#   linux    concurrency-lab_VERSION_amd64.deb, and
#            concurrency-lab-VERSION-x86_64-linux.tar.gz (binary, .desktop
#            entry, icons, licences: for any distribution, see README)
#   windows  concurrency-lab-VERSION-x86_64-windows.zip: concurrency-lab.exe
#            (console: the command line), concurrency-lab-gui.exe (the window,
#            no console), licences, README (cross-built with MinGW-w64)
# macOS's .app and .dmg are built on a Mac by cargo-packager, configured in
# Cargo.toml ([package.metadata.packager]); see .github/workflows/release.yml.
#
#   scripts/package.sh [--profile release|dev] [--out DIR] [linux] [windows]
#
# Default: release profile, both. `--profile dev` packages the debug build
# (CI does, to reuse the build its tests made; never publish those).
# The .deb is built with plain dpkg-deb (always on Debian and Ubuntu; the
# layout is a dozen files, no extra tool to build or trust).
set -euo pipefail
cd "$(dirname "$0")/.."

profile=release
out=dist
systems=()
while (($#)); do
    case "$1" in
        --profile) profile="$2"; shift 2 ;;
        --out) out="$2"; shift 2 ;;
        linux | windows) systems+=("$1"); shift ;;
        *) echo "usage: scripts/package.sh [--profile release|dev] [--out DIR] [linux] [windows]" >&2; exit 2 ;;
    esac
done
((${#systems[@]})) || systems=(linux windows)
case "$profile" in
    release) profile_dir=release ;;
    dev) profile_dir=debug ;;
    *) echo "--profile: release or dev" >&2; exit 2 ;;
esac

# A dev package is CI's: built along with the integration tests, whose
# dev-dependencies turn on more features of shared crates (eframe's wgpu),
# the binaries are the very ones `cargo test` and the Windows leg linked, so
# nothing is compiled twice (a plain build recompiled ~4 minutes' worth).
same_as_tests=()
[[ $profile == dev ]] && same_as_tests=(--test it)
app_id=io.github.concurrency_lab.ConcurrencyLab
metadata="$(cargo metadata --format-version 1 --no-deps)"
field() { python3 -c "import json, sys; m = json.load(sys.stdin); $1" <<<"$metadata"; }
version="$(field 'print(m["packages"][0]["version"])')"
target_dir="$(field 'print(m["target_directory"])')"
description="$(field 'print(m["packages"][0]["description"])')"
homepage="$(field 'print(m["packages"][0]["homepage"] or "")')"
mkdir -p "$out"
out="$(cd "$out" && pwd)"
stage="$(mktemp -d "${TMPDIR:-/tmp}/lab-package.XXXXXX")"
trap 'rm -rf "$stage"' EXIT

# Licences and notices every package carries.
docs=(LICENSE-MIT LICENSE-APACHE README.md assets/fonts/DejaVu-LICENSE.txt)

# The .desktop entry and the hicolor icons under PREFIX/share.
install_desktop_files() {
    local share="$1/share"
    install -Dm644 "packaging/linux/$app_id.desktop" "$share/applications/$app_id.desktop"
    for size in 16 22 24 32 48 64 128 256 512; do
        install -Dm644 "assets/icons/concurrency-lab-$size.png" \
            "$share/icons/hicolor/${size}x${size}/apps/$app_id.png"
    done
}

package_linux() {
    echo "== linux: cargo build --profile $profile"
    cargo build --quiet --locked --profile "$profile" --bin concurrency-lab "${same_as_tests[@]}"
    local binary="$target_dir/$profile_dir/concurrency-lab"
    local arch
    arch="$(dpkg --print-architecture 2>/dev/null || echo amd64)"

    # .deb
    local root="$stage/deb"
    install -Dm755 -s "$binary" "$root/usr/bin/concurrency-lab"
    install_desktop_files "$root/usr"
    local doc="$root/usr/share/doc/concurrency-lab"
    install -Dm644 README.md "$doc/README.md"
    {
        echo "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/"
        echo "Upstream-Name: concurrency-lab"
        echo "Source: $homepage"
        echo
        echo "Files: *"
        echo "License: MIT or Apache-2.0"
        echo
        cat LICENSE-MIT
        echo
        echo "Apache-2.0: see /usr/share/common-licenses/Apache-2.0"
        echo
        echo "Files: assets/fonts/DejaVuSans.ttf (embedded)"
        cat assets/fonts/DejaVu-LICENSE.txt
    } >"$doc/copyright"
    mkdir -p "$root/DEBIAN"
    # Only libc is linked; the window's libraries are loaded at run time, so
    # they are recommended (the command line works without them).
    cat >"$root/DEBIAN/control" <<CONTROL
Package: concurrency-lab
Version: $version
Architecture: $arch
Maintainer: The Concurrency Lab contributors <concurrency-lab@users.noreply.github.com>
Installed-Size: $(du -sk "$root/usr" | cut -f1)
Depends: libc6 (>= 2.31), libgcc-s1
Recommends: libgl1, libegl1, libxkbcommon-x11-0, libxcursor1, libxi6, libxrandr2, libwayland-client0, libwayland-egl1, libxkbcommon0, xdg-desktop-portal
Suggests: python3
Section: education
Priority: optional
Homepage: $homepage
Description: $description
 Concurrency Lab runs the same workload under threads, thread pools,
 process pools, async event loops, work-stealing and threads under a
 simulated Python GIL (and real CPython, when installed), and shows what the
 machine did: wall and CPU time, speed-up, and which core ran which task.
CONTROL
    local deb="$out/concurrency-lab_${version}_${arch}.deb"
    dpkg-deb --root-owner-group -Zxz --build "$root" "$deb" >/dev/null
    echo "   $deb ($(du -h "$deb" | cut -f1))"

    # Tarball: the same files under one folder, for any distribution.
    local name="concurrency-lab-$version-$(uname -m)-linux"
    local tree="$stage/$name"
    install -Dm755 -s "$binary" "$tree/bin/concurrency-lab"
    install_desktop_files "$tree"
    cp "${docs[@]}" "$tree/"
    tar -C "$stage" -czf "$out/$name.tar.gz" --owner=0 --group=0 "$name"
    echo "   $out/$name.tar.gz ($(du -h "$out/$name.tar.gz" | cut -f1))"
}

package_windows() {
    local target=x86_64-pc-windows-gnu
    echo "== windows: cargo build --profile $profile --target $target (MinGW-w64)"
    # As scripts/windows/check.sh builds it, so that CI's dev build is reused
    # (the wrapper changes only the dev profile: no 500 MB of DWARF).
    scripts/windows/cargo.sh build --quiet --locked --profile "$profile" --target "$target" --features windows-gui --bins "${same_as_tests[@]}"
    local built="$target_dir/$target/$profile_dir"
    local name="concurrency-lab-$version-x86_64-windows"
    local tree="$stage/$name"
    mkdir -p "$tree"
    cp "$built/concurrency-lab.exe" "$built/concurrency-lab-gui.exe" "${docs[@]}" "$tree/"
    x86_64-w64-mingw32-strip "$tree"/*.exe
    local zip="$out/$name.zip"
    rm -f "$zip"
    (cd "$stage" && python3 -m zipfile -c "$zip" "$name")
    echo "   $zip ($(du -h "$zip" | cut -f1))"
}

for system in "${systems[@]}"; do
    "package_$system"
done
