#!/usr/bin/env bash
# Browser smoke test (not part of `npm test`): build examples/browser with
# vite, serve it from 127.0.0.1, load it in headless Debian Chromium with
# ?autorun, let it compile and sample eight schools, and check the summary
# in the dumped DOM (state "done", mu's mean within 4 MCSE + 0.1 of 4.4).
# It also saves a screenshot of the first backend's page.
#
#   bash scripts/browser-smoke.sh                 # f64
#   bash scripts/browser-smoke.sh f64 tfjs:cpu tfjs:wasm tfjs   # tfjs = auto (webgl here)
#   SCREENSHOT=/tmp/page.png bash scripts/browser-smoke.sh
#
# Chromium is installed from Debian if missing. Nothing is npm-installed:
# the script drives Chromium's own --dump-dom / --screenshot, so
# playwright-core is not needed (and is not a project dependency).
set -euo pipefail
cd "$(dirname "$0")/.."

backends=("$@")
[ ${#backends[@]} -eq 0 ] && backends=(f64)
screenshot=${SCREENSHOT:-/tmp/langevin-browser-smoke.png}
expected_mu=4.4

if ! command -v chromium >/dev/null 2>&1; then
  echo "installing Debian chromium…"
  apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium
fi
chromium --version 2>/dev/null | head -1

work=$(mktemp -d)
server=''
cleanup() {
  [ -n "$server" ] && kill "$server" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

echo "type-checking and building examples/browser…"
npx tsc -p examples/browser
npx vite build examples/browser --outDir "$work/site" --emptyOutDir --logLevel warn 2>&1 | grep -v 'externalized for browser compatibility' || true
[ -f "$work/site/index.html" ] || { echo "vite build failed"; exit 1; }

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
python3 -m http.server "$port" --bind 127.0.0.1 --directory "$work/site" >"$work/http.log" 2>&1 &
server=$!
for _ in $(seq 50); do
  (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
  sleep 0.1
done

# Virtual time runs ahead whenever the page is idle, so the budget only
# bounds how long the page may take; a page that is done ends the run early.
chrome() {
  local profile
  profile=$(mktemp -d -p "$work")
  timeout 900 chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$profile" --enable-logging=stderr --v=0 \
    --virtual-time-budget=600000 "$@" 2>>"$work/chromium.log"
}

passed=0
failed=0
for backend in "${backends[@]}"; do
  url="http://127.0.0.1:$port/?autorun&backend=$backend"
  started=$(date +%s.%N)
  chrome --dump-dom "$url" >"$work/dom.html" || true
  seconds=$(python3 -c "import time; print(f'{time.time() - $started:.1f}')")
  if node - "$work/dom.html" "$backend" "$expected_mu" "$seconds" <<'EOF'; then
const [, , file, backend, expectedText, seconds] = process.argv;
const dom = require('node:fs').readFileSync(file, 'utf8');
const status = /<div id="status" data-state="(\w+)">([^<]*)/.exec(dom);
const stat = (param, name) => {
  const row = new RegExp(`<tr data-param="${param.replace(/[[\]]/g, '\\$&')}">(.*?)</tr>`).exec(dom);
  const cell = row && new RegExp(`data-stat="${name}">([^<]*)<`).exec(row[1]);
  return cell ? Number(cell[1]) : NaN;
};
const [mean, mcse, sd, rhat] = ['mean', 'mcse_mean', 'sd', 'rhat'].map((name) => stat('mu', name));
const expected = Number(expectedText);
const tolerance = 4 * mcse + 0.1;
console.log(`[${backend}] ${seconds} s wall; state ${status ? status[1] : 'missing'}: ${status ? status[2].slice(0, 160) : ''}`);
console.log(`[${backend}] mu: mean ${mean} (MCSE ${mcse}), sd ${sd}, R-hat ${rhat}; expected ${expected} ± ${tolerance.toFixed(2)}`);
const ok = status?.[1] === 'done' && Number.isFinite(mean) && Math.abs(mean - expected) <= tolerance;
process.exit(ok ? 0 : 1);
EOF
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    echo "[$backend] FAILED; page console:"
    grep -E 'CONSOLE|Uncaught' "$work/chromium.log" | tail -5 || true
  fi
done

chrome --screenshot="$screenshot" --window-size=1280,1000 "http://127.0.0.1:$port/?autorun&backend=${backends[0]}" >/dev/null || true
[ -f "$screenshot" ] && echo "screenshot: $screenshot"

echo "browser smoke: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
