#!/usr/bin/env bash
# Renders out/review.html in headless Chromium (Debian's `chromium` package) and writes a
# full-width screenshot, so that a person can look at the report as a browser shows it.
# Usage: scripts/screenshot-review.sh [REPORT.html] [SCREENSHOT.png] [HEIGHT]
set -euo pipefail
report=${1:-out/review.html}
shot=${2:-out/review.png}
height=${3:-4000}
if ! command -v chromium >/dev/null 2>&1; then
  echo "screenshot: chromium is not installed (apt-get install -y chromium)" >&2
  exit 2
fi
[ -f "$report" ] || { echo "screenshot: $report not found; run 'swift run trainplan' first" >&2; exit 2; }
chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --force-device-scale-factor=1 \
  --window-size=1200,"$height" --screenshot="$shot" "file://$(cd "$(dirname "$report")" && pwd)/$(basename "$report")" \
  >/dev/null 2>&1
echo "screenshot: wrote $shot"
