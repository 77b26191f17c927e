#!/usr/bin/env bash
# What CI runs, and what to run before every commit: set-up (system packages
# the tests need, cross-compilation targets), formatting, lints, tests, and
# the Windows and macOS builds.
set -euo pipefail
cd "$(dirname "$0")/.."

# Each step says how long it took (CI must finish within 45 minutes from a
# cold clone on 2 cores; see README, "Tests and benchmarks").
step_start=$SECONDS
timed() {
    echo "   ($1 took $((SECONDS - step_start)) s)"
    step_start=$SECONDS
}

# The app's snapshot tests render on the CPU through Mesa (wgpu: lavapipe
# Vulkan or GL); the rest of the build needs no system package. The Windows
# leg links with MinGW-w64 and runs under Wine; the packaging leg validates
# YAML and the .desktop entry.
packages=(libegl1 libegl-mesa0 libgl1-mesa-dri libglx-mesa0 mesa-vulkan-drivers libvulkan1 libfontconfig1
    gcc-mingw-w64-x86-64 wine wine64 yamllint desktop-file-utils)
missing=()
if command -v dpkg-query >/dev/null; then
    for package in "${packages[@]}"; do
        dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
    done
fi
if ((${#missing[@]})); then
    echo "== installing ${missing[*]}"
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    export DEBIAN_FRONTEND=noninteractive
    $sudo apt-get update -qq
    $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

cross_targets=(x86_64-pc-windows-gnu aarch64-apple-darwin x86_64-apple-darwin)
installed=$(rustup target list --installed)
for target in "${cross_targets[@]}"; do
    grep -qx "$target" <<<"$installed" || rustup target add "$target"
done
timed "set-up"

echo "== cargo fmt --check"
cargo fmt --all -- --check

echo "== cargo clippy --all-targets -D warnings"
cargo clippy --all-targets -- -D warnings
timed "clippy"

# Lints for macOS's code (cfg(target_os = "macos")), which cannot be linked
# here, for both Macs (each ~4.5 minutes from cold on 2 idle cores: the
# dependencies are checked per target); the release workflow
# (.github/workflows/release.yml) builds and tests on both natively. Windows
# is built for real and run under Wine below.
for target in aarch64-apple-darwin x86_64-apple-darwin; do
    echo "== cargo clippy --target $target -D warnings"
    cargo clippy --quiet --target "$target" --lib --bins --features windows-gui -- -D warnings
done
timed "clippy for macOS"

echo "== cargo test"
cargo test
timed "cargo test"

# The Windows executable, linked with MinGW-w64 and run under Wine.
scripts/windows/check.sh
timed "the Windows leg"

# The packages: .deb installed into a staging folder, the .zip under Wine.
scripts/check-packages.sh
timed "the packaging leg"
