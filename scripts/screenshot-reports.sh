#!/usr/bin/env bash
# Screenshots every HTML report under a folder with headless Chromium (Debian package "chromium"), so a
# person can look at what a mail client will show. Usage: scripts/screenshot-reports.sh [REPORTS_DIR] [OUT_DIR]
set -euo pipefail
reports="${1:-out/reports}"
shots="${2:-out/screenshots}"
mkdir -p "$shots"
find "$reports" -name '*.html' | sort | while read -r html; do
  name="$(echo "${html#"$reports"/}" | tr '/' '_')"
  profile="$(mktemp -d)"
  chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$profile" --screenshot="$shots/${name%.html}.png" --window-size=1000,1600 \
    "file://$(realpath "$html")" 2>/dev/null
  rm -rf "$profile"
  echo "$shots/${name%.html}.png"
done
