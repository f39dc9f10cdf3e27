#!/usr/bin/env bash
# Issue 9: the LOSO KD arm with its recipe chosen per fold on validation subjects, then more seeds of the chosen recipe.
#   bash experiments/kd_nested.sh OUT FOLDS [SOURCE]     e.g. OUT=runs/loso_kd FOLDS=0,2,4,6,8,10 (one process per fold set)
# Per fold k: (1) the fold's teacher (seed 0) and the plan's KD recipe on the default student (kd2), seed 0;
# (2) `skikd experiment choose` picks among FINAL_KD (kd2_soft, tl2_soft, kd2) by the fold's validation AP at seed 0;
# (3) the chosen arm runs seeds 1 and 2 with the same seed-0 teacher. Seed-0 runs of kd2_soft and tl2_soft are read
# from results/loso (copied into OUT once), and so are the fold teachers they used when TEACHERS names that run's
# teacher/seed0 folder (with its best.pt files; else the teachers are retrained, same config and seed).
# Resumable: finished folds are read back. Step times go to OUT/timing.csv.
set -euo pipefail
OUT=$1; FOLDS=$2; SRC=${3:-../shared/data/smartfallmm-subset.tar.xz}; SK=${SKIKD:-skikd}; EP=10
mkdir -p "$OUT"
[ -n "${TEACHERS:-}" ] && [ ! -d "$OUT/teacher/seed0" ] && { mkdir -p "$OUT/teacher"; cp -r "$TEACHERS" "$OUT/teacher/seed0"; }
for a in kd2_soft tl2_soft; do [ -d "$OUT/$a/seed0" ] || { mkdir -p "$OUT/$a"; cp -r "results/loso/$a/seed0" "$OUT/$a/seed0"; }; done
step() { local t0; t0=$(date +%s); "$@"; echo "$K,$STEP,$(( $(date +%s) - t0 ))" >> "$OUT/timing.csv"; }
for K in ${FOLDS//,/ }; do
  STEP=teacher+kd2_seed0 step $SK experiment loso --source "$SRC" --out "$OUT" --models kd2 --seeds 0 --folds "$K" --teacher_seed 0 --epochs $EP --threads 1
  C=$($SK experiment choose --out "$OUT" --fold "$K")
  echo "fold $K: chosen $C"
  STEP=${C}_seeds1_2 step $SK experiment loso --source "$SRC" --out "$OUT" --models "$C" --seeds 1,2 --folds "$K" --teacher_seed 0 --epochs $EP --threads 1
done
