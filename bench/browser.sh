#!/usr/bin/env bash
# Issue 22's browser figures in one run (opt-in; minutes on 2 cores): the LSTM forward as a live-site cell in headless
# Chromium against the same cell run natively on one thread, the warm trivial cell median, the first result from
# navigation (cold cache, loopback) and what the published host weighs, part by part (raw and brotli -q 11).
#
#   bench/browser.sh                # publish src/DeepNlp.Browser, measure, print "measure"/"payload" lines and the ratio
#   HOST=DIR bench/browser.sh       # reuse a publish folder (DIR/wwwroot) instead of publishing again
#   KEEP=DIR bench/browser.sh       # work in DIR and leave it (the publish can then be reused with HOST=DIR/host)
#
# Needs what tests/browser/live.sh needs: a Release build (artifacts/bin/course.dll), Debian's chromium, `npm ci` in
# tests/browser, and brotli. The browser half is tests/browser/live.mjs on lecture 00 with LIVE_LSTM set to
# bench/browser/lstm-forward.cell.cs; the native half runs that file as the only cell of a notebook with `course run`.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cell="$root/bench/browser/lstm-forward.cell.cs"
[ -f "$root/artifacts/bin/course.dll" ] || { echo "browser bench: no build; run 'dotnet build Course.sln -c Release' first" >&2; exit 2; }
[ -d "$root/tests/browser/node_modules/puppeteer-core" ] || { echo "browser bench: run 'npm ci' in tests/browser first" >&2; exit 2; }
if [ -n "${KEEP:-}" ]; then tmp=$KEEP; mkdir -p "$tmp"; else tmp=$(mktemp -d "${TMPDIR:-/tmp}/deepnlp-bench-browser-XXXXXX"); trap 'rm -rf "$tmp"' EXIT; fi
echo "bench browser: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at start"

# Native twin: the cell as a notebook beside an artifacts/ link, so its #r "../artifacts/lib/DeepNlp.dll" resolves.
mkdir -p "$tmp/native/notebooks"
ln -sfn "$root/artifacts" "$tmp/native/artifacts"
python3 - "$cell" "$tmp/native/notebooks/lstm.ipynb" <<'PY'
import json, sys
source = open(sys.argv[1]).read().splitlines(keepends=True)
nb = {"cells": [{"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [], "source": source}],
      "metadata": {"kernelspec": {"display_name": "C#", "language": "C#", "name": "deepnlp"}}, "nbformat": 4, "nbformat_minor": 5}
open(sys.argv[2], "w").write(json.dumps(nb, indent=1) + "\n")
PY
dotnet "$root/artifacts/bin/course.dll" run "$tmp/native/notebooks/lstm.ipynb" --out "$tmp/native/out" >"$tmp/native/run.log" 2>&1 \
  || { cat "$tmp/native/run.log"; echo "browser bench: native run failed" >&2; exit 1; }
native=$(python3 -c 'import json,sys; nb=json.load(open(sys.argv[1])); print("".join("".join(o.get("text", "")) for o in nb["cells"][0]["outputs"]).strip())' "$tmp/native/out/lstm.ipynb")
echo "native: $native"

# The live site: publish (or reuse), weigh, render lecture 00, run it in Chromium with the LSTM cell as an extra cell.
if [ -n "${HOST:-}" ]; then host=$HOST; else
  host="$tmp/host"; rm -rf "$host"
  start=$(date +%s)
  dotnet publish "$root/src/DeepNlp.Browser" -c Release -o "$host" -v quiet -nologo >"$tmp/publish.log" 2>&1 \
    || { tail -20 "$tmp/publish.log"; echo "browser bench: publish failed" >&2; exit 1; }
  echo "measure publish_s $(( $(date +%s) - start ))"
fi
python3 "$root/bench/browser/payload.py" "$host/wwwroot"
rm -rf "$tmp/site" "$tmp/profile" "$tmp/notebooks"; mkdir -p "$tmp/notebooks"
cp "$root/notebooks/00_welcome.ipynb" "$tmp/notebooks/"
dotnet "$root/artifacts/bin/course.dll" render "$tmp/notebooks" --out "$tmp/site" --live "$host/wwwroot" >"$tmp/render.log" 2>&1 \
  || { cat "$tmp/render.log"; echo "browser bench: render failed" >&2; exit 1; }
LIVE_LSTM=$(cat "$cell") node "$root/tests/browser/live.mjs" "$tmp/profile" "$tmp/site" 00_welcome | tee "$tmp/live.log" || true
browser=$(sed -n 's/^  lstm: Ok //p' "$tmp/live.log")
echo "browser: $browser"
echo "bench browser: load average $(cut -d' ' -f1-3 /proc/loadavg) at end"
python3 - "$native" "$browser" <<'PY'
import sys
def pairs(line):
    words = line.split()
    return dict(zip(words[0::2], words[1::2]))
native, browser = pairs(sys.argv[1]), pairs(sys.argv[2])
for key in ("lstm_forward_ms", "lstm_gemm_ms", "vector_t_1m_ms", "vector128_1m_ms"):
    if key in native and key in browser:
        n, b = float(native[key]), float(browser[key])
        print(f"measure {key} native {n} browser {b} ratio {b / n:.1f}x")
    else:
        print(f"measure {key} missing (native {native.get(key)}, browser {browser.get(key)})")
PY
