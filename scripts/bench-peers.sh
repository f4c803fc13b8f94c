#!/usr/bin/env bash
# npm run bench:peers — optional, not in CI. Installs rstan (Debian) and
# WebPPL (npm, into a cache folder outside the project), then runs Stan NUTS,
# WebPPL HMC and langevin's mala on M2 (logistic regression) and M4 (eight
# schools) and prints ESS bulk per second, sampling only and end to end.
# Writes bench/peers-results.json. Needs root for apt-get.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
peers="$here/bench-peers"
cache="${LANGEVIN_PEERS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/langevin-bench-peers}"
out="$cache/results"
mkdir -p "$cache" "$out"

if ! Rscript -e 'library(rstan); library(jsonlite)' >/dev/null 2>&1; then
  echo "installing r-cran-rstan (Debian, no recommends)…"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends r-cran-rstan r-cran-jsonlite >/dev/null
fi
if [ ! -x "$cache/node_modules/.bin/webppl" ]; then
  echo "installing webppl into $cache…"
  # a package.json of its own, so npm does not walk up to another project
  [ -f "$cache/package.json" ] || echo '{"name":"langevin-bench-peers","private":true}' > "$cache/package.json"
  npm install --prefix "$cache" --no-audit --no-fund --silent webppl@0.9.15
fi
[ -f "$root/dist/bench/ess.js" ] || (cd "$root" && npm run build --silent)

logreg="$root/bench/data/logreg_data.json"
schools="$root/bench/models/m4_eight_schools.data.json"
# one failing peer should not lose the others' figures
run() { local name="$1"; shift; "$@" > "$out/$name.json" || { echo "$name failed" >&2; rm -f "$out/$name.json"; }; }
rm -f "$out"/*.json
echo "langevin mala…"
run ours-M2 node "$peers/ours.mjs" M2
run ours-M4 node "$peers/ours.mjs" M4
echo "langevin nuts…"
run ours-nuts-M2 node "$peers/ours.mjs" M2 nuts
run ours-nuts-M4 node "$peers/ours.mjs" M4 nuts
echo "Stan NUTS (compiles each model: about half a minute each on an idle machine)…"
run stan-M2 Rscript "$peers/stan.R" "$peers/logreg.stan" "$logreg"
run stan-M4 Rscript "$peers/stan.R" "$peers/eight_schools.stan" "$schools"
echo "WebPPL HMC…"
run webppl-M2 node "$peers/webppl.mjs" "$cache/node_modules/.bin/webppl" M2 "$logreg"
run webppl-M4 node "$peers/webppl.mjs" "$cache/node_modules/.bin/webppl" M4 "$schools"
node "$peers/report.mjs" "$out"
