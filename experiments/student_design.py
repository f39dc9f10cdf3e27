"""Student design search on the plan split's VALIDATION subjects only (29, 30); test subjects are never scored here.

Usage: python experiments/student_design.py SOURCE OUT [--seeds 0] [--epochs 10] [--only NAME,NAME]
Resumable: one row per (design, seed) appended to OUT/val.csv; finished rows are skipped. Provenance in OUT/provenance.json.
"""
import argparse, json, sys, time
from pathlib import Path
import pandas as pd
from skeleton_imu_kd import windows
from skeleton_imu_kd.train import TrainConfig, fit, load_model
from skeleton_imu_kd.evaluate import evaluate_split, provenance

DESIGNS = {   # name -> TrainConfig fields
    'cnn': dict(model='cnn'),
    'student': dict(model='student'),
    'student+mag': dict(model='student', arch=dict(use_magnitude=True)),
    'student+loc': dict(model='student', arch=dict(locality=True)),
    'student+loc+mag+conv': dict(model='student', arch=dict(locality=True, use_magnitude=True, token_conv=3)),
    'fixed': dict(model='fixed'),
}

def main():
    ap = argparse.ArgumentParser(); ap.add_argument('source'); ap.add_argument('out')
    ap.add_argument('--seeds', default='0'); ap.add_argument('--epochs', type=int, default=10); ap.add_argument('--only', default='')
    ap.add_argument('--threads', type=int, default=1)
    a = ap.parse_args(); out = Path(a.out); out.mkdir(parents=True, exist_ok=True)
    names = [n for n in (a.only.split(',') if a.only else DESIGNS)]
    (out/'provenance.json').write_text(json.dumps(provenance(a.source, designs={n: DESIGNS[n] for n in names}, epochs=a.epochs), indent=1))
    f = out/'val.csv'; done = set(map(tuple, pd.read_csv(f)[['design', 'seed']].astype(str).values)) if f.exists() else set()
    L = windows.load(a.source)
    for seed in map(int, a.seeds.split(',')):
        for n in names:
            if (n, str(seed)) in done: continue
            cfg = TrainConfig(**{**DESIGNS[n], 'epochs': a.epochs, 'seed': seed, 'threads': a.threads})
            t0 = time.time(); r = fit(cfg, L, out/n/f'seed{seed}', progress=False); m, ck = load_model(out/n/f'seed{seed}'/'best.pt')
            v = evaluate_split(m, cfg.model, L, 'val', ck['threshold'])
            row = {'design': n, 'seed': seed, **{k: v[k] for k in ('f1', 'auroc', 'ap', 'trial_f1')}, 'best_epoch': int(ck['epoch']), 'minutes': (time.time()-t0)/60}
            pd.DataFrame([row]).to_csv(f, mode='a', header=not f.exists(), index=False); print(row, flush=True)

if __name__ == '__main__': main()
