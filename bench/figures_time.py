"""How long the pantauan pages (issue #13) take on the database bench/figures_load.py made (100,000 cases): every
page and every kind of drill-down, fetched through the real FastAPI app (TestClient, in this process) by a
signed-in coordinator over every office and by the head of one office; then the application.figures functions
called directly. Each is run once to warm up, then `--runs` times; the median and the max are reported.

    .venv/bin/python bench/figures_time.py [--db wasnaker_figures] [--runs 5] [--only corong,waktu-tahap]
    .venv/bin/python bench/figures_time.py --call wasnaker.application.figures.durations --as koordinator \
        --args 2026-01-01 2026-11-30

`--call` times one function given by dotted name instead, called as `f(rt, who, *args)` (ISO dates in `--args`
become dates, whole numbers ints; `now=` the pages' clock when the function takes `now`), e.g. a report of the
application layer.
Writes bench/results/figures.md (the numbers above the marker; notes below it are kept) unless --call/--only.
"""

import argparse
import importlib
import inspect
import os
import platform
import statistics
import sys
import tempfile
import time
from datetime import UTC, date, datetime
from pathlib import Path
from types import SimpleNamespace

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from fastapi.testclient import TestClient  # noqa: E402

from wasnaker.application import figures  # noqa: E402
from wasnaker.runtime import runtime_for  # noqa: E402
from wasnaker.services import accounts, repo  # noqa: E402
from wasnaker.settings import Settings  # noqa: E402
from wasnaker.web.app import create_app  # noqa: E402

PASSWORD = "kata-sandi-bench-123"
NOW = datetime(2026, 11, 30, 3, 0, tzinfo=UTC)
RESULT = ROOT / "bench" / "results" / "figures.md"
MARKER = "<!-- notes below are kept when the script rewrites the numbers above -->"
WHO = {"coordinator": "koordinator", "head": "head11"}  # head11: the head of UPTD-WIL.1
YEAR = "dari=2026-01-01&sampai=2026-11-30"
TWO_YEARS = "dari=2024-12-01&sampai=2026-11-30"


def pages(officer: str) -> list[str]:
    """Every page and every kind of drill-down; `officer`: a field officer of the scope."""
    return ["/pantauan", "/pantauan?kantor=UPTD-WIL.1",
            "/pantauan/tenggat?urgensi=overdue", "/pantauan/tenggat?urgensi=due_soon",
            "/pantauan/tenggat?kantor=UPTD-WIL.1", f"/pantauan/tenggat?petugas={officer}",
            "/pantauan/tenggat?jenis=nota_1_compliance",
            "/pantauan/corong", f"/pantauan/corong?{TWO_YEARS}",
            f"/pantauan/corong/inspection?{YEAR}", f"/pantauan/corong/nota_2?{YEAR}",
            f"/pantauan/corong/complied_after_nota_1?{YEAR}",
            "/pantauan/beban-kerja", f"/pantauan/beban-kerja?{TWO_YEARS}",
            f"/pantauan/beban-kerja/pemeriksaan/{officer}?{YEAR}", f"/pantauan/beban-kerja/terbuka/{officer}",
            "/pantauan/waktu-tahap", f"/pantauan/waktu-tahap?{TWO_YEARS}",
            f"/pantauan/waktu-tahap/nota_1?{YEAR}", f"/pantauan/waktu-tahap/investigation?{YEAR}",
            f"/pantauan/waktu-tahap/complaint_to_inspection?{YEAR}", f"/pantauan/waktu-tahap/sprindik_to_p21?{YEAR}",
            "/pantauan/indeks", f"/pantauan/indeks?{TWO_YEARS}",
            f"/pantauan/indeks/UPTD-WIL.1/inspection_quota?{YEAR}",
            f"/pantauan/indeks/UPTD-WIL.1/complied_after_nota_1?{YEAR}",
            f"/pantauan/indeks/UPTD-WIL.1/office_deadlines_kept?{YEAR}",
            f"/pantauan/indeks/UPTD-WIL.1/investigations_concluded?{YEAR}",
            f"/pantauan/indeks/UPTD-WIL.1/sprindik_to_p21?{YEAR}",
            "/pantauan/ppns", f"/pantauan/ppns?{TWO_YEARS}"]


def calls(rt, who) -> list[tuple[str, object]]:
    y0, y1 = date(2026, 1, 1), date(2026, 11, 30)
    return [("radar", lambda: figures.radar(rt, who, NOW)),
            ("deadline_rows (overdue, all)", lambda: figures.deadline_rows(rt, who, NOW, urgency="overdue")),
            ("funnel", lambda: figures.funnel(rt, who, y0, y1)),
            ("funnel_cases inspection", lambda: figures.funnel_cases(rt, who, "inspection", y0, y1)),
            ("workload", lambda: figures.workload(rt, who, y0, y1)),
            ("inspection_cases inspector11", lambda: figures.inspection_cases(rt, who, "inspector11", y0, y1)),
            ("open_cases_of inspector11", lambda: figures.open_cases_of(rt, who, "inspector11")),
            ("durations", lambda: figures.durations(rt, who, y0, y1)),
            ("duration_cases nota_1", lambda: figures.duration_cases(rt, who, "nota_1", y0, y1)),
            ("duration_cases complaint_to_inspection",
             lambda: figures.duration_cases(rt, who, "complaint_to_inspection", y0, y1))]


def timed(fn, runs: int) -> tuple[list[float], object]:
    result = fn()  # warm-up
    seconds = []
    for _ in range(runs):
        began = time.perf_counter()
        result = fn()
        seconds.append(time.perf_counter() - began)
    return seconds, result


def runtime(db: str):
    home = Path(tempfile.mkdtemp(prefix="figures-bench-"))
    rt = runtime_for(Settings(home=home, environment="test",
                              database_url=f"postgresql+psycopg://postgres@127.0.0.1:5432/{db}"))
    with rt.session() as s:
        for username in WHO.values():
            if accounts.user_of(s, accounts.officer_by_username(s, username)) is None:
                accounts.add_user(s, username, PASSWORD, by="bench", now=NOW)
    return rt


def signed_in(app, username: str) -> TestClient:
    client = TestClient(app, follow_redirects=False)
    response = client.post("/masuk", data={"username": username, "password": PASSWORD})
    assert response.status_code == 303, response.text[:300]
    return client


def who_is(rt, username: str):
    with rt.session() as s:
        found = repo.officer(s, username)
        return SimpleNamespace(username=found.username, role=found.role, office_id=found.office_id)


def _row(name: str, seconds: list[float], note: str) -> str:
    return f"| {name} | {statistics.median(seconds):.3f} | {max(seconds):.3f} | {note} |"


def time_pages(rt, runs: int, only: list[str]) -> list[str]:
    app = create_app(runtime=lambda: rt, now=lambda: NOW)
    lines = []
    for scope, username in WHO.items():
        client = signed_in(app, username)
        lines += [f"\n### Pages as the {scope} (`{username}`)\n", "| page | median s | max s | answer |",
                  "|---|---|---|---|"]
        for url in pages("inspector11"):
            if only and not any(o in url for o in only):
                continue
            seconds, response = timed(lambda u=url: client.get(u), runs)
            lines.append(_row(f"`{url}`", seconds, f"{response.status_code}, {len(response.content) // 1024} KiB"))
            print(lines[-1], flush=True)
    return lines


def time_calls(rt, runs: int) -> list[str]:
    lines = []
    for scope, username in WHO.items():
        who = who_is(rt, username)
        lines += [f"\n### wasnaker.application.figures as the {scope}\n", "| call | median s | max s | rows |",
                  "|---|---|---|---|"]
        for name, fn in calls(rt, who):
            seconds, result = timed(fn, runs)
            size = len(result) if isinstance(result, list) else "-"
            lines.append(_row(name, seconds, str(size)))
            print(lines[-1], flush=True)
    return lines


def _arg(text: str):
    """An ISO date, a whole number, or the text itself."""
    for read in (date.fromisoformat, int):
        try:
            return read(text)
        except ValueError:
            pass
    return text


def time_call(rt, dotted: str, username: str, args: list[str], runs: int) -> str:
    """Time any function `module.name` called as f(rt, who, *args[, now=NOW]); an argument `key=value` is passed by
    name (e.g. `fmt=pdf` for the Rakornas report)."""
    module, name = dotted.rsplit(".", 1)
    fn = getattr(importlib.import_module(module), name)
    extra = {"now": NOW} if "now" in inspect.signature(fn).parameters else {}
    named = dict(a.split("=", 1) for a in args if "=" in a)
    extra |= {k: _arg(v) for k, v in named.items()}
    who = who_is(rt, username)
    positional = [_arg(a) for a in args if "=" not in a]
    seconds, _ = timed(lambda: fn(rt, who, *positional, **extra), runs)
    return _row(f"`{dotted}({', '.join(args)})` as {username}", seconds, "")


def machine() -> str:
    import sqlalchemy

    with runtime_for(Settings(home=Path(tempfile.mkdtemp()), environment="test")).engine.connect():
        pass
    return (f"{platform.node()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
            f"SQLAlchemy {sqlalchemy.__version__}")


def write(lines: list[str], db: str, runs: int, counts: str, load: str) -> None:
    kept = RESULT.read_text().split(MARKER, 1)[1] if RESULT.exists() and MARKER in RESULT.read_text() else "\n"
    head = ["# Pantauan figures at 100,000 cases (PostgreSQL)", "",
            "    .venv/bin/python bench/figures_load.py            # the database (see its docstring)",
            f"    .venv/bin/python bench/figures_time.py --db {db} --runs {runs}", "",
            f"Measured {datetime.now(UTC):%Y-%m-%d %H:%M} UTC on {machine()}; PostgreSQL on 127.0.0.1 (same machine); "
            f"load average (1 min) before and after: {load}: the machine is shared, compare within one run.",
            f"Database: {counts}. Clock of the pages: {NOW.isoformat()}. One warm-up, then {runs} runs each; "
            "seconds per request through the FastAPI app (TestClient: routing, the application layer, SQL, "
            "Jinja rendering; no network)."]
    RESULT.write_text("\n".join(head + lines) + "\n\n" + MARKER + kept)


def counts(rt) -> str:
    from sqlalchemy import text

    with rt.engine.connect() as conn:
        return ", ".join(f"{t} {conn.execute(text(f'SELECT count(*) FROM {t}')).scalar():,}"
                         for t in ('"case"', "caseevent", "timer", "document", "notice"))


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", default="wasnaker_figures")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--only", default="", help="comma-separated parts of the page urls to time (no file written)")
    ap.add_argument("--call", help="time this function (dotted name) instead of the pages")
    ap.add_argument("--as", dest="who", default=WHO["coordinator"], help="the officer calling --call")
    ap.add_argument("--args", nargs="*", default=[])
    args = ap.parse_args(argv)
    rt = runtime(args.db)
    if args.call:
        print(time_call(rt, args.call, args.who, args.args, args.runs))
        return
    only = [o for o in args.only.split(",") if o]
    before = os.getloadavg()[0]
    lines = time_pages(rt, args.runs, only)
    if not only:
        lines += time_calls(rt, args.runs)
        write(lines, args.db, args.runs, counts(rt), f"{before:.1f} / {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
