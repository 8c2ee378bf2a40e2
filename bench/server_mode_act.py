"""How long an officer's CLI act takes in server mode (issue #11 item 7): a Prefect server with every deployment
served, as `wasnaker up` runs them, and `wasnaker apply` in a fresh process with PREFECT_API_URL set, as the
README tells an officer to. Acts without a document (verify_complaint, assign_inspectors) against one that issues
a document (file a complaint: its receipt letter), with the floor of the same run: `wasnaker --help`.

    .venv/bin/python bench/server_mode_act.py [--runs 5] [--label "after"]

Appends a table to bench/results/server_mode_act.md (run it once per version of the code to compare).
"""

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
BIN = ROOT / ".venv" / "bin"
CASE = "WAS/UPTD-WIL.I/2026/{:04d}"
RESULTS = ROOT / "bench" / "results" / "server_mode_act.md"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def timed(args: list[str], env: dict) -> float:
    start = time.perf_counter()
    subprocess.run(args, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def wasnaker(*args: str) -> list[str]:
    return [str(BIN / "wasnaker"), *args]


def stage_runs(api_url: str) -> int:
    from prefect.client.orchestration import get_client
    from prefect.settings import PREFECT_API_URL, temporary_settings

    with temporary_settings({PREFECT_API_URL: api_url}), get_client(sync_client=True) as client:
        return sum(1 for r in client.read_flow_runs(limit=200) if any(t.startswith("stage:") for t in r.tags))


def acts(runs: int, env: dict) -> dict[str, list[float]]:
    results: dict[str, list[float]] = {k: [] for k in (
        "wasnaker --help (floor)", "complaint file (issues its receipt letter)",
        "apply verify_complaint (no document)", "apply assign_inspectors (no document)")}
    for i in range(1, runs + 1):
        results["wasnaker --help (floor)"].append(timed(wasnaker("--help"), env))
        results["complaint file (issues its receipt letter)"].append(timed(wasnaker(
            "complaint", "file", "--company", "9120001234567", "--complainant", "SP", "--summary", "Upah telat",
            "--by", "dewi", "--on", "2026-03-02"), env))
        results["apply verify_complaint (no document)"].append(timed(wasnaker(
            "apply", "verify_complaint", "-c", CASE.format(i), "--by", "dewi", "--on", "2026-03-02"), env))
        results["apply assign_inspectors (no document)"].append(timed(wasnaker(
            "apply", "assign_inspectors", "-c", CASE.format(i), "--by", "hendra", "--on", "2026-03-03",
            "-d", 'inspectors=["budi"]'), env))
    return results


def measure(runs: int) -> tuple[dict[str, list[float]], int]:
    from wasnaker import supervisor
    from wasnaker.settings import Settings

    home = Path(tempfile.mkdtemp(prefix="wasnaker-bench-"))
    settings = Settings(home=home, prefect_port=free_port())
    env = {**os.environ, **supervisor.server_env(settings)}
    env.pop("WASNAKER_DATABASE_URL", None)
    subprocess.run(wasnaker("init"), env=env, check=True, stdout=subprocess.DEVNULL)
    subprocess.run(wasnaker("company", "add", "--name", "PT Bench", "--nib", "9120001234567"), env=env, check=True,
                   stdout=subprocess.DEVNULL)
    processes = supervisor.bring_up(settings, home / "logs")
    try:
        return acts(runs, env), stage_runs(env["PREFECT_API_URL"])
    finally:
        supervisor.stop(list(reversed(processes)))


def report(results: dict[str, list[float]], started: int, runs: int, label: str) -> str:
    lines = [f"## {label}", "", f"Command: `.venv/bin/python bench/server_mode_act.py --runs {runs} --label "
             f"\"{label}\"` — each row a fresh `wasnaker` process with PREFECT_API_URL set, {runs} runs, SQLite, "
             f"the Prefect server and `deployments.serve` running, 2-core machine shared with other work. Stage "
             f"runs started: {started} for {runs * 3} acts ({runs} of which issue a document).", "",
             "| What | median s | min s | max s |", "|---|---|---|---|"]
    for name, values in results.items():
        lines.append(f"| {name} | {statistics.median(values):.2f} | {min(values):.2f} | {max(values):.2f} |")
    return "\n".join(lines) + "\n\n"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--label", default="this version")
    args = parser.parse_args()
    results, started = measure(args.runs)
    text = report(results, started, args.runs, args.label)
    if not RESULTS.exists():
        RESULTS.write_text("# An officer's CLI act in server mode\n\n")
    with RESULTS.open("a") as out:
        out.write(text)
    print(text)


if __name__ == "__main__":
    main()
