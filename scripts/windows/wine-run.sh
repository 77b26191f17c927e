#!/usr/bin/env bash
# Runs a Windows .exe built here under Wine: cargo's runner for
# x86_64-pc-windows-gnu (see .cargo/config.toml), and what check.sh and
# package.sh use to start the lab's .exe.
#
#   scripts/windows/wine-run.sh PROGRAM.exe [ARGUMENTS...]
#
# - Debian 12's Wine 8 lacks bcryptprimitives.dll!ProcessPrng, which Rust's
#   standard library imports: a stub built from bcryptprimitives.c is put
#   beside the program and, for a test binary in deps/, beside the lab's
#   .exe one folder up (the process pool starts it again as its workers).
# - WINEPREFIX: the caller's if set (check.sh makes one per CI run), else a
#   throw-away one removed afterwards. WINEDEBUG=-all keeps Wine's own
#   chatter out of the program's output.
# - The exit status is the program's.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
program="${1:?usage: wine-run.sh PROGRAM.exe [ARGUMENTS...]}"
shift

# Builds the stub once per folder (again when its source is newer).
stub_beside() {
    local folder="$1" dll="$1/bcryptprimitives.dll"
    if [[ ! -f "$dll" || "$here/bcryptprimitives.c" -nt "$dll" ]]; then
        x86_64-w64-mingw32-gcc -shared -O2 -o "$dll.tmp" \
            "$here/bcryptprimitives.c" "$here/bcryptprimitives.def" -ladvapi32
        mv "$dll.tmp" "$dll"
    fi
}

folder="$(cd "$(dirname "$program")" && pwd)"
stub_beside "$folder"
if [[ "$(basename "$folder")" == deps && -f "$folder/../concurrency-lab.exe" ]]; then
    stub_beside "$(cd "$folder/.." && pwd)"
fi

export WINEDEBUG="${WINEDEBUG:--all}"
# No Mono/Gecko installers and no menu entries when a prefix is created.
export WINEDLLOVERRIDES="${WINEDLLOVERRIDES:-mscoree,mshtml=;winemenubuilder.exe=d}"
if [[ -z "${WINEPREFIX:-}" ]]; then
    WINEPREFIX="$(mktemp -d "${TMPDIR:-/tmp}/lab-wine.XXXXXX")"
    export WINEPREFIX
    cleanup() {
        wineserver -k 2>/dev/null || true
        rm -rf "$WINEPREFIX"
    }
    trap cleanup EXIT
fi

status=0
wine "$program" "$@" || status=$?
exit "$status"
