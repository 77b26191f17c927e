#!/usr/bin/env bash
# The simulated GIL held against CPython: PASSES passes of a preset (default
# the built-in gil-fidelity), each started only when the machine has been at
# least 85 % idle for 3 s, then the median I/O-task time and speed-up per run.
#   benches/gil-fidelity/measure.sh [PASSES] [PRESET]
set -euo pipefail
cd "$(dirname "$0")/../.."
passes=${1:-15}; preset=${2:-gil-fidelity}
cargo build --release --quiet
lab=${CARGO_TARGET_DIR:-target}/release/concurrency-lab
out=$(mktemp -d); trap 'rm -rf "$out"' EXIT
done_passes=0
while ((done_passes < passes)); do
    read -r _ u1 n1 s1 i1 w1 q1 sq1 st1 _ < /proc/stat; sleep 3
    read -r _ u2 n2 s2 i2 w2 q2 sq2 st2 _ < /proc/stat
    total=$(( (u2+n2+s2+i2+w2+q2+sq2+st2) - (u1+n1+s1+i1+w1+q1+sq1+st1) ))
    (( (i2 - i1) * 100 / total >= 85 )) || continue
    done_passes=$((done_passes + 1))
    echo "pass $done_passes of $passes" >&2
    "$lab" run "$preset" --json "$out/pass$done_passes.json" --lang en >/dev/null
done
python3 - "$out" <<'PY'
import glob, json, statistics, sys
runs = {}
for path in sorted(glob.glob(sys.argv[1] + "/pass*.json")):
    for run in json.load(open(path))["runs"]:
        runs.setdefault(run["label"], []).append(run)
for label, rs in runs.items():
    io = sorted(r["io_task_ms"] for r in rs if r.get("io_task_ms") is not None)
    speedup = statistics.median(r["speedup"] for r in rs)
    io_text = f"I/O task median {statistics.median(io):4.0f} ms ({io[0]:.0f}–{io[-1]:.0f})" if io else ""
    print(f"{label:32} n={len(rs):2}  speed-up {speedup:.2f}  {io_text}")
PY
