#!/usr/bin/env bash
# Renders media/icon.svg (the activity-bar glyph of media/modelarts.svg on a 256×256 tile) to the
# marketplace icon media/icon.png with headless chromium (Debian's, installed with the VS Code host).
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
printf '<!doctype html><style>html,body{margin:0;background:transparent;overflow:hidden}</style>%s' "$(cat media/icon.svg)" > "$tmp/icon.html"
HOME="$tmp" chromium --headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking \
  --disable-component-update --disable-sync --hide-scrollbars --default-background-color=00000000 \
  --window-size=256,256 --screenshot="$PWD/media/icon.png" "file://$tmp/icon.html" 2>/dev/null
file media/icon.png
