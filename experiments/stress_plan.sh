#!/usr/bin/env bash
# Issue 10: plan-split checkpoints of every IMU model family, then the stress grid on the test subjects.
# Run from the repository root:  bash experiments/stress_plan.sh [SOURCE]   (resumable: finished runs and rows are kept)
# Models: the CNN baseline, fixed-rate on a time grid and on an index grid, the timestamp-aware student with and
# without time features, the KD student (final recipe, `skikd train kd`'s default, from a plan-split teacher) and the
# student trained with rotation, event-dropout and clock augmentation (LOSO arm `student2_aug`).
set -euo pipefail
SRC=${1:-../shared/data/smartfallmm-subset.tar.xz}; R=runs/stress_ckpt; SK=${SKIKD:-skikd}; mkdir -p "$R"
echo '{"arch": {"grid_mode": "index"}, "epochs": 10}' > "$R/fixed_index.json"
echo '{"arch": {"time_features": false}, "epochs": 10}' > "$R/student_notime.json"
echo '{"augment": {"rotate": 1.0, "dropout": 0.2, "clock": 0.5}, "epochs": 10}' > "$R/student_aug.json"
tr() { local d=$1; shift; [ -f "$R/$d/metrics.json" ] || $SK train "$@" --out "$R/$d"; }
tr cnn cnn --source "$SRC" --epochs 10
tr fixed fixed --source "$SRC" --epochs 10
tr fixed_index fixed --config "$R/fixed_index.json" --source "$SRC"
tr student student --source "$SRC" --epochs 10
tr student_notime student --config "$R/student_notime.json" --source "$SRC"
tr teacher teacher --source "$SRC" --epochs 10
tr kd kd --teacher "$R/teacher/best.pt" --source "$SRC" --epochs 10
tr student_aug student --config "$R/student_aug.json" --source "$SRC"
M="cnn fixed fixed_index student student_notime kd student_aug"
$SK stress $(for m in $M; do echo "$R/$m/best.pt"; done) --source "$SRC" --out "${STRESS_OUT:-results/stress}"
