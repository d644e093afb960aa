#!/usr/bin/env bash
# Renders the four demo reports (technical, executive, security, cost) and screenshots each in headless
# Chromium, so a person can see what a mail client shows.
#
#   scripts/screenshot-reports.sh [OUT_DIR]            demo day -> OUT_DIR (default out/screenshots)
#   REPORTS=out/reports scripts/screenshot-reports.sh  screenshot reports already rendered there instead
#
# Needs: Java 17 (and Maven when target/bedrock-monitor.jar is missing), a Chromium or Chrome binary
# (Debian package "chromium"; or CHROMIUM=/path/to/chrome). With ImageMagick the white space below a
# report is trimmed. WIDTH (default 800) and HEIGHT (default 6000, the longest report fits) set the window.
set -euo pipefail
cd "$(dirname "$0")/.."

shots="${1:-out/screenshots}"
width="${WIDTH:-800}"
height="${HEIGHT:-6000}"

browser="${CHROMIUM:-}"
if [ -z "$browser" ]; then
  for candidate in chromium chromium-browser google-chrome google-chrome-stable; do
    if command -v "$candidate" >/dev/null 2>&1; then browser="$candidate"; break; fi
  done
fi
if [ -z "$browser" ]; then
  echo "No headless Chromium found: install the Debian package chromium (apt-get install chromium) or set CHROMIUM=/path/to/chrome." >&2
  exit 2
fi

trim=""
for candidate in magick convert convert-im6.q16; do
  if command -v "$candidate" >/dev/null 2>&1 && "$candidate" -version 2>/dev/null | grep -q '^Version: ImageMagick'; then
    trim="$candidate"; break
  fi
done

reports="${REPORTS:-}"
if [ -z "$reports" ]; then
  if [ ! -f target/bedrock-monitor.jar ]; then
    mvn -B -q -DskipTests package
  fi
  demo="$(mktemp -d)"
  trap 'rm -rf "$demo"' EXIT
  java -jar target/bedrock-monitor.jar demo --out "$demo/out" >/dev/null
  reports="$demo/out/reports"
fi

mkdir -p "$shots"
for type in executive technical security cost; do
  html="$(find "$reports/$type" -name '*.html' 2>/dev/null | sort | tail -n 1)"
  if [ -z "$html" ]; then
    echo "No $type report under $reports/$type." >&2
    exit 1
  fi
  png="$shots/$type.png"
  profile="$(mktemp -d)"
  "$browser" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --hide-scrollbars \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$profile" --screenshot="$png" --window-size="$width,$height" \
    "file://$(realpath "$html")" >/dev/null 2>&1
  rm -rf "$profile"
  if [ ! -s "$png" ]; then
    echo "$browser wrote no screenshot of $html." >&2
    exit 1
  fi
  if [ -n "$trim" ]; then
    "$trim" "$png" -trim +repage -bordercolor white -border 8 -strip "$png"
  fi
  echo "$png  ($html)"
done
