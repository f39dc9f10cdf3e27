"""Re-train the LOSO fold teachers (one per fold, one seed) when their checkpoints are gone, and check them against a committed record.

    .venv/bin/python experiments/loso_teachers.py --source ../shared/data/smartfallmm-subset.tar.xz \
        --out /tmp/runs/loso_kd/teacher/seed0 --threads 2 --compare results/loso/teacher/seed0

KD arms run with `--teacher_seed 0` read each fold's teacher from `<loso out>/teacher/seed0/fold<k>/`; checkpoints are
not committed, so a new machine has to train them again. This does exactly what `evaluate.loso` does for a fold's
teacher (same windows, `TrainConfig(model='teacher', seed, epochs, threads)`, same record), without training a student.
The committed teachers in `results/loso/teacher/seed0` were trained with two torch threads (the first KD invocation's
default): training with another thread count sums floats in another order and can end at another epoch, so `--threads`
must match the record to reproduce it. `--compare` prints, per fold, whether F1, AUROC, AP and trial F1 are identical.
Resumable: a fold whose `test_metrics.json` exists is read back, not trained.
"""
import argparse, json
from dataclasses import asdict
from pathlib import Path
from skeleton_imu_kd import evaluate, quality, windows
from skeleton_imu_kd.train import TrainConfig

KEYS = ('f1', 'auroc', 'ap', 'trial_f1')

def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--source', required=True); ap.add_argument('--out', required=True)
    ap.add_argument('--seed', type=int, default=0); ap.add_argument('--epochs', type=int, default=10); ap.add_argument('--threads', type=int, default=2)
    ap.add_argument('--folds', default='', help='comma-separated fold indices (default: all)')
    ap.add_argument('--compare', default=None, help='a committed teacher folder (fold<k>/test_metrics.json) to check against')
    a = ap.parse_args(); out = Path(a.out); out.mkdir(parents=True, exist_ok=True)
    folds = {int(k) for k in a.folds.split(',') if k}
    cfg = TrainConfig(model='teacher', seed=a.seed, epochs=a.epochs, threads=a.threads)
    (out/'provenance-teachers.json').write_text(json.dumps(evaluate.provenance(a.source, teacher=asdict(cfg)), indent=1))
    P = quality.prepare(a.source, copies='exclude'); same = total = 0
    for k, f in enumerate(quality.loso_folds(P.index, min_trials=3)):
        if folds and k not in folds: continue
        td = out/f'fold{k:02d}'
        if not (td/'test_metrics.json').exists():
            L = windows.cut(P, f, windows.WindowConfig())
            res = evaluate.train_and_evaluate(cfg, L, td, None, ('test',))
            (td/'test_metrics.json').write_text(json.dumps(evaluate._fold_row(res, f, L)))
        if a.compare:
            new, old = (json.loads((d/f'fold{k:02d}'/'test_metrics.json').read_text()) for d in (out, Path(a.compare)))
            eq = all(new[m] == old[m] for m in KEYS); same += eq; total += 1
            print(f'fold{k:02d}: ' + ('identical' if eq else 'differs: ' + ', '.join(f'{m} {new[m]:.4f} vs {old[m]:.4f}' for m in KEYS if new[m] != old[m])), flush=True)
    if a.compare: print(f'REPRODUCED {same} of {total} committed teachers exactly ({a.compare})')

if __name__ == '__main__': main()
