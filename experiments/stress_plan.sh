#!/usr/bin/env bash
# Issue 10: plan-split checkpoints of every IMU model family, then the stress grid on the test subjects.
# Run from the repository root:  bash experiments/stress_plan.sh [SOURCE]   (resumable: finished runs and rows are kept)
set -euo pipefail
SRC=${1:-../shared/data/smartfallmm-subset.tar.xz}; R=runs/stress_ckpt; SK=${SKIKD:-skikd}; mkdir -p "$R"
echo '{"arch": {"grid_mode": "index"}, "epochs": 10}' > "$R/fixed_index.json"
echo '{"arch": {"time_features": false}, "epochs": 10}' > "$R/student_notime.json"
$SK train cnn --source "$SRC" --epochs 10 --out "$R/cnn"
$SK train fixed --source "$SRC" --epochs 10 --out "$R/fixed"
$SK train fixed --config "$R/fixed_index.json" --source "$SRC" --out "$R/fixed_index"
$SK train student --source "$SRC" --epochs 10 --out "$R/student"
$SK train student --config "$R/student_notime.json" --source "$SRC" --out "$R/student_notime"
$SK stress "$R/cnn/best.pt" "$R/fixed/best.pt" "$R/fixed_index/best.pt" "$R/student/best.pt" "$R/student_notime/best.pt" \
   --source "$SRC" --out "${STRESS_OUT:-results/stress}"
