#!/usr/bin/env bash
# Real-browser check of the live site, run by CI after run.sh (.ci/run) on lectures 00 and 05 (72 s in all in the
# fresh-clone CI of 2026-12-06, publish included; up to 9 minutes on a heavily loaded machine). Publishes src/DeepNlp.Browser, renders lectures with `course render --live`,
# and runs live.mjs in Debian's Chromium on 127.0.0.1. Needs a Release build (artifacts/bin/course.dll), the Debian
# package chromium and `npm ci` in this folder.
# Usage: tests/browser/live.sh [LECTURE...]   (default: 00_welcome 05_backpropagation_through_time). LIVE_LSTM=CODE runs
# CODE as an extra cell and prints it. The site carries the data sets the lectures name (datasets/ of this clone).
# Prints "live: N passed, N failed" last; also "measure NAME VALUE" lines and the publish size (LIVE_SKIP_SIZE=1 skips the
# per-file brotli size, which takes minutes). LIVE_ASSERT_BUDGET=1 also fails a lecture whose slowest cell takes over 60 s.
# LIVE_EXECUTE=1 renders from executed notebooks, so cells tagged native-output show the native run's output (labelled);
# live.mjs then asserts that each shows its stored output under the label with the native duration.
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
if [ "${LIVE_SKIP_SIZE:-0}" != 1 ] && command -v brotli >/dev/null; then
  echo "measure host_brotli_bytes $(find "$tmp/host/wwwroot" -type f -exec sh -c 'brotli -c -q 11 "$1" | wc -c' _ {} \; | awk '{s+=$1} END {print s}')"
fi
mkdir -p "$tmp/notebooks"
for n in "${lectures[@]}"; do cp "$repo/notebooks/$n.ipynb" "$tmp/notebooks/"; done
# LIVE_EXECUTE=1 renders from executed notebooks (course render --execute: the lectures run natively first), so cells
# tagged native-output show the native run's output; otherwise the page says it is not stored.
execute=(); if [ "${LIVE_EXECUTE:-0}" = 1 ]; then execute=(--execute); ln -s "$repo/artifacts" "$tmp/artifacts"; fi
DEEPNLP_DATASETS="$repo/datasets" dotnet "$repo/artifacts/bin/course.dll" render "$tmp/notebooks" "${execute[@]}" --out "$tmp/site" --live "$tmp/host/wwwroot" >"$tmp/render.log" 2>&1 \
  || { cat "$tmp/render.log"; echo "live: render failed" >&2; exit 1; }
echo "measure site_data_bytes $(du -sb "$tmp/site/data" 2>/dev/null | cut -f1)"
set +e
node "$here/live.mjs" "$tmp/profile" "$tmp/site" "${lectures[@]}"
status=$?
set -e
echo "measure live_total_s $(( $(date +%s) - start ))"
exit $status
