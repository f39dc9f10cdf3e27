"""Exported student: size, parity and single-window latency (issue 33, export).

Run: `.venv/bin/python benchmarks/export.py [--checkpoint best.pt] [--source ARCHIVE]` (about a minute on 2 cores).
Exports the student (a trained `best.pt`, or by default the final student's architecture untrained: latency and size
do not depend on the weights) to ONNX and TorchScript, prints each file's size, the largest probability difference
against PyTorch over the real subset's test windows (the synthetic default's when the archive is absent), and the
median single-window latency (one window of ~140 events, 1 thread) for PyTorch eager, TorchScript and ONNX Runtime.
"""
import argparse, os, statistics, tempfile, time
from pathlib import Path
import torch
from skeleton_imu_kd import windows
from skeleton_imu_kd.core import real_archive
from skeleton_imu_kd.export import export_onnx, ExportedModel, parity, INPUTS
from skeleton_imu_kd.student import TimestampAwareStudent, StudentConfig, export_student, fake_events
from skeleton_imu_kd.train import load_model, loader

def median_ms(f, reps=200, warm=20):
    for _ in range(warm): f()
    ts = []
    for _ in range(reps): t = time.perf_counter(); f(); ts.append(time.perf_counter() - t)
    return 1000 * statistics.median(ts)

if __name__ == '__main__':
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0]); ap.add_argument('--checkpoint'); ap.add_argument('--source'); ap.add_argument('--events', type=int, default=140)
    a = ap.parse_args(); torch.set_num_threads(1)
    model = load_model(a.checkpoint)[0] if a.checkpoint else TimestampAwareStudent(StudentConfig()).eval()
    src = a.source or real_archive(); L = windows.load(src, windows.WindowConfig())
    print(f"{os.cpu_count()} cpus; load {'/'.join(f'{x:.2f}' for x in os.getloadavg())}; model: {a.checkpoint or 'final student architecture (untrained)'}; "
          f"windows: {'real subset' if src else 'synthetic default'} test split; torch {torch.__version__}, 1 thread")
    ev, t, m = fake_events(1, a.events, model.cfg.in_channels); cm = torch.ones_like(ev, dtype=torch.bool); one = dict(zip(INPUTS, (ev, t, m, cm)))
    with tempfile.TemporaryDirectory() as tmp:
        onnx_p, ts_p = export_onnx(model, Path(tmp)/'s.onnx'), Path(tmp)/'s.ts.pt'; export_student(model, str(ts_p))
        ox, tx = ExportedModel(onnx_p, threads=1), ExportedModel(ts_p)
        with torch.no_grad(): eager = median_ms(lambda: model(ev, t, m, cm))
        rows = [('pytorch eager', None, eager, None), ('torchscript', ts_p.stat().st_size, median_ms(lambda: tx(one)), parity(model, tx, loader(L.dataset('test', 'student'), 64))),
                ('onnxruntime', onnx_p.stat().st_size, median_ms(lambda: ox(one)), parity(model, ox, loader(L.dataset('test', 'student'), 64)))]
    print(f"{'runtime':<14} {'size':>9} {'latency (1 window, ' + str(a.events) + ' events)':>32} {'max |dp| vs torch':>18} {'windows':>8}")
    for name, size, ms, pr in rows:
        print(f"{name:<14} {(f'{size/1e6:.2f} MB' if size else '-'):>9} {ms:>29.2f} ms {(format(pr['max_abs_diff'], '.1e') if pr else '-'):>18} {(pr['windows'] if pr else ''):>8}")
