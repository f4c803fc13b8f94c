#!/usr/bin/env bash
# End to end: sample a few models with `langevin sample --out DIR`, then read
# the chain CSV files with rstan (scripts/check-cmdstan-csv.R) and with a
# re-implementation of ArviZ's from_cmdstan parser
# (scripts/check-cmdstan-csv-arviz.py), and check that the same seed gives
# byte-identical files. Not part of `npm test` (it needs R with rstan,
# jsonlite and posterior, and python3 with numpy).
#
#   scripts/check-cmdstan-csv.sh            # builds first
#   SKIP_BUILD=1 KEEP=1 scripts/check-cmdstan-csv.sh
#
# KEEP=1 keeps the output directories (their path is printed).
set -euo pipefail
cd "$(dirname "$0")/.."

command -v Rscript >/dev/null || { echo "Rscript not found (apt-get install r-cran-rstan r-cran-posterior r-cran-jsonlite)" >&2; exit 2; }
[ "${SKIP_BUILD:-0}" = 1 ] || npm run --silent build

out=$(mktemp -d "${TMPDIR:-/tmp}/langevin-cmdstan-csv.XXXXXX")
if [ "${KEEP:-0}" = 1 ]; then echo "output in $out"; else trap 'rm -rf "$out"' EXIT; fi

failed=0
# check NAME MODEL [sample options...]
check() {
  local name=$1 model=examples/models/$2.stan
  shift 2
  local data=()
  [ -f "${model%.stan}.data.json" ] && data=(--data "${model%.stan}.data.json")
  echo "=== $name: langevin sample $model $* ==="
  if ! node bin/langevin.js sample "$model" "${data[@]}" "$@" --out "$out/$name" >"$out/$name.log" 2>&1; then
    echo "FAIL langevin sample exited non-zero:"; cat "$out/$name.log"; failed=$((failed + 1)); return
  fi
  # rstan prints notes about codetools while loading; they are not ours.
  Rscript scripts/check-cmdstan-csv.R "$out/$name" 2> >(grep -v codetools >&2) || failed=$((failed + 1))
  echo "--- ArviZ's parser ---"
  python3 scripts/check-cmdstan-csv-arviz.py "$out/$name" || failed=$((failed + 1))
}

check eight-schools eight_schools_noncentered --seed 1
check thinned eight_schools_noncentered --seed 2 --sampler lmc --thin 3 --draws 1000
check matrices multi_normal_covariance --seed 3 --chains 3
check no-warmup logistic_regression --seed 4 --sampler mala --warmup 0 --step-size 0.01 --draws 500

echo "=== same seed, same bytes ==="
node bin/langevin.js sample examples/models/eight_schools_noncentered.stan \
  --data examples/models/eight_schools_noncentered.data.json --seed 1 --out "$out/again" >/dev/null 2>&1
for f in "$out"/eight-schools/chain-*.csv; do
  if cmp -s "$f" "$out/again/$(basename "$f")"; then echo "ok   $(basename "$f") identical"; else echo "FAIL $(basename "$f") differs"; failed=$((failed + 1)); fi
done

echo
if [ "$failed" = 0 ]; then echo "all CmdStan CSV checks passed"; else echo "$failed check run(s) failed"; exit 1; fi
