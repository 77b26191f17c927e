"""Checks the JSON of the Windows smoke run (scripts/windows/check.sh):
every lab model ran, every checksum is right, nothing failed, and the
process pool's tasks ran in two worker processes other than the lab."""
import json
import sys

MODELS = {"sequential", "threads", "thread_pool", "process_pool", "async_single", "async_multi", "rayon"}


def main(path: str) -> int:
    with open(path, encoding="utf-8") as f:
        result = json.load(f)
    problems = []
    runs = result["runs"]
    seen = {run["model"] for run in runs}
    if seen != MODELS:
        problems.append(f"models run: {sorted(seen)}, expected {sorted(MODELS)}")
    for run in runs:
        if not run["checksum_ok"] or run["failed"] or run.get("error"):
            problems.append(f"{run['label']}: checksum_ok={run['checksum_ok']} failed={run['failed']} error={run.get('error')}")
    pool = next((run for run in runs if run["model"] == "process_pool"), None)
    if pool is not None:
        processes = {lane["id"]: lane["os_id"] for lane in pool["lanes"] if lane["kind"] == "process"}
        used = {processes[span["worker"]] for span in pool.get("spans", []) if span["worker"] in processes}
        if len(used) != 2:
            problems.append(f"process_pool: tasks ran in {len(used)} worker processes {sorted(used)}, expected 2")
    for problem in problems:
        print(f"FAIL {problem}", file=sys.stderr)
    if not problems:
        print(f"ok: {len(runs)} runs, every checksum right, process pool in 2 processes")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
