#!/usr/bin/env bash
# Opt-in real-browser check of the live site (not part of run.sh: publishing the browser host takes 1-3.5 minutes on the
# shared 2 cores, and lectures 00 and 05 another 5.5 minutes there; bench/README.md, "Live site in the browser"). Publishes src/DeepNlp.Browser, renders lectures with `course render --live`,
# and runs live.mjs in Debian's Chromium on 127.0.0.1. Needs a Release build (artifacts/bin/course.dll), the Debian
# package chromium and `npm ci` in this folder.
# Usage: tests/browser/live.sh [LECTURE...]   (default: 00_welcome 05_backpropagation_through_time). LIVE_LSTM=CODE runs
# CODE as an extra cell and prints it. The site carries the data sets the lectures name (datasets/ of this clone).
# Prints "live: N passed, N failed" last; also "measure NAME VALUE" lines and the publish size.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
if [ $# -gt 0 ]; then lectures=("$@"); else lectures=(00_welcome 05_backpropagation_through_time); fi
[ -f "$repo/artifacts/bin/course.dll" ] || { echo "live: no build; run 'dotnet build Course.sln -c Release' first" >&2; exit 2; }
[ -d "$here/node_modules/puppeteer-core" ] || { echo "live: run 'npm ci' in tests/browser first" >&2; exit 2; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/deepnlp-live-XXXXXX")
trap 'rm -rf "$tmp"' EXIT

start=$(date +%s)
dotnet publish "$repo/src/DeepNlp.Browser" -c Release -o "$tmp/host" -v quiet -nologo >"$tmp/publish.log" 2>&1 \
  || { tail -20 "$tmp/publish.log"; echo "live: publish failed" >&2; exit 1; }
echo "measure publish_s $(( $(date +%s) - start ))"
echo "measure host_raw_bytes $(du -sb "$tmp/host/wwwroot" | cut -f1)"
if command -v brotli >/dev/null; then
  echo "measure host_brotli_bytes $(find "$tmp/host/wwwroot" -type f -exec sh -c 'brotli -c -q 11 "$1" | wc -c' _ {} \; | awk '{s+=$1} END {print s}')"
fi
mkdir -p "$tmp/notebooks"
for n in "${lectures[@]}"; do cp "$repo/notebooks/$n.ipynb" "$tmp/notebooks/"; done
DEEPNLP_DATASETS="$repo/datasets" dotnet "$repo/artifacts/bin/course.dll" render "$tmp/notebooks" --out "$tmp/site" --live "$tmp/host/wwwroot" >"$tmp/render.log" 2>&1 \
  || { cat "$tmp/render.log"; echo "live: render failed" >&2; exit 1; }
echo "measure site_data_bytes $(du -sb "$tmp/site/data" 2>/dev/null | cut -f1)"
set +e
node "$here/live.mjs" "$tmp/profile" "$tmp/site" "${lectures[@]}"
status=$?
set -e
echo "measure live_total_s $(( $(date +%s) - start ))"
exit $status
