"""Wall time of one full leave-one-subject-out run of the distilled final student, one seed, on this machine (issue 9).

    .venv/bin/python benchmarks/loso_kd.py [--source PATH] [--workers 2] [--epochs 10] [--model student_kd]   # runs it (about 25 min on 2 cores)
    .venv/bin/python benchmarks/loso_kd.py --records results/loso [--model student_kd --seed 0]                # reads a finished run's records
    .venv/bin/python benchmarks/loso_kd.py --compare results/loso                                              # runs it, then checks every fold against the records
    .venv/bin/python benchmarks/loso_kd.py --folds 0 --epochs 1 --workers 1                                    # smoke: one fold, one epoch (about 1 min)

A full run trains, per eligible fold, the skeleton teacher and then the registry model (default `student_kd`, the
final student distilled from the fold's teacher), `workers` processes over disjoint fold sets with one torch thread
each, into a temporary folder (never results/); it prints the wall time and, per fold, the training seconds of the
teacher and the student (sums of their epoch times). With --records it prints the same per-fold table from a LOSO
folder's saved histories and the wall time two workers would need (the larger of the two fold sets' sums): training
time only, no data loading or scoring, so a lower bound of the real wall time. With --compare, the fresh run's test
metrics (teacher and student, every fold) are compared with a LOSO folder's: on CPU they must be identical.

Which fold teacher a distilled run read comes from the folder's `ledger.jsonl` (`teacher_run` of the run's line, e.g.
`teacher/seed0-rerun2/fold00` in results/loso), never from the folder names.
"""
import argparse, json, os, subprocess, sys, tempfile, time
from pathlib import Path
import pandas as pd

def runs(d:Path, model:str, seed:int)->pd.DataFrame:
    "The ledger lines of `model` at `seed` in a LOSO folder, one per fold: fold, run and teacher_run (run folders relative to `d`)."
    from skeleton_imu_kd.core import read_ledger
    L = [l for l in read_ledger(Path(d)/'ledger.jsonl') if l['model'] == model and l['seed'] == seed]
    return pd.DataFrame([{k: l.get(k) for k in ('fold', 'run', 'teacher_run')} for l in L], columns=['fold', 'run', 'teacher_run']).set_index('fold').sort_index()

def fold_times(d:Path, model:str, seed:int)->pd.DataFrame:
    "Per fold: seconds of teacher and student training (sum of epoch_s) from a LOSO folder's history.csv files, the teacher being the run's `teacher_run`."
    rows = []
    for k, r in runs(d, model, seed).iterrows():
        sh = next((Path(d)/r.run).glob('*/history.csv'), None); th = Path(d)/r.teacher_run/'history.csv' if isinstance(r.teacher_run, str) else None
        rows.append({'fold': k, 'teacher_s': pd.read_csv(th).epoch_s.sum() if th and th.exists() else float('nan'),
                     'student_s': pd.read_csv(sh).epoch_s.sum() if sh else float('nan')})
    return pd.DataFrame(rows, columns=['fold', 'teacher_s', 'student_s']).set_index('fold')

def compare(new:Path, old:Path, model:str, seed:int=0, folds=None, keys=('f1', 'auroc', 'ap', 'trial_f1', 'threshold'))->bool:
    "Per fold of `old`'s ledger (`model` at `seed`; only `folds` when given): do the fresh run's student and its fold teacher hold identical test metrics? A fold missing from the fresh run fails."
    same = total = 0; O, N = runs(old, model, seed), runs(new, model, seed)
    if folds: O = O[O.index.isin(folds)]
    pairs = [(Path(old)/r.run, Path(new)/r.run) for r in O.itertuples()]
    pairs += [(Path(old)/r.teacher_run, Path(new)/(N.teacher_run.get(k) or f'teacher/seed{seed}/fold{k:02d}'))   # the fresh run's teacher of the same fold, from its ledger
              for k, r in zip(O.index, O.itertuples()) if isinstance(r.teacher_run, str)]
    for g, f in pairs:
        total += 1; g, f = g/'test_metrics.json', f/'test_metrics.json'
        if not f.exists(): print(f'compare: {f.relative_to(new)} missing from the fresh run'); continue
        a, b = json.loads(f.read_text()), json.loads(g.read_text()); eq = all(a.get(k) == b.get(k) for k in keys); same += eq
        if not eq: print(f'compare: {f.relative_to(new)} differs: ' + ', '.join(f'{k} {a.get(k)} vs {b.get(k)}' for k in keys if a.get(k) != b.get(k)))
    teachers = ', '.join(sorted({t.rsplit('/', 1)[0] for t in O.teacher_run.dropna()})) or 'none'
    print(f'REPRODUCED {same} of {total} recorded fold runs ({model} and its fold teachers, seed {seed}) exactly against {old} (teachers: {teachers})')
    return total > 0 and same == total

def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--source', default=None, help='dataset (default: the real subset archive)')
    ap.add_argument('--workers', type=int, default=2); ap.add_argument('--epochs', type=int, default=10)
    ap.add_argument('--folds', default='', help='comma-separated fold indices to run, and to compare (default: every eligible fold)')
    ap.add_argument('--records', default=None, help='read a finished LOSO folder instead of running')
    ap.add_argument('--compare', default=None, help='after the run, compare every fold with this LOSO folder (CPU determinism)')
    ap.add_argument('--model', default='student_kd', help='a registry name (`skikd models`)'); ap.add_argument('--seed', type=int, default=0, help='the seed read by --records')
    a = ap.parse_args()
    from skeleton_imu_kd import quality, registry
    from skeleton_imu_kd.core import real_archive
    try: m = registry.get(a.model).name
    except Exception as e: sys.exit(str(e))   # an old arm key names its new name
    print(f"{os.cpu_count()} cpus; load average at start {'/'.join(f'{x:.2f}' for x in os.getloadavg())}; model {m} ({registry.get(m).desc})")
    if a.records:
        T = fold_times(Path(a.records), m, a.seed); T['total_s'] = T.teacher_s.fillna(0) + T.student_s
        if not len(T): sys.exit(f'{a.records}/ledger.jsonl holds no run of {m} at seed {a.seed}')
        print(f'records: {a.records} ({m}, seed {a.seed}; teachers from the ledger\'s teacher_run)'); print(T.round(0).to_string())
        even, odd = T.total_s[T.index % 2 == 0].sum(), T.total_s[T.index % 2 == 1].sum()
        print(f'training time, all folds on one worker: {T.total_s.sum()/60:.1f} min; two workers (even/odd folds): {max(even, odd)/60:.1f} min (training only: a lower bound)')
        return
    src = a.source or real_archive()
    if src is None: sys.exit('no --source given and the real subset archive is absent')
    folds = [int(f) for f in a.folds.split(',') if f.strip()] or list(range(len(quality.loso_folds(quality.prepare(src).index))))
    n = len(folds); sets = [s for s in (folds[i::a.workers] for i in range(a.workers)) if s]
    with tempfile.TemporaryDirectory() as tmp:
        t = time.perf_counter(); env = {**os.environ, 'OMP_NUM_THREADS': '1'}
        ps = [subprocess.Popen([str(Path(sys.executable).parent/'skikd'), 'experiment', 'loso', '--source', str(src), '--out', tmp, '--models', m,
                                '--seeds', '0', '--epochs', str(a.epochs), '--threads', '1', '--folds', ','.join(map(str, s))], env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) for s in sets]
        rc = [p.wait() for p in ps]; wall = time.perf_counter() - t
        T = fold_times(Path(tmp), m, 0); print(T.round(0).to_string())
        ok = compare(Path(tmp), Path(a.compare), m, folds=folds if a.folds else None) if a.compare else True
    print(f'WALL TIME one LOSO run of {m} ({n} folds, teacher + student per fold, {a.epochs} epochs max, {len(sets)} workers x 1 thread): '
          f'{wall/60:.1f} min; exit codes {rc}; load average at end {"/".join(f"{x:.2f}" for x in os.getloadavg())}')
    if any(rc) or not ok: sys.exit(1)

if __name__ == '__main__': main()
