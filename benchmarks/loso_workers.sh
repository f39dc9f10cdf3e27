#!/usr/bin/env bash
# A family's LOSO pass through the executors (`--workers 2`) against the same pass split by hand into two `--folds`
# processes: the per-run numbers must be identical (issue 31, point 4). Cheap model (gradient boosting), real subset.
# Run: `bash benchmarks/loso_workers.sh [ARCHIVE]` from the repository root (a few minutes on 2 cores).
set -euo pipefail
S=${1:-../shared/data/smartfallmm-subset.tar.xz}; V=${SKIKD_VENV:-.venv}; T=$(mktemp -d)
A="--source $S --models gbm_d3.lr05_it200 --seeds 0 --epochs 10 --threads 1"
t0=$(date +%s)
"$V/bin/skikd" experiment loso $A --out $T/hand --folds 0,1,2,3,4,5 > $T/h1.log 2>&1 &
"$V/bin/skikd" experiment loso $A --out $T/hand --folds 6,7,8,9,10,11 > $T/h2.log 2>&1; wait
"$V/bin/skikd" experiment loso $A --out $T/hand > $T/h3.log 2>&1
t1=$(date +%s)
"$V/bin/skikd" experiment loso $A --out $T/w2 --workers 2 > $T/w2.log 2>&1
t2=$(date +%s)
echo "hand-split (two --folds processes, then a read-back): $((t1-t0)) s; --workers 2: $((t2-t1)) s"
"$V/bin/python" - "$T" <<'PY'
import sys, pandas as pd
T = sys.argv[1]; k = ['model', 'seed', 'fold']; c = k + ['test_subject', 'f1', 'auroc', 'ap', 'trial_f1']
r = lambda f: pd.read_csv(f).query('model == "gbm_d3.lr05_it200" and seed == 0').sort_values(k)[c].reset_index(drop=True)
a, b = r(f'{T}/hand/summary.csv'), r(f'{T}/w2/summary.csv')
pd.testing.assert_frame_equal(a, b)
print(b.round(4).to_string(index=False))
print(f'{len(b)} folds; hand-split vs --workers 2: max |difference| {(a[c[4:]] - b[c[4:]]).abs().max().max():.1e} (identical)')
m = r('results/loso/summary.csv'); print(f'vs the committed runs of results/loso: max |difference| {(m[c[4:]] - b[c[4:]]).abs().max().max():.1e}')
PY
rm -rf "$T"
