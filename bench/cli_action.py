"""How long one CLI action takes on embedded defaults (SQLite, no Prefect server), against floors measured
in the same run: a bare interpreter start, the CLI's --help, and a bare WeasyPrint render of a letter.

    .venv/bin/python bench/cli_action.py [--runs 5]

Writes bench/results/cli_action.md. Each action runs as a fresh process, as an officer would type it.
"""

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = ROOT / ".venv" / "bin"
CASE = "WAS/UPTD-WIL.I/2026/{:04d}"


def timed(args: list[str], env: dict) -> float:
    start = time.perf_counter()
    subprocess.run(args, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def wasnaker(*args: str) -> list[str]:
    return [str(BIN / "wasnaker"), *args]


FLOOR_RENDER = ("from weasyprint import HTML; HTML(string='<h1>Nota Pemeriksaan I</h1>' + '<p>Temuan</p>'*40)"
                ".write_pdf()")


def measure(runs: int) -> dict[str, list[float]]:
    home = tempfile.mkdtemp(prefix="wasnaker-bench-")
    env = {**os.environ, "WASNAKER_HOME": home}
    env.pop("WASNAKER_DATABASE_URL", None)
    subprocess.run(wasnaker("init"), env=env, check=True, stdout=subprocess.DEVNULL)
    subprocess.run(wasnaker("company", "add", "--name", "PT Bench", "--nib", "9120001234567"), env=env, check=True,
                   stdout=subprocess.DEVNULL)
    results: dict[str, list[float]] = {k: [] for k in (
        "python -c pass", "wasnaker --help", "bare WeasyPrint render (new process)",
        "complaint file (record + render receipt PDF)", "apply verify_complaint (record, no document)",
        "apply assign_inspectors (record, no document)")}
    for i in range(1, runs + 1):
        results["python -c pass"].append(timed([sys.executable, "-c", "pass"], env))
        results["wasnaker --help"].append(timed(wasnaker("--help"), env))
        results["bare WeasyPrint render (new process)"].append(timed([sys.executable, "-c", FLOOR_RENDER], env))
        results["complaint file (record + render receipt PDF)"].append(timed(wasnaker(
            "complaint", "file", "--company", "9120001234567", "--complainant", "SP", "--summary", "Upah telat",
            "--by", "dewi", "--on", "2026-03-02"), env))
        results["apply verify_complaint (record, no document)"].append(timed(wasnaker(
            "apply", "verify_complaint", "-c", CASE.format(i), "--by", "dewi", "--on", "2026-03-02"), env))
        results["apply assign_inspectors (record, no document)"].append(timed(wasnaker(
            "apply", "assign_inspectors", "-c", CASE.format(i), "--by", "hendra", "--on", "2026-03-03",
            "-d", 'inspectors=["budi"]'), env))
    return results


def report(results: dict[str, list[float]], runs: int) -> str:
    lines = ["# CLI action time on embedded defaults", "",
             f"Command: `.venv/bin/python bench/cli_action.py --runs {runs}` — each row a fresh process, "
             f"{runs} runs, SQLite under a temporary WASNAKER_HOME, no Prefect server, 2-core machine.", "",
             "| What | median s | min s | max s |", "|---|---|---|---|"]
    for name, values in results.items():
        lines.append(f"| {name} | {statistics.median(values):.2f} | {min(values):.2f} | {max(values):.2f} |")
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    text = report(measure(runs), runs)
    (ROOT / "bench" / "results" / "cli_action.md").write_text(text)
    print(text)


if __name__ == "__main__":
    main()
