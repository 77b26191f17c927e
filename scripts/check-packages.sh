#!/usr/bin/env bash
# The packaging leg of scripts/check.sh: builds the packages with
# scripts/package.sh (the debug profile, to reuse the tests' build; a
# release is `scripts/package.sh` alone), then
#   - unpacks the .deb into a staging folder (dpkg -x, no root, no
#     container) and runs the installed `concurrency-lab presets`;
#   - checks the tarball holds the binary, the .desktop entry and the icons;
#   - unzips the Windows .zip and runs its `concurrency-lab.exe presets`
#     under Wine;
#   - validates the .desktop entry and the release workflow.
set -euo pipefail
cd "$(dirname "$0")/.."

work="$(mktemp -d "${TMPDIR:-/tmp}/lab-packages.XXXXXX")"
WINEPREFIX="$work/wine"
export WINEPREFIX
cleanup() {
    wineserver -k 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

echo "== packages: release workflow and .desktop entry"
yamllint -d "{extends: relaxed, rules: {line-length: {max: 200}}}" .github/workflows/release.yml
python3 scripts/check-workflows.py .github/workflows/release.yml
desktop-file-validate packaging/linux/*.desktop

echo "== packages: scripts/package.sh --profile dev"
scripts/package.sh --profile dev --out "$work/dist"

echo "== packages: the .deb, installed into a staging folder"
deb=("$work"/dist/concurrency-lab_*.deb)
dpkg-deb --info "${deb[0]}" | grep -q '^ Package: concurrency-lab$'
dpkg -x "${deb[0]}" "$work/root"
for file in usr/bin/concurrency-lab usr/share/applications/io.github.concurrency_lab.ConcurrencyLab.desktop \
    usr/share/icons/hicolor/256x256/apps/io.github.concurrency_lab.ConcurrencyLab.png \
    usr/share/doc/concurrency-lab/copyright; do
    [[ -f "$work/root/$file" ]] || { echo "FAIL: the .deb lacks /$file"; exit 1; }
done
"$work/root/usr/bin/concurrency-lab" presets | grep -q '^cpu-bound '

echo "== packages: the tarball"
tarball=("$work"/dist/concurrency-lab-*-linux.tar.gz)
tar -tzf "${tarball[0]}" >"$work/tar.txt"
for file in bin/concurrency-lab share/applications/io.github.concurrency_lab.ConcurrencyLab.desktop LICENSE-MIT LICENSE-APACHE; do
    grep -q "/$file\$" "$work/tar.txt" || { echo "FAIL: the tarball lacks $file"; exit 1; }
done

echo "== packages: the Windows .zip's executable under Wine"
zip=("$work"/dist/concurrency-lab-*-windows.zip)
python3 -m zipfile -e "${zip[0]}" "$work/unzipped"
exe=("$work"/unzipped/*/concurrency-lab.exe)
for file in concurrency-lab-gui.exe LICENSE-MIT LICENSE-APACHE; do
    [[ -f "$(dirname "${exe[0]}")/$file" ]] || { echo "FAIL: the .zip lacks $file"; exit 1; }
done
scripts/windows/wine-run.sh "${exe[0]}" presets | grep -q '^cpu-bound '
ls -l "$work"/dist
