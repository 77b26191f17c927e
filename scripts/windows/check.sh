#!/usr/bin/env bash
# The Windows leg of scripts/check.sh: links the real Windows executable with
# MinGW-w64 and runs it under Wine (Debian's Wine 8; see README, "Windows
# under Wine" for what Wine cannot show):
#   - the .exe carries its icon and version information;
#   - `presets` lists the built-in presets;
#   - `run` of a preset with every lab model (the process pool included)
#     writes JSON whose checksums are right and whose process pool used two
#     worker processes;
#   - a bad preset exits with code 2;
#   - the engine's integration tests that can run there (TESTS below).
# Needs gcc-mingw-w64-x86-64, wine and wine64 (check.sh installs them) and
# the x86_64-pc-windows-gnu target. Prints how long each step took.
set -euo pipefail
cd "$(dirname "$0")/../.."

target=x86_64-pc-windows-gnu
# One debug build for this leg and the packaging leg (package.sh --profile
# dev): the same cargo settings (scripts/windows/cargo.sh: no debug
# information, dependencies unoptimised) and the same features (windows-gui
# builds concurrency-lab-gui.exe too), so the packages link nothing new.
cargo_windows=(scripts/windows/cargo.sh test --quiet --locked --target "$target" --features windows-gui --test it)
runner=scripts/windows/wine-run.sh
# Integration tests (tests/it) run under Wine, by name filter. Left out: the
# app's (they render with wgpu; Wine here has no GPU nor a display) and the
# Python ones (no Windows Python under Wine).
TESTS=(executors:: failures:: presets:: cli:: platform::)

# One throw-away Wine prefix for the whole leg (created on first use, ~7 s).
WINEPREFIX="$(mktemp -d "${TMPDIR:-/tmp}/lab-wine.XXXXXX")"
export WINEPREFIX
work="$(mktemp -d "${TMPDIR:-/tmp}/lab-windows.XXXXXX")"
cleanup() {
    wineserver -k 2>/dev/null || true
    rm -rf "$WINEPREFIX" "$work"
}
trap cleanup EXIT

step_start=$SECONDS
step() {
    echo "   ($((SECONDS - step_start)) s)"
    step_start=$SECONDS
    echo "== windows: $*"
}

step "build the tests and the .exe (debug)"
"${cargo_windows[@]}" --no-run
target_dir="$(cargo metadata --format-version 1 --no-deps |
    python3 -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])')"
exe="$target_dir/$target/debug/concurrency-lab.exe"
ls -l "$exe"

step "icon and version information in the .exe"
x86_64-w64-mingw32-objdump -h "$exe" | grep -q '\.rsrc' ||
    { echo "FAIL: $exe has no resource section (icon, version)"; exit 1; }
x86_64-w64-mingw32-strings -el "$exe" | grep -qx "Concurrency Lab" ||
    { echo "FAIL: no version information naming Concurrency Lab"; exit 1; }

step "presets under Wine"
"$runner" "$exe" presets >"$work/presets.txt"
grep -q '^cpu-bound ' "$work/presets.txt" ||
    { echo "FAIL: presets did not list cpu-bound:"; cat "$work/presets.txt"; exit 1; }
# Messages are compiled in (rust-embed's debug-embed): a message id in place
# of its text means the .exe looked for the Fluent files on disk.
if grep -q 'preset-claim-' "$work/presets.txt"; then
    echo "FAIL: presets shows message ids, not messages:"; cat "$work/presets.txt"; exit 1
fi

step "run every model under Wine (--json)"
"$runner" "$exe" run scripts/windows/every-model.toml --json "$work/every-model.json" --spans
python3 scripts/windows/check-results.py "$work/every-model.json"

step "a bad preset exits with 2"
printf 'name = "bad"\n[workload]\nkind = "cpu"\ntasks = 0\n[[runs]]\nmodel = "sequential"\n' >"$work/bad.toml"
status=0
"$runner" "$exe" run "$work/bad.toml" 2>"$work/bad.txt" || status=$?
if [[ $status -ne 2 ]]; then
    echo "FAIL: a bad preset exited with $status, expected 2"; cat "$work/bad.txt"; exit 1
fi
grep -q tasks "$work/bad.txt" || { echo "FAIL: the message does not name the field:"; cat "$work/bad.txt"; exit 1; }

step "integration tests under Wine: ${TESTS[*]}"
"${cargo_windows[@]}" -- "${TESTS[@]}"
step "done"
