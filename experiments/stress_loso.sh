#!/usr/bin/env bash
# Issue 10: LOSO stress of the final models at seed 0: every fold checkpoint on its own test subject (skikd stress --loso).
#   bash experiments/stress_loso.sh LOSO_DIR OUT MODEL[,MODEL...] [SOURCE]
# LOSO_DIR holds <arm>/seed0/fold<k>/ with the fold checkpoints (*.pt are not committed: the machine that trained them).
# MODEL is an arm folder (cnn, student2, student2_aug, ...) or `kd`: each fold's KD recipe as chosen on its validation
# subjects (`skikd experiment choose`), assembled under OUT/_kd/kd/seed0 as links to the chosen arm's fold folders.
# Resumable (finished rows are kept); one process per MODEL list, so two lists can run side by side into two OUTs.
set -euo pipefail
L=$1; OUT=$2; MODELS=$3; SRC=${4:-../shared/data/smartfallmm-subset.tar.xz}; SK=${SKIKD:-skikd}; RUNS=()
for m in ${MODELS//,/ }; do
  if [ "$m" = kd ]; then
    K="$OUT/_kd/kd/seed0"; mkdir -p "$K"; cp "$L"/provenance*.json "$OUT/_kd/" 2>/dev/null || true
    for f in "$L"/kd2_soft/seed0/fold??; do
      k=${f##*fold}; c=$($SK experiment choose --out "$L" --fold $((10#$k)))
      [ -n "$c" ] && ln -sfn "$(cd "$L/$c/seed0/fold$k" && pwd)" "$K/fold$k"
    done
    RUNS+=("$K")
  else RUNS+=("$L/$m/seed0"); fi
done
$SK stress --loso "$(IFS=,; echo "${RUNS[*]}")" --names "$MODELS" --source "$SRC" --out "$OUT"
