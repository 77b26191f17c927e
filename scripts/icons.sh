#!/usr/bin/env bash
# Regenerates the app's icons (committed; run again only when the design
# changes). Needs ImageMagick (Debian: imagemagick).
#
# The master is drawn at 1024 px from the design of assets/icon.png (a 128 px
# grid: every coordinate below is that design's times 8), so it is sharp
# rather than an enlarged 128 px image; every other size is derived from
# the master:
#   assets/icons/concurrency-lab-1024.png   the master (macOS .icns source)
#   assets/icons/concurrency-lab-N.png      N = 16 … 512 (Linux hicolor theme)
#   assets/icons/concurrency-lab.ico        16 … 256 (the Windows .exe)
set -euo pipefail
cd "$(dirname "$0")/.."
out=assets/icons
mkdir -p "$out"
master="$out/concurrency-lab-1024.png"

# Background: rounded square, radius 24 (x8 = 192). Then two rows of bars
# (blue and green), a row of alternating blue and orange tiles, a grey rule.
tiles=()
for i in $(seq 0 10); do
    x=$((144 + i * 64))
    colour='#4f9dff'
    ((i % 2)) && colour='#ffaa3c'
    tiles+=(-fill "$colour" -draw "rectangle $x,688 $((x + 55)),815")
done
convert -size 1024x1024 xc:none \
    -fill '#1c202c' -draw 'roundrectangle 0,0 1023,1023 192,192' \
    -fill '#4f9dff' -draw 'rectangle 144,208 559,335' \
    -fill '#5ac878' -draw 'rectangle 592,208 879,335' \
    -fill '#4f9dff' -draw 'rectangle 144,400 495,527' \
    -fill '#5ac878' -draw 'rectangle 528,400 879,527' \
    "${tiles[@]}" \
    -fill '#5a606e' -draw 'rectangle 144,864 879,879' \
    -strip "PNG32:$master"

for size in 16 22 24 32 48 64 128 256 512; do
    convert "$master" -filter Lanczos -resize "${size}x${size}" -strip "PNG32:$out/concurrency-lab-$size.png"
done
convert "$out/concurrency-lab-16.png" "$out/concurrency-lab-24.png" "$out/concurrency-lab-32.png" \
    "$out/concurrency-lab-48.png" "$out/concurrency-lab-64.png" "$out/concurrency-lab-128.png" \
    "$out/concurrency-lab-256.png" "$out/concurrency-lab.ico"
ls -l "$out"
