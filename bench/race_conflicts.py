"""Concurrent officers, a bigger run: the act race test (tests/integration/test_race_acts.py) with more pairs per
combination (cli-cli, web-web, web-cli) and database (SQLite, PostgreSQL), its figures as a markdown table.

    .venv/bin/python bench/race_conflicts.py --pairs 10000

Each pair is checked as in the suite (one winner, the loser's message, the database holding the winners' acts only,
`audit verify` clean); the table counts winners' channels and the losers' refusals by kind."""

import argparse
import ast
import math
import os
import re
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LINE = re.compile(r"^(sqlite|postgresql) ([\w-]+): (\d+) pairs in ([\d.]+) s, (\{.*\})$", re.M)


def run(pairs: int) -> tuple[str, float, int]:
    rounds = math.ceil(pairs / 6)
    env = {**os.environ, "WASNAKER_RACE_ROUNDS": str(rounds)}
    started = time.monotonic()
    done = subprocess.run([sys.executable, "-m", "pytest", "tests/integration/test_race_acts.py", "-k",
                           "simultaneous", "-q", "-s", "-p", "no:cacheprovider"], cwd=ROOT, env=env, text=True,
                          capture_output=True)
    return done.stdout, time.monotonic() - started, done.returncode


def table(output: str) -> list[str]:
    rows = ["| database | combination | pairs | race s | pairs/s | won via CLI | won via web | loser told "
            "'changed' | loser told 'not allowed' |", "|---|---|---|---|---|---|---|---|---|"]
    total = Counter()
    for db, combo, pairs, seconds, tally in LINE.findall(output):
        counts = _counts(ast.literal_eval(tally))
        total.update({"pairs": int(pairs), "seconds": float(seconds), **counts})
        rows.append(f"| {db} | {combo} | {pairs} | {float(seconds):.1f} | {int(pairs) / float(seconds):.1f} | "
                    f"{counts['cli']} | {counts['web']} | {counts['conflict']} | {counts['not allowed']} |")
    rows.append(f"| all | | {total['pairs']} | {total['seconds']:.1f} | {total['pairs'] / total['seconds']:.1f} | "
                f"{total['cli']} | {total['web']} | {total['conflict']} | {total['not allowed']} |")
    return rows


def _counts(tally: dict) -> Counter:
    counts = Counter({"cli": 0, "web": 0, "conflict": 0, "not allowed": 0})
    for key, n in tally.items():
        if won := re.search(r": won \S+ via (\w+)$", key):
            counts[won[1]] += n
        elif refused := re.match(r"refused: (conflict|not allowed) ", key):
            counts[refused[1]] += n
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=10_000, help="pairs in all (split over 3 combinations × 2 DBs)")
    args = parser.parse_args()
    output, seconds, code = run(args.pairs)
    print("\n".join(table(output)))
    print(f"\npytest exit code {code}, wall {seconds:.0f} s (module incl. preparation and checks)")
    if code:
        print(output[-5000:])


if __name__ == "__main__":
    main()
