#!/usr/bin/env bash
# Real-browser check that the kit's charts draw where require.js is on the page.
#  1. the classic Jupyter Notebook 6 (Debian's jupyter-notebook) on 127.0.0.1, with the kit's kernel installed into
#     a temporary prefix, runs all cells of each notebook below through the page in Chromium (classic-notebook.mjs);
#  2. the executed copies become nbconvert classic and lab pages and a `course render` site, opened from file://
#     (static-pages.mjs).
# Every Plotly output must draw an SVG. Needs a Release build (artifacts/bin/course.dll), the Debian packages
# jupyter-notebook, python3-nbconvert and chromium, and `npm ci` in this folder.
# Usage: tests/browser/run.sh [SHOTS_DIR]   (screenshots go there; default: a temporary folder, removed)
# Prints "browser: N passed, N failed" last; exits non-zero when a check fails.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
# The welcome notebook, and a chart-heavy lecture that runs in about 40 s with its defaults (9 charts).
notebooks=(00_welcome 06_vanishing_exploding_gradients)

[ -f "$repo/artifacts/bin/course.dll" ] || { echo "browser: no build; run 'dotnet build Course.sln -c Release' first" >&2; exit 2; }
[ -d "$here/node_modules/puppeteer-core" ] || { echo "browser: run 'npm ci' in tests/browser first" >&2; exit 2; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/deepnlp-browser-XXXXXX")
shots=${1:-$tmp/shots}
server=""
cleanup() {
  if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  rm -rf "$tmp"
}
trap cleanup EXIT

# Jupyter reads and writes only under $tmp; the notebooks run from copies, so the sources never gain outputs.
export JUPYTER_PATH=$tmp/prefix/share/jupyter JUPYTER_DATA_DIR=$tmp/data JUPYTER_RUNTIME_DIR=$tmp/runtime \
  JUPYTER_CONFIG_DIR=$tmp/config JUPYTER_PLATFORM_DIRS=1 IPYTHONDIR=$tmp/ipython PYTHONDONTWRITEBYTECODE=1 \
  DEEPNLP_DATASETS=$repo/datasets
dotnet "$repo/artifacts/bin/course.dll" kernel install --prefix "$tmp/prefix" >/dev/null
mkdir -p "$tmp/work/notebooks"
ln -s "$repo/artifacts" "$tmp/work/artifacts"   # the notebooks' #r "../artifacts/lib/DeepNlp.dll"
for n in "${notebooks[@]}"; do cp "$repo/notebooks/$n.ipynb" "$tmp/work/notebooks/"; done

port=$(/usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
token=$(/usr/bin/python3 -c 'import secrets; print(secrets.token_hex(16))')
/usr/bin/python3 -m notebook --no-browser --allow-root --ip=127.0.0.1 --port="$port" --port-retries=0 --NotebookApp.token="$token" \
  --notebook-dir="$tmp/work" >"$tmp/notebook.log" 2>&1 &
server=$!
for _ in $(seq 120); do
  /usr/bin/python3 -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$port/api/status?token=$token', timeout=2)" 2>/dev/null && break
  kill -0 "$server" 2>/dev/null || { cat "$tmp/notebook.log" >&2; echo "browser: jupyter notebook did not start" >&2; exit 1; }
  sleep 0.5
done

passed=0 failed=0
count() { # counts the ok/FAIL lines a check printed
  passed=$((passed + $(grep -c '^ok ' "$1" || true))); failed=$((failed + $(grep -c '^FAIL' "$1" || true)))
}
paths=(); for n in "${notebooks[@]}"; do paths+=("notebooks/$n.ipynb"); done
set +e
node "$here/classic-notebook.mjs" "http://127.0.0.1:$port" "$token" "$tmp/profile-live" "$tmp/executed" "$shots" "${paths[@]}" \
  2>&1 | tee "$tmp/live.log"
live=${PIPESTATUS[0]}
set -e
count "$tmp/live.log"
kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; server=""
if [ "$live" -ne 0 ] && [ "$(grep -c '^ok \|^FAIL' "$tmp/live.log" || true)" -lt "${#notebooks[@]}" ]; then
  tail -20 "$tmp/notebook.log" >&2; failed=$((failed + 1))
fi

# Static pages of the notebooks as the classic Notebook executed them.
specs=()
mkdir -p "$tmp/pages"
for n in "${notebooks[@]}"; do
  executed=$tmp/executed/$n.ipynb
  [ -f "$executed" ] || continue
  for template in classic lab; do
    if ! /usr/bin/python3 -m nbconvert --to html --template "$template" --output-dir "$tmp/pages" --output "$n.$template" \
      "$executed" >"$tmp/nbconvert.log" 2>&1; then
      cat "$tmp/nbconvert.log"; echo "FAIL nbconvert --template $template $n"; failed=$((failed + 1)); continue
    fi
    specs+=("nbconvert-$template=$tmp/pages/$n.$template.html=$executed")
  done
done
if ((${#specs[@]})); then
  dotnet "$repo/artifacts/bin/course.dll" render "$tmp/executed" --out "$tmp/site" >"$tmp/render.log" 2>&1 \
    || { cat "$tmp/render.log"; echo "FAIL course render"; failed=$((failed + 1)); }
  for n in "${notebooks[@]}"; do [ -f "$tmp/executed/$n.ipynb" ] && specs+=("course-render=$tmp/site/$n.html=$tmp/executed/$n.ipynb"); done
  set +e
  node "$here/static-pages.mjs" "$tmp/profile-static" "${specs[@]}" 2>&1 | tee "$tmp/static.log"
  set -e
  count "$tmp/static.log"
fi

[ -n "${1:-}" ] && echo "screenshots in $shots"
echo "browser: $passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
