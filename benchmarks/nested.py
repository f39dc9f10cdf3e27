"""One nested LOSO pass per family of the fair comparison: its cost on 2 cores (issue 30, benchmark).

Run: `.venv/bin/python benchmarks/nested.py [--source ARCHIVE] [--results results]` (about a minute).
A family's pass is its candidates' seed-0 selection runs over the 12 folds plus the chosen candidates' final pass at
three seeds. The training and scoring time of every run is what the run itself recorded while it trained (the epoch
times in its `history.csv`; a classical run's fit time), summed per family; the per-fold data preparation (cutting one
fold's windows) is measured here, once, and added per run. Runs went two at a time, one thread each, on the 2-core
machine, so the wall time of a pass on 2 cores is about half the summed time. A distilled family also pays for its per-fold
teachers (their own recorded epochs). A family whose runs are not all there
is reported with what it has, and says so.
"""
import argparse, os, time
from pathlib import Path
import pandas as pd
from skeleton_imu_kd import registry, quality, windows
from skeleton_imu_kd.core import real_archive
from skeleton_imu_kd.quality import loso_folds
from skeleton_imu_kd.evaluate import family_choice

def run_seconds(fold_dir:Path)->float:
    "Seconds a run recorded for itself: the sum of its epochs (neural) or its fit (classical)."
    h = next(iter(sorted(p for p in fold_dir.glob('*/history.csv') if p.parent.name != 'teacher')), None)
    if h is None: return float('nan')
    h = pd.read_csv(h); return float(h['epoch_s'].sum() if 'epoch_s' in h else h['fit_s'].sum())

def family_cost(R:Path, family:str)->dict:
    "Selection and final-pass runs of one family, and the seconds they recorded."
    a = registry.get(family); S = registry.SELECT; neural = registry.get(a.choose[0]).config['model'] != 'classical'
    sel = [run_seconds(d) for c in a.choose for d in sorted((R/S['protocol']/c/f"seed{S['seed']}").glob('fold[0-9][0-9]'))]
    fin_root = R/'nested' if neural else R/S['protocol']
    ch = family_choice(family, R/S['protocol'], sorted({int(d.name[4:]) for d in (fin_root/a.choose[0]).glob('seed*/fold[0-9][0-9]')}) if len(a.choose) == 1 else None)
    seeds = [s for s in registry.FINAL_SEEDS if neural or s != S['seed']]   # a classical family's seed-0 run is its selection run: counted once
    fin = [run_seconds(fin_root/c/f'seed{s}'/f'fold{k:02d}') for k, c in zip(ch.fold, ch.chosen) for s in seeds]
    fin = [x for x in fin if x == x]
    kd = any(registry.get(c).config.get('kd') or registry.get(c).config.get('teacher_labels') for c in a.choose)
    # a distilled family also pays for its per-fold teachers: one per fold for the selection runs, one per fold and seed for the final pass
    tea = [teacher_seconds(R/S['protocol']/'teacher'/f"seed{S['seed']}"/f'fold{k:02d}') for k in ch.fold] + \
          [teacher_seconds(R/'nested'/'teacher'/f'seed{s}'/f'fold{k:02d}') for k in ch.fold for s in seeds] if kd else []
    tea = [x for x in tea if x == x]
    return dict(family=family, candidates=len(a.choose), selection_runs=len(sel), selection_s=sum(sel),
                final_runs=len(fin), final_expected=len(ch) * len(seeds), final_s=sum(fin), teacher_runs=len(tea), teacher_s=sum(tea), neural=neural)

def teacher_seconds(d:Path)->float:
    "Seconds a per-fold teacher run recorded (NaN when absent)."
    return float(pd.read_csv(d/'history.csv')['epoch_s'].sum()) if (d/'history.csv').exists() else float('nan')

if __name__ == '__main__':
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0]); ap.add_argument('--source'); ap.add_argument('--results', default='results')
    a = ap.parse_args(); R = Path(a.results); src = a.source or real_archive()
    P = quality.prepare(src); f = loso_folds(P.index)[0]; t = time.perf_counter(); windows.cut(P, f, windows.WindowConfig()); prep = time.perf_counter() - t
    print(f"{os.cpu_count()} cpus; load {'/'.join(f'{x:.2f}' for x in os.getloadavg())}; data: {'real subset' if src else 'synthetic default'}; "
          f"one fold's windows cut in {prep:.1f} s (added per run)")
    rows = []
    for fam in registry.names('family', trained=False) + ['gbm']:
        r = family_cost(R, fam); n = r['selection_runs'] + r['final_runs'] + r['teacher_runs']
        total = r['selection_s'] + r['final_s'] + r['teacher_s'] + prep * n
        rows.append({**r, 'total_s': total, 'wall_2cores_min': total / 2 / 60,
                     'complete': r['final_runs'] == r['final_expected'] > 0 and r['selection_runs'] == (r['candidates'] * 12 if r['candidates'] > 1 else 0)})   # one candidate: no selection runs
    T = pd.DataFrame(rows).set_index('family')
    print(T[['candidates', 'selection_runs', 'final_runs', 'final_expected', 'teacher_runs', 'selection_s', 'final_s', 'teacher_s', 'total_s', 'wall_2cores_min', 'complete']].round(1).to_string())
