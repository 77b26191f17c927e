"""Checks .github/workflows/release.yml beyond YAML syntax (yamllint does
that): the jobs the release depends on exist, the tests run on Linux,
Windows (MSVC) and macOS on both architectures, and packages are made only
for version tags."""
import sys

import yaml

WANTED_TARGETS = {
    "x86_64-unknown-linux-gnu",
    "x86_64-pc-windows-msvc",
    "aarch64-apple-darwin",
    "x86_64-apple-darwin",
}


def main(path: str) -> int:
    with open(path, encoding="utf-8") as f:
        workflow = yaml.safe_load(f)
    problems = []
    jobs = workflow.get("jobs", {})
    # YAML 1.1 reads the key `on` as True.
    triggers = workflow.get("on", workflow.get(True, {}))
    if "v*" not in triggers.get("push", {}).get("tags", []):
        problems.append("not triggered by v* tags")
    targets = {entry["target"] for entry in jobs.get("test", {}).get("strategy", {}).get("matrix", {}).get("include", [])}
    if targets != WANTED_TARGETS:
        problems.append(f"test targets {sorted(targets)}, expected {sorted(WANTED_TARGETS)}")
    for name, job in jobs.items():
        for need in [job["needs"]] if isinstance(job.get("needs"), str) else job.get("needs", []):
            if need not in jobs:
                problems.append(f"{name} needs a missing job {need}")
        if name.startswith("package") and "refs/tags/v" not in job.get("if", ""):
            problems.append(f"{name} is not limited to version tags")
        for step in job.get("steps", []):
            if "uses" not in step and "run" not in step:
                problems.append(f"{name}: a step with neither uses nor run: {step}")
    for problem in problems:
        print(f"FAIL {path}: {problem}", file=sys.stderr)
    if not problems:
        print(f"ok: {path}: {len(jobs)} jobs, tests on {len(targets)} targets")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
