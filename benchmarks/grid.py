"""Throughput of an ablation grid (`08_experiments.run_grid`): cells per hour with 1 worker and with 2 (issue 11).

    .venv/bin/python benchmarks/grid.py [--cells 4] [--epochs 2] [--max_batches 10] [--workers 1,2] [--threads 1]
    .venv/bin/python benchmarks/grid.py --source ../shared/data/smartfallmm-subset.tar.xz --cells 4 --epochs 1   # real cells

Runs the same small teacher grid once per worker count: by default tiny teachers on the synthetic default with
reduced epochs and batches per epoch; with --source, the first `cells` cells of the plan's 72-cell teacher grid
(`plan_cells('teacher')`, full-size models, every batch) on that dataset, `epochs` epochs each. Each run starts
from scratch in a temporary folder and goes through papermill and the real experiment notebook; the wall time and
cells/hour print side by side. Each cell is a full papermill run (kernel start, data load, training, evaluation), so
the figure includes the per-cell overhead a real sweep pays. Results are never kept.
The machine may be shared: the load average at start and end is printed with the figures.
"""
import argparse, os, tempfile, time
from pathlib import Path

def load()->str: return '/'.join(f'{x:.2f}' for x in os.getloadavg())

def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--cells', type=int, default=4, help='tiny teacher cells in the grid')
    ap.add_argument('--epochs', type=int, default=2, help='epochs per cell')
    ap.add_argument('--max_batches', type=int, default=10, help='training batches per epoch')
    ap.add_argument('--workers', default='1,2', help='comma-separated worker counts to compare')
    ap.add_argument('--threads', type=int, default=1, help='threads per cell')
    ap.add_argument('--source', default=None, help="real dataset: run the plan's teacher cells on it instead of tiny synthetic ones")
    a = ap.parse_args()
    from skeleton_imu_kd.experiments import run_grid, grid_status, plan_cells
    if a.source:
        base = dict(source=str(Path(a.source).resolve()), epochs=a.epochs); cells = plan_cells('teacher')[:a.cells]
        what = f"the plan's first {a.cells} teacher cells ({', '.join(str(c['arch']['embed_dim']) + 'd/' + str(c['arch']['num_layers']) + 'L' for c in cells)}), {a.epochs} epoch(s), every batch, {Path(a.source).name}"
    else:
        base = dict(epochs=a.epochs, window=dict(T=64, stride=32, fall_stride=16, fps=15), train=dict(max_batches=a.max_batches))
        cells = [dict(model='teacher', arch=dict(embed_dim=16 + 8*i, num_layers=1, num_heads=2)) for i in range(a.cells)]
        what = f'{a.cells} tiny teacher cells (D16.., 1 layer), {a.epochs} epochs x <= {a.max_batches} batches, synthetic default'
    print(f'grid: {what}; {a.threads} thread(s) per cell; {os.cpu_count()} cpus; load average (1/5/15 min) at start {load()}')
    rows = []
    for w in (int(x) for x in a.workers.split(',')):
        with tempfile.TemporaryDirectory() as tmp:
            l0 = os.getloadavg()[0]; t = time.perf_counter()
            run_grid(cells, Path(tmp), base, workers=w, threads=a.threads)
            wall = time.perf_counter() - t; st = grid_status(cells, Path(tmp), base).status.value_counts().to_dict()
        rows.append((w, wall, st, l0, os.getloadavg()[0]))
    print(f"{'workers':>8} {'wall s':>8} {'s/cell':>8} {'cells/hour':>11} {'speed-up':>9}  {'load 1 min (start->end)':>24}  cells")
    for w, wall, st, l0, l1 in rows:
        print(f'{w:>8} {wall:>8.1f} {wall/a.cells:>8.1f} {a.cells/wall*3600:>11.0f} {rows[0][1]/wall:>8.2f}x  {l0:>11.2f} -> {l1:<10.2f}  {st}')
    print(f'load average at end {load()}  (shared machine: background jobs compete for the same cores; times vary with load)')

if __name__ == '__main__': main()
