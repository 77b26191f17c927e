#!/usr/bin/env bash
# Starts the real app under Xvfb with a built-in preset (or preset file), lets
# it run, and saves a screenshot of the window.
#
#   scripts/screenshot.sh [PRESET] [OUT.png] [SECONDS]
#
# Defaults: cpu-bound, docs/screenshot.png, 15 s. Needs Xvfb and ImageMagick:
#   apt-get install -y xvfb imagemagick libgl1 libglx-mesa0 libgl1-mesa-dri libegl1 \
#     libegl-mesa0 libx11-xcb1 libxcursor1 libxkbcommon-x11-0 libfontconfig1
set -euo pipefail
cd "$(dirname "$0")/.."

preset=${1:-cpu-bound}
out=${2:-docs/screenshot.png}
seconds=${3:-15}

for tool in xvfb-run import; do
    command -v "$tool" >/dev/null || { echo "error: $tool not found (see the comment at the top of $0)" >&2; exit 1; }
done
cargo build --release --quiet
mkdir -p "$(dirname "$out")"
out=$(cd "$(dirname "$out")" && pwd)/$(basename "$out")

# A private settings folder, so the shot does not depend on (or change) yours.
state=$(mktemp -d)
trap 'rm -rf "$state"' EXIT

XDG_DATA_HOME="$state" HOME="$state" xvfb-run -a -s "-screen 0 1400x900x24" bash -c '
    "$0" gui --preset "$1" --autorun &
    app=$!
    sleep "$2"
    import -window root "$3"
    kill "$app"
    wait "$app" 2>/dev/null || true
' "$PWD/target/release/concurrency-lab" "$preset" "$seconds" "$out"
echo "saved $out"
