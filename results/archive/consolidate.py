#!/usr/bin/env python
"""Consolidate `results/` into one tree per protocol with one run ledger per protocol (issue 29, deliverable 5).

What it does, from the repository root of a checkout whose `results/` still has the legacy layout
(`results/loso/<arm>/seed<k>/fold<jj>`, `results/plan_split_v2/seed<k>/<arm>`, `results/stress*`, ...):

1. Names every legacy arm by its registry name (`names.tsv`: legacy -> name). A legacy arm folder that has no
   registry name aborts the script before anything moves. `teacher_kd5` / `teacher_kd6` are the teacher's reruns.
2. Moves with `git mv` (history follows the files), via a staging folder so that swapped names
   (`student` -> `student_plain_d64.do3_wd05`, `student2_reg_wide_drop25_w128` -> `student`) never collide; with
   --commit-stage the staging moves are committed first, so that history follows each run folder:
     loso/<arm>/seed<k>/                -> loso/<model>/seed<k>/
     loso/teacher_kd5|6/seed0/          -> loso/teacher/seed0-rerun1|2/
     plan_split_v2/seed<k>/<arm>/       -> plan/<model>/seed<k>/            (model first, then seed)
     plan_split_v2/seed<k>/teacher_kd5|6 -> plan/teacher/seed<k>-rerun1|2/
     plan_split_v2/summary.csv          -> plan/summary.csv
     loso|plan_split_v2/provenance-*.json -> archive/provenance/loso|plan/   (unchanged)
     loso/README.md, plan_split_v2/README.md -> archive/notes-loso.md, archive/notes-plan.md (verbatim)
     loso/timing-kd_nested.csv          -> archive/timing-kd_nested.csv
     plan_split, loso_keep_first, design -> archive/plan_split_v1, archive/loso_keep_first, archive/design
     stress (+ stress_plan_seeds/seed<k>) -> stress/plan (+ stress/plan/seed<k>), file names kept
     stress_loso (+ stress_loso_seeds/seed<k>) -> stress/loso (+ stress/loso/seed<k>), file names kept
     stress_loso/provenance-loso-part-*.json -> archive/provenance/stress/loso/
     the stress READMEs                 -> archive/notes-stress-*.md (verbatim)
     ablation/<grid>/provenance-*.json  -> archive/provenance/ablation/<grid>/ (+ ablation/<grid>/ledger.jsonl)
     ablation/README.md                 -> archive/notes-ablation.md (verbatim)
3. Writes `loso/ledger.jsonl`, `plan/ledger.jsonl` and `archive/plan_split_v1/ledger.jsonl`: one JSON line per run
   (format in the issue's results spec). Provenance rule: the EARLIEST invocation (by `when`) of that protocol folder
   whose `configs` name the legacy arm and whose --seeds / --folds (parsed from `command`; absent = all) cover the run.
   Teacher runs: the earliest invocation that trained a KD arm distilling from them (`teacher_seed`, else the
   invocation's seeds, must cover the teacher's seed), else the earliest invocation covering that seed / fold.
   `config` = old_full_configs.json[legacy] (arch.in_channels dropped) + the invocation's run-level fields (epochs,
   threads, max_batches; `seed` is the run's own seed: a provenance saves the first seed of its --seeds list).
4. Rewrites the `model` column of loso/summary.csv, plan/summary.csv and the stress CSVs to registry names (text-level:
   every other field stays byte-identical) and appends a `legacy` column holding the old value.
5. Writes the short READMEs and runs the checks (`--verify` runs only the checks on an already consolidated tree).

Stdlib + pandas only. Refuses to run if the target layout already exists (results/plan, results/loso/ledger.jsonl,
results/stress/plan or results/archive/provenance). Usage:

    python results/archive/consolidate.py [--names PATH] [--configs PATH] [--dry-run] [--commit-stage]
    python results/archive/consolidate.py --verify
"""
import argparse, copy, csv, io, json, math, os, re, shutil, subprocess, sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
R = Path('results')
RUN_LEVEL = ('epochs', 'threads', 'seed', 'max_batches')
TEACHER_RERUN = {'teacher': '', 'teacher_kd5': '-rerun1', 'teacher_kd6': '-rerun2'}
# which teacher records each KD arm distilled from (LOSO and plan alike)
KD_TEACHER = {'kd': 'teacher', 'kd2': 'teacher', 'kd2_soft': 'teacher', 'tl2_soft': 'teacher', 'kd3': 'teacher',
              'kd4': 'teacher', 'kd5': 'teacher_kd5', 'kd6': 'teacher_kd6', 'kd6_soft': 'teacher_kd6',
              'tl6_soft': 'teacher_kd6'}
# stress CSVs whose model names are not arm keys (legacy value -> legacy arm key), by source folder
STRESS_ALIAS = {'stress': {'student': 'student2', 'student_notime': 'student2_notime', 'kd': 'kd2',
                           'student_aug': 'student2_aug'},
                'stress_loso': {'kd': 'kd_v2'}}
PLAN_TEST_SUBJECT = '31+32'


def sh(*args, dry=False):
    if dry: print('  $', ' '.join(map(str, args))); return
    subprocess.run(list(map(str, args)), check=True)


def git_mv(src, dst, dry=False):
    "git mv src dst, creating dst's parent folder first."
    if not dry: Path(dst).parent.mkdir(parents=True, exist_ok=True)
    sh('git', 'mv', src, dst, dry=dry)


def finite(o):
    "Non-finite floats -> None, recursively (the ledger is strict JSON)."
    if isinstance(o, float) and not math.isfinite(o): return None
    if isinstance(o, dict): return {k: finite(v) for k, v in o.items()}
    if isinstance(o, list): return [finite(v) for v in o]
    return o


def no_lists(d): return {k: v for k, v in d.items() if not isinstance(v, list)}


def int_set(cmd, flag):
    m = re.search(rf'--{flag}[ =]([0-9][0-9,]*)', cmd)
    return None if m is None else {int(x) for x in m.group(1).split(',') if x}


class Invocation:
    def __init__(self, path, archived):
        self.path, self.archived = Path(path), archived
        self.d = json.loads(self.path.read_text())
        cmd = self.d.get('command') or ''
        self.when, self.seeds, self.folds = self.d.get('when') or '', int_set(cmd, 'seeds'), int_set(cmd, 'folds')
        self.configs = self.d.get('configs') or {}
        self.teacher_seed = self.d.get('teacher_seed')

    def covers(self, seed, fold):
        return (self.seeds is None or seed in self.seeds) and (fold is None or self.folds is None or fold in self.folds)

    def covers_teacher(self, seed, fold):
        ok_seed = (self.teacher_seed == seed) if self.teacher_seed is not None else (self.seeds is None or seed in self.seeds)
        return ok_seed and (fold is None or self.folds is None or fold in self.folds)


def earliest(cands): return min(cands, key=lambda i: (i.when, i.path.name)) if cands else None


def match(invs, legacy, seed, fold):
    "The invocation that trained a run (rule in the module docstring) and how it was found."
    if legacy in TEACHER_RERUN:
        users = {a for a, t in KD_TEACHER.items() if t == legacy}
        inv = earliest([i for i in invs if users & set(i.configs) and i.covers_teacher(seed, fold)])
        if inv: return inv, 'kd-arm'
        inv = earliest([i for i in invs if i.covers(seed, fold)])
        return inv, ('fallback' if inv else 'none')
    inv = earliest([i for i in invs if legacy in i.configs and i.covers(seed, fold)])
    return inv, ('arm' if inv else 'none')


def build_config(configs, legacy, inv, seed):
    key = 'teacher' if legacy in TEACHER_RERUN else legacy
    base = copy.deepcopy(configs[key]); base.get('arch', {}).pop('in_channels', None)
    saved = None
    if inv is not None:
        saved = inv.configs.get(key)
        if saved is None and key == 'teacher': saved = inv.d.get('teacher')
    out = {}
    for k in (saved or {}):
        if k in RUN_LEVEL: out[k] = seed if k == 'seed' else saved[k]
        elif k in base: out[k] = base[k]
    for k, v in base.items(): out.setdefault(k, v)
    if saved is None: out['seed'] = seed
    drift = [] if saved is None else [k for k in saved if k not in RUN_LEVEL and k != 'arch' and k in base and saved[k] != base[k]] + \
        [f'arch.{k}' for k, v in (saved.get('arch') or {}).items() if k != 'in_channels' and base.get('arch', {}).get(k, v) != v]
    return out, drift


def line(names, configs, invs, legacy, seed, fold, run, teacher_run, metrics_block, protocol, prov_prefix):
    inv, how = match(invs, legacy, seed, fold)
    cfg, drift = build_config(configs, legacy, inv, seed)
    p = inv.d if inv else {}
    o = dict(model=names[legacy] if legacy not in TEACHER_RERUN else 'teacher', seed=seed, fold=fold,
             test_subject=None, run=run, teacher_run=teacher_run)
    for k in ('commit', 'dirty', 'command', 'when', 'data', 'sha256', 'machine'): o[k] = p.get(k)
    o['config'] = cfg
    o['window'] = p.get('window')
    o['copies'], o['min_trials'] = p.get('copies'), p.get('min_trials')
    o.update(metrics_block)
    if protocol == 'loso': o['test_subject'] = o['metrics'].get('test_subject')
    else: o['test_subject'] = PLAN_TEST_SUBJECT
    o['legacy'] = legacy
    o['provenance'] = f'{prov_prefix}/{inv.path.name}' if inv else 'none'
    return finite(o), how, drift


def read_names(path):
    with open(path) as f: return {r['legacy']: r['name'] for r in csv.DictReader(f, delimiter='\t')}


def rewrite_csv(src_text, col, mapping, unmapped):
    "Text-level CSV rewrite: `col` -> mapping(value), old value appended as `legacy`. Returns new text, row count."
    rows = list(csv.reader(io.StringIO(src_text, newline='')))
    head, body = rows[0], rows[1:]
    i = head.index(col); out = io.StringIO(newline='')
    w = csv.writer(out, lineterminator='\n'); w.writerow(head + ['legacy'])
    for r in body:
        old = r[i]; new = mapping(old)
        if new is None: unmapped.add(old); new = old
        r = list(r); r[i] = new; w.writerow(r + [old])
    return out.getvalue(), len(body)


# ---------------------------------------------------------------------------------------------------------------
def plan_moves(names):
    "Every (src, dst) directory/file move, in two phases (to staging, then to the target)."
    st = R/'_consolidate_stage'; phase1, phase2, problems = [], [], []
    # LOSO
    for a in sorted(p.name for p in (R/'loso').iterdir() if p.is_dir()):
        if a not in names and a not in TEACHER_RERUN: problems.append(f'loso/{a}'); continue
        for s in sorted(p.name for p in (R/'loso'/a).iterdir() if p.is_dir()):
            phase1.append((R/'loso'/a/s, st/'loso'/a/s))
            if a in TEACHER_RERUN: phase2.append((st/'loso'/a/s, R/'loso'/'teacher'/(s + TEACHER_RERUN[a])))
            else: phase2.append((st/'loso'/a/s, R/'loso'/names[a]/s))
    # plan split v2
    for s in sorted(p.name for p in (R/'plan_split_v2').iterdir() if p.is_dir()):
        for a in sorted(p.name for p in (R/'plan_split_v2'/s).iterdir() if p.is_dir()):
            if a not in names and a not in TEACHER_RERUN: problems.append(f'plan_split_v2/{s}/{a}'); continue
            phase1.append((R/'plan_split_v2'/s/a, st/'plan'/a/s))
            if a in TEACHER_RERUN: phase2.append((st/'plan'/a/s, R/'plan'/'teacher'/(s + TEACHER_RERUN[a])))
            else: phase2.append((st/'plan'/a/s, R/'plan'/names[a]/s))
    for s in (R/'plan_split').glob('seed*'):
        for a in s.iterdir():
            if a.name not in names: problems.append(f'plan_split/{s.name}/{a.name}')
    return phase1, phase2, problems


def other_moves():
    A = R/'archive'; m = []
    m += [(f, A/'provenance'/'loso'/f.name) for f in sorted((R/'loso').glob('provenance*.json'))]
    m += [(f, A/'provenance'/'plan'/f.name) for f in sorted((R/'plan_split_v2').glob('provenance*.json'))]
    m += [(R/'loso'/'README.md', A/'notes-loso.md'), (R/'plan_split_v2'/'README.md', A/'notes-plan.md'),
          (R/'loso'/'timing-kd_nested.csv', A/'timing-kd_nested.csv'),
          (R/'plan_split_v2'/'summary.csv', R/'plan'/'summary.csv'),
          (R/'plan_split', A/'plan_split_v1'), (R/'loso_keep_first', A/'loso_keep_first'), (R/'design', A/'design')]
    # stress: plan
    m += [(R/'stress'/'README.md', A/'notes-stress-plan.md')]
    m += [(R/'stress'/f, R/'stress'/'plan'/f) for f in ('summary.csv', 'grid.csv', 'provenance.json')]
    m += [(R/'stress_plan_seeds'/'README.md', A/'notes-stress-plan-seeds.md')]
    m += [(d, R/'stress'/'plan'/d.name) for d in sorted((R/'stress_plan_seeds').glob('seed*'))]
    # stress: loso
    m += [(R/'stress_loso'/'README.md', A/'notes-stress-loso.md')]
    m += [(f, A/'provenance'/'stress'/'loso'/f.name) for f in sorted((R/'stress_loso').glob('provenance-loso-part-*.json'))]
    m += [(R/'stress_loso'/f, R/'stress'/'loso'/f) for f in ('loso_summary.csv', 'grid.csv', 'provenance-loso.json')]
    m += [(R/'stress_loso_seeds'/'README.md', A/'notes-stress-loso-seeds.md')]
    m += [(d, R/'stress'/'loso'/d.name) for d in sorted((R/'stress_loso_seeds').glob('seed*'))]
    # ablation
    m += [(R/'ablation'/'README.md', A/'notes-ablation.md')]
    m += [(f, A/'provenance'/'ablation'/g.name/f.name) for g in sorted(p for p in (R/'ablation').iterdir() if p.is_dir())
          for f in sorted(g.glob('provenance-*.json'))]
    return m


# ---------------------------------------------------------------------------------------------------------------
def build_ledgers(names, configs):
    "Ledger lines from the legacy layout (before any move). Returns dict protocol -> lines, stats."
    stats = {}
    L_invs = [Invocation(f, True) for f in sorted((R/'loso').glob('provenance*.json'))]
    P_invs = [Invocation(f, True) for f in sorted((R/'plan_split_v2').glob('provenance*.json'))]
    out = {'loso': [], 'plan': [], 'plan_split_v1': []}
    def add(proto, res):
        o, how, drift = res; out[proto].append(o)
        s = stats.setdefault(proto, {'lines': 0, 'how': {}, 'drift': {}})
        s['lines'] += 1; s['how'][how] = s['how'].get(how, 0) + 1
        for k in drift: s['drift'][f"{o['legacy']}:{k}"] = s['drift'].get(f"{o['legacy']}:{k}", 0) + 1
    # LOSO
    for a in sorted(p.name for p in (R/'loso').iterdir() if p.is_dir()):
        for sd in sorted(p for p in (R/'loso'/a).iterdir() if p.is_dir()):
            seed = int(sd.name[4:])
            for fd in sorted(p for p in sd.iterdir() if p.is_dir() and p.name.startswith('fold')):
                fold = int(fd.name[4:]); tm = json.loads((fd/'test_metrics.json').read_text())
                if a in TEACHER_RERUN: run = f'teacher/{sd.name}{TEACHER_RERUN[a]}/{fd.name}'
                else: run = f'{names[a]}/{sd.name}/{fd.name}'
                t = KD_TEACHER.get(a)
                trun = f'teacher/seed0{TEACHER_RERUN[t]}/{fd.name}' if t else None
                add('loso', line(names, configs, L_invs, a, seed, fold, run, trun, {'metrics': no_lists(tm)}, 'loso',
                                 'archive/provenance/loso'))
    # plan split v2 and v1
    for proto, root, invs in (('plan', R/'plan_split_v2', P_invs), ('plan_split_v1', R/'plan_split', [])):
        for sd in sorted(p for p in root.iterdir() if p.is_dir()):
            seed = int(sd.name[4:])
            for ad in sorted(p for p in sd.iterdir() if p.is_dir()):
                a = ad.name; m = json.loads((ad/'metrics.json').read_text())
                block = {'metrics': no_lists(m['test']), 'val_metrics': no_lists(m['val']),
                         'epoch_s': m.get('epoch_s'), 'best_epoch': m.get('best_epoch')}
                t = KD_TEACHER.get(a)
                if proto == 'plan':
                    run = f'teacher/{sd.name}{TEACHER_RERUN[a]}' if a in TEACHER_RERUN else f'{names[a]}/{sd.name}'
                    trun = f'teacher/{sd.name}{TEACHER_RERUN[t]}' if t else None
                else:
                    run = f'{sd.name}/{a}'; trun = f'{sd.name}/teacher' if t else None
                add(proto, line(names, configs, invs, a, seed, None, run, trun, block, 'plan', 'archive/provenance/plan'))
    for k in out: out[k].sort(key=lambda o: (o['model'], o['seed'], o['run']))
    return out, stats


def write_jsonl(path, lines):
    Path(path).write_text(''.join(json.dumps(o, allow_nan=False) + '\n' for o in lines))


def ablation_ledgers(dry):
    "One line per grid invocation (its provenance file, unchanged, plus where it now lies), sorted by `when`."
    n = {}
    for g in sorted(p for p in (R/'ablation').iterdir() if p.is_dir()):
        fs = sorted(g.glob('provenance-*.json'))
        if not fs: continue
        ls = []
        for f in fs:
            d = json.loads(f.read_text()); d['provenance'] = f'archive/provenance/ablation/{g.name}/{f.name}'; ls.append(finite(d))
        ls.sort(key=lambda d: d.get('when') or '')
        n[g.name] = (g/'ledger.jsonl', ls)
    return n


# ---------------------------------------------------------------------------------------------------------------
README = {
'.': """# Results

One folder per protocol, each with a run ledger (`ledger.jsonl`: one JSON line per run, with its model's registry
name, full training config, the command and data that trained it, and its test metrics).

- `loso/`: leave-one-subject-out (12 test subjects), every model x seed x fold, fold teachers included.
- `plan/`: the plan split (test subjects 31+32, validation 29+30), every model x seed.
- `stress/`: the perturbation grid on the test subjects of both protocols (`plan/`, `loso/`).
- `ablation/`: the plan's ablation grids (teacher, student, KD) on the plan split.
- `final/`: the final table of both protocols, rebuilt from the runs by `skikd experiment final`.
- `archive/`: superseded folders, the historical notes and every per-invocation provenance file.

Each folder's README gives the command that extends it; `skikd experiment final --source
../shared/data/smartfallmm-subset.tar.xz` rebuilds `final/` from the saved runs (it trains nothing).
""",
'loso': """# Leave-one-subject-out runs

- `<model>/seed<k>/fold<jj>/`: one run (`test_metrics.json`, `<kind>/metrics.json`, `history.csv`; checkpoints are not committed).
- `teacher/seed0/fold<jj>/`: the fold teachers; `teacher/seed0-rerun1/` and `teacher/seed0-rerun2/` the same
  configuration retrained for the KD runs whose `teacher_run` names them.
- `ledger.jsonl`: one line per run ({n} lines; model, seed, fold, run folder, teacher run, provenance, config, metrics).
- `summary.csv`: one row per IMU-model run, teachers excluded (`model` = registry name, `legacy` = old arm key); `folds.csv`: fold eligibility.

Extend or rebuild (resumable; finished runs are read back):

    skikd experiment loso --source ../shared/data/smartfallmm-subset.tar.xz --out results/loso --models <name> --seeds 0,1,2 --epochs 10
""",
'plan': """# The plan split (test subjects 31+32, validation subjects 29+30)

- `<model>/seed<k>/`: one run (`metrics.json` with the val and test scores, `history.csv`; checkpoints are not committed).
- `teacher/seed<k>/`: the teachers; `teacher/seed<k>-rerun1/`, `-rerun2/` the same configuration retrained for the KD
  runs whose `teacher_run` names them.
- `ledger.jsonl`: one line per run ({n} lines; model, seed, run folder, teacher run, provenance, config, val and test metrics).
- `summary.csv`: one row per (model, seed, split) (`model` = registry name, `legacy` = old arm key).

Extend or rebuild (resumable):

    skikd experiment plan --source ../shared/data/smartfallmm-subset.tar.xz --out results/plan --epochs 10 --models <name> --seeds 0,1,2,3,4
""",
'stress': """# Stress tests

The perturbation grid (9 perturbations, 42 strengths + 0, 3 draws) on the test subjects, at the threshold each model
chose on its validation subjects. In every CSV `model` is the registry name and `legacy` the name the rows were
written under (the key of that checkpoint in the folder's `provenance.json` / `provenance-loso.json`).

- `plan/`: the plan split's test subjects (one checkpoint per model; `seed<k>/` the same grid at every seed).
- `loso/`: every LOSO fold's own test subject (seed 0; `seed<k>/` further seeds).
""",
'stress/plan': """# Stress grid on the plan split's test subjects

- `summary.csv`, `grid.csv`, `provenance.json`: one checkpoint per model (mostly the earlier designs).
  `model` is the registry name, `legacy` the name in `provenance.json`'s `checkpoints` (there `student`,
  `student_notime`, `kd`, `student_aug` are `student_d64.do3_wd05`, `student_d64_notime.do3_wd05`,
  `student_d64.do3_wd05_kdfeat`, `student_d64.do3_wd05_aug`). `fixed_index` (the fixed-rate model on an index grid)
  has no registry name and keeps its own.
- `seed<k>/` (k = 0-4): the same grid on the checkpoints of `results/plan/<model>/seed<k>`.

Extend (resumable; rows already there are kept):

    skikd stress CKPT [CKPT ...] --names <name>[,<name>...] --source ../shared/data/smartfallmm-subset.tar.xz --out results/stress/plan/seed<k>
""",
'stress/loso': """# Stress grid on every LOSO fold's own test subject

- `loso_summary.csv`, `grid.csv`, `provenance-loso.json`: the seed-0 fold checkpoints (`results/loso/<model>/seed0`).
  `model` is the registry name, `legacy` the name in `provenance-loso.json` (`kd` there is
  `student_d64.do3_wd05_kdchoice`, each fold's KD recipe chosen on validation).
- `seed<k>/` (k = 1, 2): the same grid on seeds 1 and 2.

Extend (resumable):

    skikd stress --loso <loso --out>/<name>/seed<k> --names <name> --source ../shared/data/smartfallmm-subset.tar.xz --out results/stress/loso[/seed<k>]

(`--loso` takes the folder of a local `skikd experiment loso` run that still holds the fold checkpoints.)
""",
'ablation': """# The plan's ablation grids (plan split: validation 29+30, test 31+32)

- `student/`, `teacher/`, `teacher_best/`, `kd/`: one folder per cell (`cell.json`, `metrics.json`, `history.csv`) and
  `summary.csv` (one row per cell and split).
- `<grid>/ledger.jsonl`: one line per grid invocation (commit, command, data SHA-256, workers, wall time), taken
  unchanged from the provenance files now in `results/archive/provenance/ablation/<grid>/`.

Extend or rebuild (resumable; finished cells are read back):

    skikd experiment grid <student|teacher|kd> --source ../shared/data/smartfallmm-subset.tar.xz --out results/ablation/<grid>
""",
'ablation/student': """# Student grid

`num_tokens` {{32, 64, 128}} x `time_features` {{on, off}} on the default student, 10 epochs at most, seed 0.
Cells, `summary.csv`, `ledger.jsonl` (the invocations). Rebuild or extend:

    skikd experiment grid student --source ../shared/data/smartfallmm-subset.tar.xz --epochs 10 --out results/ablation/student
""",
'ablation/teacher': """# Teacher grid

The 72-cell teacher architecture grid at a 3-epoch screening budget, seed 0.
Cells, `summary.csv`, `ledger.jsonl` (the invocations). Rebuild or extend:

    skikd experiment grid teacher --source ../shared/data/smartfallmm-subset.tar.xz --epochs 3 --out results/ablation/teacher
""",
'ablation/teacher_best': """# Best teacher cell, three seeds

The teacher grid's best cell by validation AP, rerun with seeds 0, 1, 2 at the same budget.
Cells, `summary.csv`, `ledger.jsonl` (the invocation). Rebuild:

    skikd experiment grid teacher --source ../shared/data/smartfallmm-subset.tar.xz --best_from results/ablation/teacher --best 1 --seeds 0,1,2 --epochs 3 --out results/ablation/teacher_best
""",
'ablation/kd': """# KD grid

The KD losses on the default student (none, each loss, pairs, all three, soft-label KD, teacher-guided targets),
10 epochs at most, seed 0, distilled from the teacher cell trained first in this folder.
Cells, `summary.csv`, `ledger.jsonl` (the invocation). Rebuild or extend:

    skikd experiment grid kd --source ../shared/data/smartfallmm-subset.tar.xz --epochs 10 --out results/ablation/kd
""",
}

ARCHIVE_README = """# Archive

Superseded results and the records the current tree was derived from, kept for the record.

- `plan_split_v1/`: the first plan split (teacher, `student_plain_d64.do3_wd05`, `fixed`, `student_plain_d64.do3_wd05_kdfeat`;
  seeds 0-2), superseded by `results/plan`; its `ledger.jsonl` ({n_v1} lines) has `"provenance": "none"` on every line (no provenance file was written).
- `loso_keep_first/`: LOSO runs under the old copy policy (`copies='keep_first'`), superseded by `results/loso`.
- `design/`: the student design search on validation subjects (`experiments/student_design.py` no longer reproduces it).
- `provenance/{{loso,plan,stress/loso,ablation/<grid>}}/`: every per-invocation `provenance-*.json`, unchanged; the
  ledgers' `provenance` field names the file each run was matched to.
- `notes-*.md`: the former READMEs of loso, plan_split_v2, the stress folders and ablation, verbatim (legacy arm names).
- `timing-kd_nested.csv`: wall times of the nested KD selection runs (formerly in `results/loso/`).
- `consolidate.py` (with its inputs `names.tsv`, `old_full_configs.json`): the move and the ledgers; re-run it on a
  checkout of the commit before the move. Runs of `results/loso` and `results/plan` without provenance: {no_prov}.
"""


# ---------------------------------------------------------------------------------------------------------------
def verify(final_check=True):
    "The checks of the consolidated tree; prints a report, returns True if all pass."
    import pandas as pd
    ok = True
    led = {p: [json.loads(l) for l in (R/p/'ledger.jsonl').read_text().splitlines()] for p in ('loso', 'plan')}
    v1 = [json.loads(l) for l in (R/'archive'/'plan_split_v1'/'ledger.jsonl').read_text().splitlines()]
    print(f"(c) ledger lines parsed: loso {len(led['loso'])}, plan {len(led['plan'])}, archive/plan_split_v1 {len(v1)}")
    # (a) every metrics file <-> exactly one ledger line
    for p, depth in (('loso', 3), ('plan', 2)):
        runs = {}
        for o in led[p]: runs[o['run']] = runs.get(o['run'], 0) + 1
        dup = [r for r, c in runs.items() if c != 1]
        files = [f for f in (R/p).rglob('*.json') if f.name in ('test_metrics.json', 'metrics.json')]
        owner = {}
        for f in files: owner.setdefault('/'.join(f.relative_to(R/p).parts[:depth]), []).append(f)
        orphan = [r for r in owner if r not in runs]; empty = [r for r in runs if r not in owner]
        need = 'test_metrics.json' if p == 'loso' else 'metrics.json'
        missing = [r for r in runs if not (R/p/r/need).exists()]
        print(f'(a) {p}: {len(files)} metrics files in {len(owner)} run folders; ledger runs {len(runs)}; '
              f'duplicated {len(dup)}, files without a line {len(orphan)}, lines without files {len(empty)}, '
              f'lines without {need} {len(missing)}')
        ok &= not (dup or orphan or empty or missing)
    # (b) provenance files outside the archive
    outside = sorted(str(f) for f in R.rglob('provenance*.json') if 'archive' not in f.parts)
    hyph = [f for f in outside if Path(f).name.startswith('provenance-')]
    print(f'(b) provenance-*.json outside results/archive: {len(hyph)} {hyph}')
    print(f'    provenance*.json outside results/archive (incl. provenance.json): {len(outside)}')
    # summaries vs ledgers
    for p, key in (('loso', ['model', 'seed', 'fold']), ('plan', ['model', 'seed'])):
        S = pd.read_csv(R/p/'summary.csv')
        idx = {(o['legacy'], o['seed'], o['fold']) if p == 'loso' else (o['legacy'], o['seed']): o for o in led[p]}
        bad = 0; n = 0
        for _, r in S.iterrows():
            o = idx.get((r['legacy'], *(int(r[c]) for c in key[1:])))
            if o is not None and o['model'] != r['model']: bad += 1
            if o is None: bad += 1; continue
            blk = o['metrics'] if p == 'loso' or r['split'] == 'test' else o['val_metrics']
            for m in ('f1', 'auroc', 'ap', 'trial_f1'):
                n += 1; v = blk.get(m)
                if not ((v is None and pd.isna(r[m])) or (v is not None and v == r[m])): bad += 1
        print(f'    {p}/summary.csv: {len(S)} rows, {n} metric values compared with the ledger, {bad} mismatches')
        ok &= bad == 0
    # (d) final table vs ledger
    if final_check:
        F = pd.read_csv(R/'final'/'summary.csv')
        want = {'cnn', 'student2_reg_wide_drop25_w128', 'kd6_soft', 'student2_reg_wide_drop25_w128_notime', 'teacher'}
        byrun = {}
        for p in ('loso', 'plan'):
            for o in led[p]: byrun[(p, o['legacy'], o['seed'], o['fold'])] = o
        for o in v1: byrun[('plan_split_v1', o['legacy'], o['seed'], None)] = o
        def lookup(run):
            parts = run.split('/')
            if parts[0] == 'loso': return byrun.get(('loso', parts[1], int(parts[2][4:]), int(parts[3][4:])))
            if parts[0] == 'plan_split_v2': return byrun.get(('plan', parts[2], int(parts[1][4:]), None))
            if parts[0] == 'plan_split': return byrun.get(('plan_split_v1', parts[2], int(parts[1][4:]), None))
        for label, sel in (('final models', F['arm'].isin(want)), ('all rows', F['run'].notna())):
            rows = F[sel]; n = eq = miss = 0
            for _, r in rows.iterrows():
                if r['arm'] == 'kd_v2': continue     # composed per fold, its `run` is the chosen arm's
                o = lookup(r['run'])
                if o is None: miss += 1; continue
                for m in ('f1', 'auroc', 'ap', 'trial_f1'):
                    n += 1; eq += o['metrics'].get(m) == r[m]
            print(f'(d) final/summary.csv, {label}: {len(rows)} rows, {n} values compared, {eq} equal, '
                  f'{n - eq} different, {miss} rows without a ledger line')
            ok &= (n == eq and miss == 0)
    print('ALL CHECKS PASS' if ok else 'SOME CHECKS FAILED')
    return ok


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--names', default=HERE/'names.tsv'); ap.add_argument('--configs', default=HERE/'old_full_configs.json')
    ap.add_argument('--dry-run', action='store_true'); ap.add_argument('--verify', action='store_true')
    ap.add_argument('--commit-stage', action='store_true',
                    help='commit the moves to the staging folder on their own, so that `git log --follow` can tell the '
                         'swapped names apart (a path that changes owner within one commit reads as an edit)')
    a = ap.parse_args()
    if not (Path('.git').exists() and R.is_dir()): sys.exit('run from the repository root')
    if a.verify: sys.exit(0 if verify() else 1)
    done = [p for p in (R/'plan', R/'loso'/'ledger.jsonl', R/'stress'/'plan', R/'archive'/'provenance') if p.exists()]
    if done: sys.exit(f'refusing: the target layout already exists ({", ".join(map(str, done))})')
    if not (R/'plan_split_v2').is_dir(): sys.exit('refusing: no legacy layout (results/plan_split_v2 missing)')
    names = read_names(a.names); configs = json.loads(Path(a.configs).read_text())
    phase1, phase2, problems = plan_moves(names)
    if problems: sys.exit('no registry name for: ' + ', '.join(problems))

    # read everything from the legacy layout first
    ledgers, stats = build_ledgers(names, configs)
    no_prov = {p: [o['run'] for o in ledgers[p] if o['provenance'] == 'none'] for p in ledgers}
    abl = ablation_ledgers(a.dry_run)
    def m_plain(v): return names.get(v) if v in names else None
    csvs = {}   # target path -> (source text, alias)
    csvs[R/'loso'/'summary.csv'] = ((R/'loso'/'summary.csv').read_text(), {})
    csvs[R/'plan'/'summary.csv'] = ((R/'plan_split_v2'/'summary.csv').read_text(), {})
    csvs[R/'stress'/'plan'/'summary.csv'] = ((R/'stress'/'summary.csv').read_text(), STRESS_ALIAS['stress'])
    for d in sorted((R/'stress_plan_seeds').glob('seed*')):
        csvs[R/'stress'/'plan'/d.name/'summary.csv'] = ((d/'summary.csv').read_text(), {})
    csvs[R/'stress'/'loso'/'loso_summary.csv'] = ((R/'stress_loso'/'loso_summary.csv').read_text(), STRESS_ALIAS['stress_loso'])
    for d in sorted((R/'stress_loso_seeds').glob('seed*')):
        csvs[R/'stress'/'loso'/d.name/'loso_summary.csv'] = ((d/'loso_summary.csv').read_text(), {})
    rewritten, unmapped = {}, {}
    for dst, (text, alias) in csvs.items():
        um = set()
        new, n = rewrite_csv(text, 'model', lambda v, al=alias: m_plain(al.get(v, v)), um)
        rewritten[dst] = new; unmapped[str(dst)] = sorted(um)
        print(f'{dst}: {n} rows before, {new.count(chr(10)) - 1} lines after; unmapped values kept: {sorted(um)}')

    # move
    print(f'moving {len(phase1)} run folders via staging, then {len(other_moves())} other paths')
    for s, d in phase1: git_mv(s, d, a.dry_run)
    if a.commit_stage and not a.dry_run:
        sh('git', 'commit', '-q', '-m', 'results: move every legacy run folder to results/_consolidate_stage/<protocol>/<arm>/seed<k> '
           '(step 1 of 2 of results/archive/consolidate.py; the next commit moves them to their registry names)')
    for s, d in phase2: git_mv(s, d, a.dry_run)
    for s, d in other_moves(): git_mv(s, d, a.dry_run)
    if a.dry_run: return
    for d in sorted((p for p in R.rglob('*') if p.is_dir()), key=lambda p: -len(p.parts)):
        if not any(d.iterdir()): d.rmdir()

    # write
    write_jsonl(R/'loso'/'ledger.jsonl', ledgers['loso']); write_jsonl(R/'plan'/'ledger.jsonl', ledgers['plan'])
    write_jsonl(R/'archive'/'plan_split_v1'/'ledger.jsonl', ledgers['plan_split_v1'])
    for g, (path, ls) in abl.items(): write_jsonl(path, ls)
    for dst, text in rewritten.items(): dst.write_text(text)
    fmt = {'loso': dict(n=len(ledgers['loso'])), 'plan': dict(n=len(ledgers['plan']))}
    for k, t in README.items(): (R/k/'README.md').write_text(t.format(**fmt.get(k, {})))
    np_ = [f'{p}/{r}' for p in ('loso', 'plan') for r in no_prov[p]]
    (R/'archive'/'README.md').write_text(ARCHIVE_README.format(n_v1=len(ledgers['plan_split_v1']),
                                                            no_prov=', '.join(np_) if np_ else 'none'))
    print(json.dumps({'ledger_lines': {p: len(v) for p, v in ledgers.items()}, 'match': {p: s['how'] for p, s in stats.items()},
                      'config_drift (provenance vs old_full_configs, arm:field -> runs)': {p: s['drift'] for p, s in stats.items()},
                      'no_provenance': {p: len(v) for p, v in no_prov.items()}, 'unmapped_stress_values': unmapped}, indent=1))
    verify()


if __name__ == '__main__':
    main()
