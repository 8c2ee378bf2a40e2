"""Documents issued through the flows on a Prefect work pool against the bare-render floor (issue #14 part 4).

One run of this script, on PostgreSQL (a fresh database on the local server, dropped afterwards):

1. `--docs` complaints filed through the door, each reserving its receipt letter (`complaint_receipt`), none
   rendered: N pending documents.
2. **Floor**: the same documents (their kind and context, read from the database) rendered by two plain
   processes, each its half, with a warm renderer (one letter rendered before the clock starts), no Prefect, no
   database, nothing stored: the wall time of the slower of the two. Measured before and after the flows, the mean
   of the two is the floor. A stricter floor beside it: the same two processes taking the next letter from one
   shared counter (neither waits for the other at the end, nor loses time when the machine favours the other).
3. **Flows**: a Prefect server (SQLite, as `wasnaker up`) with the deployments on a process work pool and two
   `prefect worker start` processes (`supervisor.bring_up` with `workers=2`, on a temp home, its own port); the
   clock starts as the first of `--runs` runs of `render-documents` is created and stops when the database shows
   every document issued (polled every 0.1 s). Each run claims batches of `--batch` documents, renders them in one
   task with its warm renderer, stores and seals each.

Peak RSS (VmHWM) of the server, each worker and every flow-run subprocess (sampled every 0.1 s from /proc),
and of each floor process.

    .venv/bin/python bench/throughput.py [--docs 400] [--runs 2] [--batch 16] [--label "..."]

Appends its table to bench/results/throughput.md."""

import argparse
import multiprocessing
import os
import shutil
import statistics
import sys
import tempfile
import threading
import time
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.conftest import _drop_pg, _pg_database, seed_reference  # noqa: E402
from tests.helpers import COMPLAINT, act  # noqa: E402
from tests.prefect_server import free_port  # noqa: E402

RESULTS = ROOT / "bench" / "results" / "throughput.md"
ON = "2026-03-02"
DRAIN = "render-documents/render-documents"


def reserve(engine, n: int) -> list[tuple[str, dict]]:
    """`n` complaints through the door; the (kind, context) of each receipt letter they reserved."""
    from sqlmodel import select

    from models import Document
    from wasnaker.db import session_scope

    for _ in range(n):
        act(engine, "file_complaint", "dewi", ON, **COMPLAINT)
    with session_scope(engine) as s:
        return [(d.kind, d.context) for d in s.exec(select(Document).where(Document.status == "reserved"))]


# -- the floor --------------------------------------------------------------------------------------------------


def _peak_kib(pid: int | str = "self") -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def _render_half(jobs, start, results) -> None:
    from wasnaker.adapters.rendering import PdfRenderer

    renderer = PdfRenderer()
    renderer.render(*jobs[0])  # warm: fonts, templates, layout caches
    start.wait()
    began = time.perf_counter()
    for kind, context in jobs:
        renderer.render(kind, context)
    results.put((time.perf_counter() - began, _peak_kib()))


def _render_shared(jobs, taken, start, results) -> None:
    from wasnaker.adapters.rendering import PdfRenderer

    renderer = PdfRenderer()
    renderer.render(*jobs[0])
    start.wait()
    began = time.perf_counter()
    while True:
        with taken.get_lock():
            i, taken.value = taken.value, taken.value + 1
        if i >= len(jobs):
            break
        renderer.render(*jobs[i])
    results.put((time.perf_counter() - began, _peak_kib()))


def floor(jobs: list[tuple[str, dict]], shared: bool = False) -> tuple[float, list[int]]:
    """Wall seconds of the slower of two processes each rendering half (`shared`: each taking the next letter
    from one counter, so neither waits for the other at the end); their peak RSS (KiB)."""
    ctx = multiprocessing.get_context("spawn")
    start, results = ctx.Barrier(3), ctx.Queue()
    if shared:
        taken = ctx.Value("i", 0)
        procs = [ctx.Process(target=_render_shared, args=(jobs, taken, start, results)) for _ in range(2)]
    else:
        procs = [ctx.Process(target=_render_half, args=(jobs[i::2], start, results)) for i in range(2)]
    for p in procs:
        p.start()
    start.wait()
    outcome = [results.get() for _ in procs]
    for p in procs:
        p.join()
    return max(seconds for seconds, _ in outcome), [kib for _, kib in outcome]


# -- through the flows ------------------------------------------------------------------------------------------


class PeakWatch(threading.Thread):
    """VmHWM of every process under the given ones (the flow-run subprocesses come and go), every 0.1 s."""

    def __init__(self, roots: dict[str, int]):
        super().__init__(daemon=True)
        self.roots, self.peaks, self.done = roots, {}, threading.Event()

    def _children(self, pid: int) -> list[int]:
        try:
            tasks = Path(f"/proc/{pid}/task").iterdir()
            return [int(c) for t in tasks for c in (t / "children").read_text().split()]
        except OSError:
            return []

    def run(self) -> None:
        while not self.done.wait(0.1):
            for name, pid in self.roots.items():
                self.peaks[name] = max(self.peaks.get(name, 0), _peak_kib(pid))
                for child in self._children(pid):
                    key = f"{name} flow run {child}"
                    self.peaks[key] = max(self.peaks.get(key, 0), _peak_kib(child))


def issued_count(engine) -> int:
    from sqlalchemy import text

    with engine.connect() as conn:
        return conn.execute(text("SELECT count(*) FROM document WHERE status = 'issued'")).scalar()


@contextmanager
def running_pool(url: str, warm: bool):
    """`wasnaker up`'s work-pool mode on a temp home (`supervisor.bring_up`, workers=2): its processes and API URL.
    `warm`: one render-documents run on the empty queue first, as in a system that has run flows before (the
    workers' bytecode cache filled: supervisor.bytecode_env)."""
    from prefect.deployments import run_deployment
    from prefect.settings import PREFECT_API_URL, temporary_settings

    from wasnaker import supervisor
    from wasnaker.settings import Settings

    home = Path(tempfile.mkdtemp(prefix="wasnaker-throughput-"))
    settings = Settings(home=home, prefect_port=free_port(), database_url=url, workers=2)
    env = {"WASNAKER_DATABASE_URL": url, "WASNAKER_HOME": str(home)}
    processes = supervisor.bring_up(settings, home / "logs", env_extra=env, wait_for=(DRAIN,))
    try:
        with temporary_settings({PREFECT_API_URL: supervisor.server_env(settings)["PREFECT_API_URL"]}):
            if warm:
                run_deployment(DRAIN, timeout=300)
            yield processes
    finally:
        supervisor.stop(list(reversed(processes)))
        shutil.rmtree(home, ignore_errors=True)  # the letters, the Prefect database, the bytecode cache


def through_flows(processes, engine, n: int, runs: int, batch: int) -> tuple[float, dict[str, int], float]:
    """Seconds from the first run created to the last document issued; peak RSS per process; seconds from the
    first run created to the first document issued (process start and the first render)."""
    from prefect.deployments import run_deployment

    watch = PeakWatch({"server": processes[0].pid, "worker 1": processes[1].pid, "worker 2": processes[2].pid})
    watch.start()
    try:
        began = time.perf_counter()
        for _ in range(runs):
            run_deployment(DRAIN, parameters={"batch": batch}, timeout=0)
        first = None
        while (done := issued_count(engine)) < n:
            if done and first is None:
                first = time.perf_counter() - began
            time.sleep(0.1)
        seconds = time.perf_counter() - began
    finally:
        watch.done.set()
        watch.join()
    return seconds, watch.peaks, first or seconds


def verify(engine, n: int) -> str:
    """Every document issued once, sealed once, its PDF's sha256 recorded."""
    from sqlalchemy import text

    with engine.connect() as conn:
        issued = conn.execute(text("SELECT count(*) FROM document WHERE status = 'issued' AND sha256 IS NOT NULL"))
        seals = conn.execute(text("SELECT count(*), count(DISTINCT document_id) FROM document_seal"))
        issued, (sealed, distinct) = issued.scalar(), seals.one()
    assert issued == n and sealed == distinct == n, (issued, sealed, distinct)
    return f"{issued} issued, {sealed} seals ({distinct} distinct documents)"


# -- report -----------------------------------------------------------------------------------------------------


def measure(n: int, runs: int, batch: int, warm: bool) -> dict:
    from wasnaker.db import init_db, make_engine

    name, url = _pg_database()
    engine = make_engine(url)
    try:
        init_db(engine)
        seed_reference(engine)
        with running_pool(url, warm) as processes:  # the floor is measured beside the same idle system
            began = time.perf_counter()
            jobs = reserve(engine, n)
            reserving = time.perf_counter() - began
            floor_before, floor_rss = floor(jobs)
            shared_before, _ = floor(jobs, shared=True)
            flows, peaks, first = through_flows(processes, engine, n, runs, batch)
            shared_after, _ = floor(jobs, shared=True)
            floor_after, _ = floor(jobs)
        return {"n": len(jobs), "runs": runs, "batch": batch, "reserve_s": reserving, "floor": [floor_before,
                floor_after], "shared": [shared_before, shared_after], "floor_rss": floor_rss, "flows": flows,
                "first": first, "peaks": peaks,
                "check": verify(engine, len(jobs)), "load": os.getloadavg()[0], "warm": warm}
    finally:
        engine.dispose()
        _drop_pg(name)


def shared_rows(m: dict, flow_rate: float) -> list[str]:
    """The stricter floor: the same two processes taking the next letter from one counter."""
    if "shared" not in m:
        return []
    rate = m["n"] / statistics.mean(m["shared"])
    return [f"| floor, stricter: 2 plain processes taking the next letter from one counter (before / after) | "
            f"{m['shared'][0]:.1f} / {m['shared'][1]:.1f} | {rate:.1f} |",
            f"| **ratio to the stricter floor** | | **{flow_rate / rate:.2f}** |"]


def report(m: dict, label: str, command: str) -> str:
    floor_s = statistics.mean(m["floor"])
    floor_rate, flow_rate = m["n"] / floor_s, m["n"] / m["flows"]
    mib = {k: v / 1024 for k, v in m["peaks"].items()}
    runs = sorted(v for k, v in mib.items() if "flow run" in k)
    lines = [f"## {label} ({datetime.now(UTC):%Y-%m-%d %H:%M} UTC)", "", f"Command: `{command}`", "",
             f"{m['n']} complaint receipts reserved through the door ({m['reserve_s']:.1f} s), PostgreSQL; "
             f"{m['runs']} `render-documents` runs, batches of {m['batch']}; {m['check']}. "
             + ("Warm: one render-documents run on the empty queue before (the workers' bytecode cached). "
                if m["warm"] else "Cold: the first flow runs of the system. ")
             + f"Load average at the end: {m['load']:.1f} (2 cores).", "",
             "| | seconds | docs/s |", "|---|---|---|",
             f"| floor: 2 plain processes, warm renderer (before / after the flows) | {m['floor'][0]:.1f} / "
             f"{m['floor'][1]:.1f} (mean {floor_s:.1f}) | {floor_rate:.1f} |",
             f"| through the flows: work pool, 2 process workers, first run created to last document issued | "
             f"{m['flows']:.1f} (first document issued after {m['first']:.1f}) | {flow_rate:.1f} |",
             f"| **ratio** | | **{flow_rate / floor_rate:.2f}** |", *shared_rows(m, flow_rate), "",
             "Peak RSS (VmHWM, MiB): " + ", ".join(f"{k} {v:.0f}" for k, v in mib.items() if "flow run" not in k)
             + f"; flow-run subprocesses ({len(runs)}): " + ", ".join(f"{v:.0f}" for v in runs)
             + "; floor processes: " + ", ".join(f"{v / 1024:.0f}" for v in m["floor_rss"]) + ".", ""]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--docs", type=int, default=400)
    parser.add_argument("--runs", type=int, default=2, help="render-documents runs created at once")
    parser.add_argument("--batch", type=int, default=16, help="documents per task")
    parser.add_argument("--cold", action="store_true", help="no warm-up run: the first flow runs compile the bytecode")
    parser.add_argument("--label", default="this version")
    args = parser.parse_args()
    command = (f".venv/bin/python bench/throughput.py --docs {args.docs} --runs {args.runs} --batch {args.batch}"
               + " --cold" * args.cold)
    text = report(measure(args.docs, args.runs, args.batch, not args.cold), args.label, command)
    if not RESULTS.exists():
        RESULTS.write_text("# Documents through the flows against the render floor (issue #14 part 4)\n\n")
    with RESULTS.open("a") as out:
        out.write(text)
    print(text)


if __name__ == "__main__":
    main()
