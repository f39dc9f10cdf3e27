"""Cold and warm load time of a whole dataset (default: the real subset archive).

    .venv/bin/python benchmarks/data_load.py [--source PATH]

Cold: empty cache (a fresh temporary $SKIKD_CACHE): unpack the archive, parse every file, cut the plan's windows.
Warm: the same call again in a new process, with the unpacked archive and the parsed-file cache in place.
Targets on the 2-core development machine: cold <= 60 s, warm <= 5 s.
"""
import argparse, os, subprocess, sys, tempfile, time, json

STEP = """
import time, json, sys
from skeleton_imu_kd import sources, windows
t0 = time.perf_counter(); root = sources.resolve_source(sys.argv[1]); t1 = time.perf_counter()
L = windows.load(sys.argv[1]); t2 = time.perf_counter()
print(json.dumps(dict(resolve_s=t1-t0, load_s=t2-t1, total_s=t2-t0, raw_files=len(L.prep.quality), windows=len(L.windows))))
"""

def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--source', default=None, help='dataset source (default: the real subset archive)')
    a = ap.parse_args()
    from skeleton_imu_kd.core import real_archive
    src = a.source or real_archive()
    if src is None: sys.exit('no --source given and the real subset archive is absent')
    with tempfile.TemporaryDirectory() as cache:
        env = dict(os.environ, SKIKD_CACHE=cache)
        res = {}
        for name in ('cold', 'warm'):
            t = time.perf_counter()
            out = subprocess.run([sys.executable, '-c', STEP, str(src)], env=env, capture_output=True, text=True, check=True).stdout
            res[name] = dict(json.loads(out.strip().splitlines()[-1]), process_s=time.perf_counter() - t)
    print(f"source: {src}  (load avg {os.getloadavg()[0]:.2f}, {os.cpu_count()} cpus)")
    print(f"{'':6s}{'unpack/resolve s':>18s}{'parse+window s':>16s}{'total s':>9s}{'process s':>11s}{'files':>7s}{'windows':>9s}")
    for k, r in res.items():
        print(f"{k:6s}{r['resolve_s']:18.2f}{r['load_s']:16.2f}{r['total_s']:9.2f}{r['process_s']:11.2f}{r['raw_files']:7d}{r['windows']:9d}")
    print(f"warm speed-up (total): {res['cold']['total_s']/res['warm']['total_s']:.1f}x   targets: cold <= 60 s, warm <= 5 s")

if __name__ == '__main__': main()
