"""Wall time of the full stress grid (`09_stress`) for one checkpoint on the plan split's test subjects (issue 10).

    .venv/bin/python benchmarks/stress.py [--checkpoint runs/stress_ckpt/student/best.pt] [--source PATH] [--draws 3]

Default data: the real subset archive; default checkpoint: the registry's `student` (the final student; any registry
name works, `skikd models`) trained for 2 epochs with
`skikd train student --source ... --epochs 2 --out runs/stress_ckpt/student` (runs/ is git-ignored). Prints the data
load time, the test windows and events, the grid's rows, the wall time of the whole grid (collation included) and
the mean time per cell for each perturbation (2 torch threads). Results go to a temporary folder, never results/.
"""
import argparse, os, sys, tempfile, time
from pathlib import Path
import numpy as np, pandas as pd, torch

def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--checkpoint', default='runs/stress_ckpt/student/best.pt', help='a student best.pt')
    ap.add_argument('--source', default=None, help='dataset (default: the real subset archive)')
    ap.add_argument('--draws', type=int, default=3, help='random draws per (perturbation, strength)')
    a = ap.parse_args()
    from skeleton_imu_kd import windows, stress
    from skeleton_imu_kd.core import real_archive
    from skeleton_imu_kd.train import load_checkpoint
    src = a.source or real_archive()
    if src is None: sys.exit('no --source given and the real subset archive is absent')
    if not Path(a.checkpoint).exists(): sys.exit(f'{a.checkpoint}: no such checkpoint (train one: see the docstring)')
    torch.set_num_threads(2); ck = load_checkpoint(a.checkpoint)
    print(f"source: {Path(src).name}  checkpoint: {a.checkpoint} (kind {ck['kind']})  torch {torch.__version__}, "
          f"{os.cpu_count()} cpus, {torch.get_num_threads()} threads, load average at start {'/'.join(f'{x:.2f}' for x in os.getloadavg())}")
    t = time.perf_counter(); L = windows.load(src, windows.WindowConfig(**ck['window'])); t_load = time.perf_counter() - t
    w, B = stress.split_batches(L); grid = stress.stress_grid(a.draws); stamps = []
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        S = stress.stress_checkpoint(a.checkpoint, L, 'test', grid, Path(tmp)/'summary.csv', progress=False,
                                     on_cell=lambda c, p: stamps.append((c['perturbation'], c['strength'], time.perf_counter())))
        wall = time.perf_counter() - t0
    d = pd.DataFrame(stamps, columns=['perturbation', 'strength', 't']); d['s'] = np.diff(np.r_[t0, d.t])
    print(f"data load (warm cache) {t_load:.1f} s; test windows {len(w)} ({int(w.label.sum())} falls), "
          f"events {int(sum(b['mask'].sum() for b in B))}, {len(B)} batches of <= 256")
    print(f"grid: {grid.perturbation.nunique()} perturbations, {grid[grid.strength != 0].groupby('perturbation').strength.nunique().sum()} "
          f"strengths + 0, {a.draws} draws -> {len(S)} rows")
    print(f"WALL TIME full grid: {wall:.1f} s ({wall/60:.1f} min), {wall/len(S):.2f} s per row "
          f"(strength-0 rows share one clean pass)")
    t = d[d.strength != 0].groupby('perturbation', sort=False).s.agg(['count', 'mean', 'max'])
    print('seconds per perturbed cell:\n' + t.round(2).to_string())
    print(f"load average at end {'/'.join(f'{x:.2f}' for x in os.getloadavg())}  (shared machine: times vary with load)")

if __name__ == '__main__': main()
