"""Wall time of one full leave-one-subject-out run of the final KD student, one seed, on this machine (issue 9).

    .venv/bin/python benchmarks/loso_kd.py [--source PATH] [--workers 2] [--epochs 10]     # runs it (kd6_soft: 24.7 min on 2 cores here, 24 of 24 fold runs reproduced; kd6: 26.2 min)
    .venv/bin/python benchmarks/loso_kd.py --records results/loso [--arm kd2_soft --seed 0]  # reads a finished run's records
    .venv/bin/python benchmarks/loso_kd.py --compare results/loso                              # runs it, then checks every fold against the records

A full run trains, per eligible fold, the skeleton teacher and then the KD student with the final recipe
(`evaluate.FINAL_RECIPE`), `workers` processes over disjoint fold sets with one torch thread each, into a temporary
folder (never results/); it prints the wall time and, per fold, the training seconds of the teacher and the student
(sums of their epoch times). With --records it prints the same per-fold table from a LOSO folder's saved histories
and the wall time two workers would need (the larger of the two fold sets' sums): training time only, no data
loading or scoring, so a lower bound of the real wall time. With --compare, the fresh run's test metrics (teacher and KD
student, every fold) are compared with a committed LOSO folder's: on CPU they must be identical.
"""
import argparse, os, subprocess, sys, tempfile, time
from pathlib import Path
import pandas as pd

SHARED = {'kd6_soft': 'kd6', 'tl6_soft': 'kd6'}   # arms that distilled another arm's fold teachers (the seventh round, results/loso/README.md)

def teachers(d:Path, arm:str)->Path:
    "The folder of an arm's fold teachers in a LOSO folder: `teacher_<arm>` (or that of the arm whose teachers it shared, `SHARED`) where it has one (results/loso/README.md), else `teacher`."
    arm = SHARED.get(arm, arm)
    return d/f'teacher_{arm}' if (d/f'teacher_{arm}').exists() else d/'teacher'

def fold_times(d:Path, arm:str, seed:int, teacher_seed:int=0)->pd.DataFrame:
    "Per fold: seconds of teacher and student training (sum of epoch_s) from a LOSO folder's history.csv files."
    rows = []
    for fo in sorted((d/arm/f'seed{seed}').glob('fold[0-9][0-9]')):
        k = fo.name; sh = next(fo.glob('*/history.csv'), None); th = teachers(d, arm)/f'seed{teacher_seed}'/k/'history.csv'
        rows.append({'fold': int(k[4:]), 'teacher_s': pd.read_csv(th).epoch_s.sum() if th.exists() else float('nan'),
                     'student_s': pd.read_csv(sh).epoch_s.sum() if sh else float('nan')})
    return pd.DataFrame(rows).set_index('fold')

def compare(new:Path, old:Path, arm:str, keys=('f1', 'auroc', 'ap', 'trial_f1', 'threshold'))->bool:
    "Per committed fold and model (teacher, `arm`; seed 0): does the fresh run hold identical test metrics? A fold missing from the fresh run fails."
    import json
    same = total = 0
    T = teachers(old, arm)/'seed0'; pairs = [(g, new/g.relative_to(old)) for g in sorted((old/arm/'seed0').glob('fold[0-9][0-9]/test_metrics.json'))]
    pairs += [(g, new/'teacher'/'seed0'/g.relative_to(T)) for g in sorted(T.glob('fold[0-9][0-9]/test_metrics.json'))]   # a fresh run keeps its teachers in teacher/
    for g, f in pairs:
        total += 1
        if not f.exists(): print(f'compare: {f.relative_to(new)} missing from the fresh run'); continue
        a, b = json.loads(f.read_text()), json.loads(g.read_text()); eq = all(a.get(k) == b.get(k) for k in keys); same += eq
        if not eq: print(f'compare: {f.relative_to(new)} differs: ' + ', '.join(f'{k} {a.get(k)} vs {b.get(k)}' for k in keys if a.get(k) != b.get(k)))
    print(f'REPRODUCED {same} of {total} committed fold runs (teacher and {arm}, seed 0) exactly against {old} (teachers: {T.name})')
    return total > 0 and same == total

def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--source', default=None, help='dataset (default: the real subset archive)')
    ap.add_argument('--workers', type=int, default=2); ap.add_argument('--epochs', type=int, default=10)
    ap.add_argument('--records', default=None, help='read a finished LOSO folder instead of running')
    ap.add_argument('--compare', default=None, help='after the run, compare every fold with this LOSO folder (CPU determinism)')
    ap.add_argument('--arm', default=None, help='the KD arm in --records (default: evaluate.FINAL_RECIPE)'); ap.add_argument('--seed', type=int, default=0)
    a = ap.parse_args()
    from skeleton_imu_kd import evaluate, quality
    from skeleton_imu_kd.core import real_archive
    arm = a.arm or evaluate.FINAL_RECIPE
    print(f"{os.cpu_count()} cpus; load average at start {'/'.join(f'{x:.2f}' for x in os.getloadavg())}; arm {arm} ({evaluate.LOSO_MODELS[arm]})")
    if a.records:
        T = fold_times(Path(a.records), arm, a.seed); T['total_s'] = T.teacher_s + T.student_s
        print(f'records: {a.records} ({arm}, seed {a.seed}; teacher seed 0)'); print(T.round(0).to_string())
        even, odd = T.total_s[T.index % 2 == 0].sum(), T.total_s[T.index % 2 == 1].sum()
        print(f'training time, all folds on one worker: {T.total_s.sum()/60:.1f} min; two workers (even/odd folds): {max(even, odd)/60:.1f} min (training only: a lower bound)')
        return
    src = a.source or real_archive()
    if src is None: sys.exit('no --source given and the real subset archive is absent')
    n = len(quality.loso_folds(quality.prepare(src).index)); sets = [list(range(i, n, a.workers)) for i in range(a.workers)]
    with tempfile.TemporaryDirectory() as tmp:
        t = time.perf_counter(); env = {**os.environ, 'OMP_NUM_THREADS': '1'}
        ps = [subprocess.Popen([str(Path(sys.executable).parent/'skikd'), 'experiment', 'loso', '--source', str(src), '--out', tmp, '--models', arm,
                                '--seeds', '0', '--epochs', str(a.epochs), '--threads', '1', '--folds', ','.join(map(str, s))], env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) for s in sets]
        rc = [p.wait() for p in ps]; wall = time.perf_counter() - t
        T = fold_times(Path(tmp), arm, 0); print(T.round(0).to_string())
        ok = compare(Path(tmp), Path(a.compare), arm) if a.compare else True
    print(f'WALL TIME one full LOSO run of {arm} ({n} folds, teacher + KD student per fold, {a.epochs} epochs max, {a.workers} workers x 1 thread): '
          f'{wall/60:.1f} min; exit codes {rc}; load average at end {"/".join(f"{x:.2f}" for x in os.getloadavg())}')
    if any(rc) or not ok: sys.exit(1)

if __name__ == '__main__': main()
