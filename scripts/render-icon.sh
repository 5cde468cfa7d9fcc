#!/usr/bin/env bash
# Renders media/icon.svg (the activity-bar glyph of media/modelarts.svg on a 256×256 tile) to the
# marketplace icon media/icon.png with headless chromium (Debian's, installed with the VS Code host),
# then to a palette PNG where pngquant and optipng are installed.
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
printf '<!doctype html><style>html,body{margin:0;background:transparent;overflow:hidden}</style>%s' "$(cat media/icon.svg)" > "$tmp/icon.html"
HOME="$tmp" chromium --headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking \
  --disable-component-update --disable-sync --hide-scrollbars --default-background-color=00000000 \
  --window-size=256,256 --screenshot="$PWD/media/icon.png" "file://$tmp/icon.html" 2>/dev/null
# a flat tile needs no 24-bit colour: a palette PNG is a fifth of the size in the .vsix (27.6 → 5.6 KB,
# SPEC §12 budget), indistinguishable; pngquant and optipng are Debian packages of those names
if command -v pngquant >/dev/null && command -v optipng >/dev/null; then
  pngquant --quality 85-98 --speed 1 --strip --force -o media/icon.png media/icon.png
  optipng -o5 -quiet media/icon.png
fi
file media/icon.png
