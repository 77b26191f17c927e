#!/usr/bin/env bash
# Starts the real app under Xvfb, lets it run, and saves screenshots of the
# window — so that anyone can look at what the lab shows, at the sizes and in
# the languages a learner uses.
#
#   scripts/screenshot.sh [PRESET] [OUT.png] [SECONDS]
#       one shot: the preset run in a 1400x900 window (defaults: cpu-bound,
#       docs/screenshot.png, 15 s)
#   scripts/screenshot.sh --sizes [PRESET] [FOLDER] [SECONDS]
#       the preset at 1280x720, 1600x1000 and 1920x1080, in English and in
#       Russian: FOLDER/PRESET-SIZE-LANG.png (default folder: target/screenshots)
#
# Environment: SIZE=WxH (one shot's window), LAB_LANG=en|ru, LESSON=N (open
# the Lessons panel on step N). Needs Xvfb and ImageMagick:
#   apt-get install -y xvfb imagemagick libgl1 libglx-mesa0 libgl1-mesa-dri libegl1 \
#     libegl-mesa0 libx11-xcb1 libxcursor1 libxkbcommon-x11-0 libfontconfig1
set -euo pipefail
cd "$(dirname "$0")/.."

for tool in xvfb-run import; do
    command -v "$tool" >/dev/null || { echo "error: $tool not found (see the comment at the top of $0)" >&2; exit 1; }
done
cargo build --release --quiet
app="$PWD/target/release/concurrency-lab"

# One shot: shot PRESET OUT SECONDS SIZE LANG
shot() {
    local preset=$1 out=$2 seconds=$3 size=$4 lang=$5
    mkdir -p "$(dirname "$out")"
    out=$(cd "$(dirname "$out")" && pwd)/$(basename "$out")
    # A private settings folder, so the shot does not depend on (or change) yours.
    local state
    state=$(mktemp -d)
    local extra=()
    [ -n "${LESSON:-}" ] && extra+=(--lesson "$LESSON")
    XDG_DATA_HOME="$state" HOME="$state" xvfb-run -a -s "-screen 0 ${size}x24" bash -c '
        app=$1; shift; seconds=$1; shift; out=$1; shift
        "$app" "$@" &
        pid=$!
        # Xvfb puts the pointer mid-screen, over the timeline: move it to a
        # corner so that no hover tooltip covers the shot.
        if command -v xdotool >/dev/null; then
            sleep 2
            xdotool mousemove 2 2000 || true
        fi
        sleep "$seconds"
        import -window root "$out"
        kill "$pid"
        wait "$pid" 2>/dev/null || true
    ' _ "$app" "$seconds" "$out" --lang "$lang" gui --size "$size" --preset "$preset" --autorun "${extra[@]}"
    rm -rf "$state"
    echo "saved $out"
}

if [ "${1:-}" = "--sizes" ]; then
    preset=${2:-cpu-bound}
    folder=${3:-target/screenshots}
    seconds=${4:-20}
    for size in 1280x720 1600x1000 1920x1080; do
        for lang in en ru; do
            shot "$preset" "$folder/$(basename "$preset" .toml)-$size-$lang.png" "$seconds" "$size" "$lang"
        done
    done
else
    shot "${1:-cpu-bound}" "${2:-docs/screenshot.png}" "${3:-15}" "${SIZE:-1400x900}" "${LAB_LANG:-en}"
fi
