# Runs one command and prints its wall time, the CPU time (user + system) and the peak resident memory of its
# processes, as JSON. (Node cannot read a child's rusage; Python's RUSAGE_CHILDREN can.) BENCH_KILL_S: kill it after that long
# (a hung run counts as failed, code -9, with that wall time).
import json, os, resource, subprocess, sys, time

limit = float(os.environ.get("BENCH_KILL_S", "0")) or None
start = time.perf_counter()
try:
    done = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=limit)
    code, stderr = done.returncode, done.stderr.decode()[-400:]
except subprocess.TimeoutExpired:
    code, stderr = -9, f"killed after {limit} s"
wall_ms = (time.perf_counter() - start) * 1000
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
cpu_ms = (usage.ru_utime + usage.ru_stime) * 1000
print(json.dumps({"wall_ms": wall_ms, "cpu_ms": cpu_ms, "peak_kb": usage.ru_maxrss, "code": code, "stderr": stderr}))
