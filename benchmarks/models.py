"""Speed benchmark for the teacher and the students (issue 4).

Run: `.venv/bin/python benchmarks/models.py` (about 3-4 minutes on 2 cores). Prints:
training throughput (windows/s, batch 64, 2 threads) for a plain nn.TransformerEncoder reference, the teacher
(default, without temporal patching, both ends of the ablation grid) and the students; single-window CPU inference
latency with 1 thread (eager and the TorchScript export); size; and student cost as N grows from 64 to 4096 events.
Training rows show the median step and the fastest step (the machine is shared: the fastest step estimates the
uncontended speed, the median is the honest typical one); targets are judged on the median. Latencies are medians.
"""
import math, os, statistics, sys, tempfile, time
import torch, torch.nn as nn, torch.nn.functional as F
from skeleton_imu_kd.teacher import SkeletonTransformer, TeacherConfig, count_params
from skeleton_imu_kd.student import (TimestampAwareStudent, StudentConfig, FixedRateStudent, FixedRateConfig,
                                     fake_events, export_student)

QUICK = '--quick' in sys.argv # smoke run: fewer steps
B, T, N_TRAIN = 64, 128, 192  # batch, teacher frames, student max events (mean ~144 real: a 4.3 s window at ~32 Hz)

def load(): return '/'.join(f"{x:.2f}" for x in os.getloadavg())

class PlainTransformer(nn.Module):
    "Reference: Linear embedding + stock fp32 nn.TransformerEncoder (post-norm, ReLU, FFN 4D, dropout 0.1) + mean pool."
    def __init__(self, d=128, layers=3, heads=4, dropout=0.1):
        super().__init__()
        self.embed = nn.Linear(96, d)
        self.enc = nn.TransformerEncoder(nn.TransformerEncoderLayer(d, heads, 4 * d, dropout, batch_first=True), layers,
                                         enable_nested_tensor=False)
        self.head = nn.Linear(d, 1)
    def forward(self, x): return (self.head(self.enc(self.embed(x)).mean(1)),)

def step_times(step, warmup=2, steps=6):
    for _ in range(warmup): step()
    ts = []
    for _ in range(2 if QUICK else steps):
        t0 = time.perf_counter(); step(); ts.append(time.perf_counter() - t0)
    return ts

def train_throughput(model, inputs, steps=6):
    "Windows per second for forward + backward + AdamW step: (median step, fastest step)."
    model.train(); opt = torch.optim.AdamW(model.parameters(), 1e-3)
    y = torch.randint(0, 2, (inputs[0].shape[0], 1)).float()
    def step():
        loss = F.binary_cross_entropy_with_logits(model(*inputs)[0], y)
        opt.zero_grad(set_to_none=True); loss.backward(); opt.step()
    ts = step_times(step, steps=steps)
    return inputs[0].shape[0] / statistics.median(ts), inputs[0].shape[0] / min(ts)

def latency_ms(fn, inputs, n=200):
    with torch.inference_mode():
        for _ in range(20): fn(*inputs)
        ts = []
        for _ in range(20 if QUICK else n):
            t0 = time.perf_counter(); fn(*inputs); ts.append(time.perf_counter() - t0)
    return 1e3 * statistics.median(ts)

def row(*cells, w=(44, 12, 12, 12, 10)): print(''.join(str(c).ljust(n) if i == 0 else str(c).rjust(n) for i, (c, n) in enumerate(zip(cells, w))))

def main():
    torch.manual_seed(0)
    print(f"torch {torch.__version__}, {os.cpu_count()} CPUs, load average (1/5/15 min) at start: {load()}\n")

    torch.set_num_threads(2)
    print(f"== Training throughput, batch {B}, 2 threads (teacher T={T}; students N<={N_TRAIN}, ~144 real events) ==")
    row('model', 'params', 'median w/s', 'best w/s', 'target')
    skel = (torch.randn(B, T, 96),)
    teachers = [('reference: plain nn.TransformerEncoder', PlainTransformer(), ''),
                ('  same, dropout 0 (SDPA stays fused)', PlainTransformer(dropout=0.), ''),
                ('teacher default (D128 L3 H4, patch 2)', SkeletonTransformer(), '>= 300'),
                ('teacher default, patch_size=1', SkeletonTransformer(TeacherConfig(patch_size=1)), ''),
                ('teacher grid min (D96 L2 H4 p.3 noPE)', SkeletonTransformer(TeacherConfig(embed_dim=96, num_layers=2, num_heads=4, dropout=.3, use_pos_enc=False)), ''),
                ('teacher grid max (D192 L4 H8 p.5 PE)', SkeletonTransformer(TeacherConfig(embed_dim=192, num_layers=4, num_heads=8, dropout=.5)), '')]
    res = {}
    for name, m, tgt in teachers:
        res[name], best = train_throughput(m, skel); row(name, f"{count_params(m):,}", f"{res[name]:.0f}", f"{best:.0f}", tgt)
    ev, t, m = fake_events(B, N_TRAIN, 3)
    students = [(f'student L={L}' + (' (default)' if L == 32 else ''), TimestampAwareStudent(StudentConfig(num_tokens=L)), '>= 800' if L == 32 else '')
                for L in (32, 64, 128)]
    students += [('student L=32, time_features=False', TimestampAwareStudent(StudentConfig(time_features=False)), ''),
                 ('FixedRateStudent (grid 128 @ 32 Hz)', FixedRateStudent(), '')]
    for name, model, tgt in students:
        res[name], best = train_throughput(model, (ev, t, m), steps=20); row(name, f"{count_params(model):,}", f"{res[name]:.0f}", f"{best:.0f}", tgt)
    print(f"load average now: {load()}\n")

    torch.set_num_threads(1)
    print("== Single-window CPU inference, 1 thread, N=140 events ==")
    row('model', 'params', 'latency ms', 'size')
    e1, t1, m1 = fake_events(1, 140, 3, seed=1)
    cm1 = torch.ones_like(e1, dtype=torch.bool)
    student = TimestampAwareStudent().eval()
    tmp = tempfile.mkdtemp()
    path = os.path.join(tmp, 'student.pt')
    ts = export_student(student, path)
    with torch.no_grad(): diff = (student(e1, t1, m1, cm1).logits - ts(e1, t1, m1, cm1)[0]).abs().max().item()
    mb = lambda mod: f"{sum(p.numel() * p.element_size() for p in mod.parameters()) / 1e3:.0f} kB"
    lat = {}
    for name, fn, size in [('student default, eager', student, mb(student)),
                           ('student default, TorchScript (frozen)', ts, f"{os.path.getsize(path) / 1e3:.0f} kB file"),
                           ('FixedRateStudent, eager', FixedRateStudent().eval(), mb(FixedRateStudent())),
                           ('teacher default, eager (T=128)', SkeletonTransformer().eval(), mb(SkeletonTransformer()))]:
        args = (torch.randn(1, 128, 96),) if 'teacher' in name else (e1, t1, m1, cm1)
        params = '' if isinstance(fn, torch.jit.ScriptModule) else f"{count_params(fn):,}"
        lat[name] = latency_ms(fn, args); row(name, params, f"{lat[name]:.2f}", size)
    print(f"TorchScript parity (max abs diff of logits): {diff:.1e}; exported to a temp dir, not kept\n")

    torch.set_num_threads(2)
    print("== Student cost vs events per window (forward, batch 8, 2 threads) ==")
    row('N events', 'ms/batch', 'us/event', 'x vs N=64')
    ns, times = [64, 256, 1024, 4096], []
    for N in ns:
        e, tt, mm = fake_events(8, N, 3, seed=N); mm[:] = True
        times.append(latency_ms(student, (e, tt, mm), n=10 if N > 1000 else 30))
        row(N, f"{times[-1]:.2f}", f"{1e3 * times[-1] / (8 * N):.2f}", f"{times[-1] / times[0]:.1f}")
    slope = math.log(times[-1] / times[1]) / math.log(ns[-1] / ns[1])
    print(f"log-log slope 256->4096: {slope:.2f} (1 = linear, 2 = quadratic)\n")

    d = 'student L=32 (default)'
    print("== Targets ==")
    print(f"teacher default {res[teachers[2][0]]:.0f} windows/s vs plain reference {res[teachers[0][0]]:.0f} "
          f"({res[teachers[2][0]] / res[teachers[0][0]]:.1f}x): target >= 300 {'MET' if res[teachers[2][0]] >= 300 else 'MISSED'}")
    print(f"student default {res[d]:.0f} windows/s: target >= 800 {'MET' if res[d] >= 800 else 'MISSED'}")
    best = min(lat['student default, eager'], lat['student default, TorchScript (frozen)'])
    print(f"student inference {lat['student default, eager']:.2f} ms eager / {lat['student default, TorchScript (frozen)']:.2f} ms TorchScript: "
          f"target <= 2 ms {'MET' if best <= 2 else 'MISSED'}")
    print(f"cost vs N slope {slope:.2f}: {'linear' if slope < 1.3 else 'SUPERLINEAR'}")
    print(f"load average at end: {load()}")

if __name__ == '__main__': main()
