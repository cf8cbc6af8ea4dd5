# Runs one command and prints its wall time and the peak resident memory of its processes, as JSON.
# (Node cannot read a child's rusage; Python's RUSAGE_CHILDREN can.)
import json, resource, subprocess, sys, time

start = time.perf_counter()
done = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
wall_ms = (time.perf_counter() - start) * 1000
peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(json.dumps({"wall_ms": wall_ms, "peak_kb": peak_kb, "code": done.returncode, "stderr": done.stderr.decode()[-400:]}))
