"""How long an officer's act takes over HTTP: the real web app served by uvicorn (a process of its own, as
`wasnaker up` serves it) on embedded SQLite, a signed-in officer posting the act's form, timed client-side with
httpx. Against a floor measured in the same run: a bare FastAPI handler served the same way on the same database
(`wasnaker.db.make_engine`: WAL, BEGIN IMMEDIATE) that takes the same form post and does one INSERT and one UPDATE.

    .venv/bin/python bench/web_act.py [--acts 300] [--notas 5]

1. `record_finding` (no document) on `--acts` cases in `inspecting`, one finding each; the app and the floor are
   posted to in turn (app, floor, app, …) so a drift of the machine's speed touches both alike.
2. `issue_nota_1` (a letter) on `--notas` cases: the answer's latency (the letter is rendered by the app's
   background worker after it) and the time until the case page links the PDF (polled every 50 ms).

Writes bench/results/web_act.md (the numbers; the notes around them are kept by hand below the marker).
"""

import argparse
import json
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

PASSWORD = "kata-sandi-bench-123"
NIB = "9120001234567"
FINDING = {"norm": "Upah minimum", "article": "Pasal 88E ayat (2) UU 13/2003 jo UU 6/2023",
           "facts": "40 pekerja dibayar di bawah UMK", "order": "Membayar upah sesuai UMK", "workers_affected": "40"}
RESULT = ROOT / "bench" / "results" / "web_act.md"
MARKER = "<!-- notes below are kept when the script rewrites the numbers above -->"


# --- the servers (each run as `web_act.py --serve app|floor PORT` in a process of its own) -----------------------

def floor_app():
    """The floor: a bare FastAPI handler that reads the same form post and does one INSERT and one UPDATE in one
    transaction on the same SQLite file, through the same engine settings; no session, no CSRF, no checks."""
    from fastapi import FastAPI, Request
    from fastapi.responses import RedirectResponse
    from sqlalchemy import text

    from wasnaker.db import make_engine
    from wasnaker.settings import get_settings

    engine = make_engine(get_settings().db_url)
    with engine.begin() as conn:
        conn.exec_driver_sql("CREATE TABLE IF NOT EXISTS bench_floor_case (number TEXT PRIMARY KEY, version INT)")
        conn.exec_driver_sql("CREATE TABLE IF NOT EXISTS bench_floor_event (id INTEGER PRIMARY KEY, number TEXT, "
                             "payload TEXT)")
    app = FastAPI()

    @app.post("/floor/{number:path}")
    async def act(request: Request, number: str):
        form = {k: v for k, v in (await request.form()).items() if isinstance(v, str)}
        with engine.begin() as conn:
            conn.execute(text("INSERT INTO bench_floor_event (number, payload) VALUES (:n, :p)"),
                         {"n": number, "p": json.dumps(form)})
            conn.execute(text("INSERT INTO bench_floor_case (number, version) VALUES (:n, 1) ON CONFLICT(number) DO "
                              "UPDATE SET version = version + 1"), {"n": number})
        return RedirectResponse(f"/perkara/{number}", status_code=303)

    return app


def serve(kind: str, port: int) -> None:
    import uvicorn

    if kind == "app":
        uvicorn.run("wasnaker.web.app:app", host="127.0.0.1", port=port, log_level="warning")
    else:
        uvicorn.run(floor_app(), host="127.0.0.1", port=port, log_level="warning")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(kind: str, env: dict) -> tuple[subprocess.Popen, str]:
    import httpx

    port = free_port()
    proc = subprocess.Popen([sys.executable, __file__, "--serve", kind, str(port)], env=env)
    base = f"http://127.0.0.1:{port}"
    for _ in range(600):
        try:
            httpx.get(base + "/health" if kind == "app" else base + "/docs", timeout=1)
            return proc, base
        except httpx.TransportError:
            time.sleep(0.05)
    proc.kill()
    raise RuntimeError(f"{kind} server did not start")


# --- the database the app serves ----------------------------------------------------------------------------------

def prepare(rt, now, findings: int, notas: int) -> tuple[list[str], list[str]]:
    """`wasnaker init` through the application layer, a company, sign-ins for the officers; `notas` cases ready
    for a Nota I (their earlier letters rendered, as the CLI leaves them) and `findings` cases in `inspecting`."""
    from wasnaker import clock
    from wasnaker.application import accounts, acts, documents, reference

    reference.init_database(rt)
    reference.add_company(rt, name="PT Sinar Tekstil Nusantara", nib=NIB)
    for name in ("dewi", "budi", "hendra", "rahmat"):
        accounts.add_user(rt, name, PASSWORD, by="bench", now=now)
    on = clock.local_date(now, "Asia/Jakarta")

    def act(trigger, actor, number=None, **data):
        return acts.record(rt, trigger=trigger, actor=actor, on=on, now=now, case_number=number, data=data)

    def inspecting() -> str:
        number = act("file_complaint", "dewi", company_nib=NIB, complainant_name="Serikat Pekerja Tekstil",
                     summary="Upah di bawah UMK")["case_number"]
        act("verify_complaint", "dewi", number)
        act("assign_inspectors", "hendra", number, inspectors=["budi"])
        act("sign_spt", "rahmat", number, period_start=on.isoformat(), period_end=on.isoformat())
        return number

    nota_cases = []
    for _ in range(notas):
        number = inspecting()
        act("record_finding", "budi", number, **{**FINDING, "workers_affected": 40})
        act("record_inspection", "budi", number, inspection_date=on.isoformat())
        documents.render_pending(rt, now, number)
        nota_cases.append(number)
    return [inspecting() for _ in range(findings)], nota_cases


def signed_in(client, base: str, username: str) -> str:
    """Signs the client in (its cookie kept) and returns the session's CSRF token, read from a page's form."""
    answer = client.post(base + "/masuk", data={"username": username, "password": PASSWORD})
    assert answer.status_code == 303, answer.text
    page = client.get(base + "/perkara")
    return re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)


def version_of(client, base: str, number: str, trigger: str) -> str:
    form = client.get(f"{base}/perkara/{number}/aksi/{trigger}")
    assert form.status_code == 200, form.text
    return re.search(r'name="expected_version" value="(\d+)"', form.text).group(1)


def timed_post(client, url: str, data: dict) -> float:
    started = time.perf_counter()
    answer = client.post(url, data=data)
    took = time.perf_counter() - started
    assert answer.status_code == 303, (url, answer.status_code, answer.text[:2000])
    return took


# --- the measurements ---------------------------------------------------------------------------------------------

def measure_findings(client, app_base, floor_base, token, cases: list[str], warmup: int) -> dict[str, list[float]]:
    times: dict[str, list[float]] = {"app": [], "floor": []}
    for i, number in enumerate(cases):
        data = {"csrf_token": token, "expected_version": version_of(client, app_base, number, "record_finding"),
                **FINDING}
        app = timed_post(client, f"{app_base}/perkara/{number}/aksi/record_finding", data)
        floor = timed_post(client, f"{floor_base}/floor/{number}", data)
        if i >= warmup:
            times["app"].append(app)
            times["floor"].append(floor)
    return times


def measure_notas(client, base, token, cases: list[str]) -> list[tuple[float, float]]:
    """(answer s, answer until the case page links the Nota I's PDF s) for each case, one after the other."""
    out = []
    for number in cases:
        page = f"{base}/perkara/{number}"
        before = len(re.findall(r"/dokumen/\d+\.pdf", client.get(page).text))
        data = {"csrf_token": token, "expected_version": version_of(client, base, number, "issue_nota_1"),
                "deadline_days": "14"}
        started = time.perf_counter()
        answer = timed_post(client, f"{page}/aksi/issue_nota_1", data)
        while len(re.findall(r"/dokumen/\d+\.pdf", client.get(page).text)) <= before:
            if time.perf_counter() - started > 120:
                raise RuntimeError(f"no PDF for {number} after 120 s")
            time.sleep(0.05)
        out.append((answer, time.perf_counter() - started))
    return out


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def row(name: str, values: list[float]) -> str:
    ms = [v * 1000 for v in values]
    return (f"| {name} | {len(ms)} | {statistics.median(ms):.1f} | {pct(ms, 95):.1f} | {pct(ms, 99):.1f} | "
            f"{max(ms):.1f} |")


def report(args, times, notas, started) -> str:
    machine = f"{os.cpu_count()} cores, Python {sys.version.split()[0]}"
    lines = ["# An officer's act over HTTP", "",
             f"Command: `.venv/bin/python bench/web_act.py --acts {args.acts} --notas {args.notas}` "
             f"({started:%Y-%m-%d}, {machine}; uvicorn, one worker, embedded SQLite under a temporary "
             "WASNAKER_HOME; client httpx in its own process, one request at a time, keep-alive).", "",
             f"`record_finding` on {len(times['app'])} cases in `inspecting` (after {args.warmup} unmeasured), "
             "each POST timed from send to its 303; app and floor posted to in turn. Target: p95 < 100 ms.", "",
             "| What | n | p50 ms | p95 ms | p99 ms | max ms |", "|---|---|---|---|---|---|",
             row("app: POST /perkara/{n}/aksi/record_finding (session, CSRF, checks, act, event)", times["app"]),
             row("floor: bare FastAPI handler, same form, one INSERT + one UPDATE, same SQLite settings",
                 times["floor"]),
             "", f"`issue_nota_1` on {len(notas)} cases, one after the other (the first renders in a cold worker: "
             "WeasyPrint imported there then):", "",
             "| # | answer ms | answer until the case page links the PDF s |", "|---|---|---|"]
    lines += [f"| {i} | {a * 1000:.1f} | {p:.2f} |" for i, (a, p) in enumerate(notas, 1)]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--acts", type=int, default=300)
    parser.add_argument("--warmup", type=int, default=10)
    parser.add_argument("--notas", type=int, default=5)
    parser.add_argument("--serve", nargs=2, metavar=("KIND", "PORT"))
    parser.add_argument("--keep", action="store_true", help="print the temporary home and leave it")
    args = parser.parse_args()
    if args.serve:
        return serve(args.serve[0], int(args.serve[1]))

    import httpx

    from wasnaker import clock
    from wasnaker.runtime import get_runtime

    home = tempfile.mkdtemp(prefix="wasnaker-webact-")
    os.environ["WASNAKER_HOME"] = home
    for name in ("WASNAKER_DATABASE_URL", "PREFECT_API_URL", "WASNAKER_PREFECT_API_URL", "WASNAKER_SMTP_HOST"):
        os.environ.pop(name, None)
    started = clock.now()
    t0 = time.perf_counter()
    cases, nota_cases = prepare(get_runtime(), started - timedelta(minutes=5), args.acts + args.warmup, args.notas)
    print(f"prepared {len(cases)} + {len(nota_cases)} cases in {time.perf_counter() - t0:.1f} s", file=sys.stderr)
    servers = [start("app", dict(os.environ)), start("floor", dict(os.environ))]
    try:
        (_, app_base), (_, floor_base) = servers
        with httpx.Client(follow_redirects=False, timeout=60) as client:
            token = signed_in(client, app_base, "budi")
            times = measure_findings(client, app_base, floor_base, token, cases, args.warmup)
            notas = measure_notas(client, app_base, token, nota_cases)
    finally:
        for proc, _ in servers:
            proc.terminate()
            proc.wait(10)
    text = report(args, times, notas, started)
    kept = RESULT.read_text().split(MARKER, 1)[1] if RESULT.exists() and MARKER in RESULT.read_text() else "\n"
    RESULT.write_text(text + "\n" + MARKER + kept)
    print(text)
    if args.keep:
        print(f"home: {home}", file=sys.stderr)


if __name__ == "__main__":
    main()
