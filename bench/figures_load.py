"""A PostgreSQL database of N cases (default 100,000) in mixed states, for timing the coordinators' figures
(issue #13, bench/figures_time.py) and the sweep's queries at a country's scale (issue #14, bench/scale.py).

    .venv/bin/python bench/figures_load.py [--cases 100000] [--companies 20000] [--offices 8] [--due N]
                                           [--db wasnaker_figures] [--seed 13] [--today 2026-11-30]

Creates the database `--db` afresh on 127.0.0.1:5432 (dropping one of that name), migrates it with the project's
migrations (wasnaker.db.init_db), then loads it with PostgreSQL COPY (psycopg), streaming: cases are generated and
copied `--chunk` at a time (companies as a generator), so memory stays bounded at a million cases. `--offices`
offices (WIB, WITA and WIT in the ratio 5:2:1), each with a head, a kadis, a desk officer, 8 inspectors and 3 PPNS,
one coordinator; `--companies` companies; cases whose histories walk the lifecycle
table (wasnaker.domain.lifecycle: every event's from_state, trigger and to_state is a row of it, checked here) over
~2 years before `--today`, with the assigned officers, the timers those rows open and close (running, closed,
expired; the running ones due soon or later), the documents they issue with numbers, and one notice per letter to
an outside party (served, on its way — the radar's letters not yet served — or bounced / failing / retrying).

The audit chain of every case is hashed as wasnaker.services.chain does (wasnaker.domain.audit_chain). The events'
data are empty (the figures never read them) and the documents have no PDF and no seal: `wasnaker audit verify`
checks the event chains but the bench database is not a model of issued letters.

`--due N`: exactly N timers are running and due at the bench clock (midnight UTC of `--today`; fewer when the
histories left fewer overdue), every other overdue one expired (the sweep handled it). Without it, 80 % of the
overdue timers are expired and the rest wait for the next sweep.

Prints the row counts and the load time; the database is left for the timing script.
"""

import argparse
import itertools
import json
import random
import sys
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import psycopg  # noqa: E402

from wasnaker.domain import audit_chain, lifecycle  # noqa: E402
from wasnaker.domain.policy import DEFAULT_POLICY  # noqa: E402
from wasnaker.domain.vocabulary import Role, State  # noqa: E402

SERVER = "postgresql://postgres@127.0.0.1:5432"
STAFF = ((Role.head, 1), (Role.kadis, 1), (Role.desk, 1), (Role.inspector, 8), (Role.ppns, 3))
SPAN_DAYS = 730
STOP = "-"  # the case stays where it is (an open case in that state)

# The next move out of each state, weighted; STOP leaves the case there. Every pair is checked against the table.
MOVES: dict[State | None, tuple[tuple[str, int], ...]] = {
    None: (("file_complaint", 6), ("plan_inspection", 4)),
    State.complaint_received: (("verify_complaint", 90), ("withdraw_complaint", 5), (STOP, 5)),
    State.under_verification: (("assign_inspectors", 80), ("refer_to_mediation", 4), ("close_out_of_jurisdiction", 3),
                               ("close_unreachable", 3), ("withdraw_complaint", 3), (STOP, 7)),
    State.planned: (("assign_inspectors", 93), (STOP, 7)),
    State.assigned: (("sign_spt", 92), ("withdraw_complaint", 2), (STOP, 6)),
    State.inspecting: (("issue_nota_1", 45), ("record_compliance", 20), ("close_not_proven", 10),
                       ("issue_penetapan", 8), ("report_incident", 4), (STOP, 13)),
    State.nota_1: (("record_compliance", 50), ("issue_nota_2", 35), (STOP, 15)),
    State.nota_2: (("record_compliance", 40), ("recommend_sanction", 20), ("report_incident", 20), (STOP, 20)),
    State.penetapan: (("record_payment", 60), ("recommend_sanction", 10), ("report_incident", 10), (STOP, 20)),
    State.sanction_recommended: (("record_sanction_decision", 80), (STOP, 20)),
    State.incident_report: (("start_investigation", 60), ("open_tipiring", 25), (STOP, 15)),
    State.tipiring: (("record_court_verdict", 80), (STOP, 20)),
    State.investigation: (("submit_file", 55), ("terminate_investigation", 10), ("start_restorative_justice", 10),
                          (STOP, 25)),
    State.file_at_prosecutor: (("receive_p21", 55), ("receive_p19", 30), ("deem_file_complete", 5), (STOP, 10)),
    State.file_returned: (("resubmit_file", 80), (STOP, 20)),
    State.file_complete: (("hand_over", 85), ("lapse_tahap_2", 3), (STOP, 12)),
    State.handed_over: (("close_case", 85), (STOP, 15)),
    State.restorative_justice: (("record_rj_fulfilment", 70), ("record_rj_breach", 10), (STOP, 20)),
    State.investigation_terminated: (("notify_sp3", 85), (STOP, 15)),
}
# Acts that keep the state, done on entering it (each with its probability), before the next move.
ACTS: dict[State, tuple[tuple[str, float], ...]] = {
    State.inspecting: (("record_inspection", 1.0), ("record_finding", 0.6)),
    State.nota_1: (("record_receipt", 0.85), ("record_recheck", 0.7)),
    State.nota_2: (("record_receipt", 0.85), ("record_recheck", 0.7)),
    State.penetapan: (("record_receipt", 0.85),),
    State.file_at_prosecutor: (("record_receipt", 0.8),),
    State.tipiring: (("file_tipiring_to_court", 0.8),),
    State.investigation: (("send_spdp", 0.9), ("summon", 0.6), ("record_bap", 0.5)),
}
OUTSIDE = {"complaint_receipt": "complainant", "nota_1": "company", "nota_2": "company", "penetapan": "company",
           "sanction_recommendation": "licensing", "spdp": "prosecutor", "summons": "company",
           "tahap_1_cover": "prosecutor", "sp3": "prosecutor", "tipiring_referral": "court"}
ROLE_ORDER = (Role.inspector, Role.ppns, Role.head, Role.desk, Role.kadis, Role.system)
TABLES = ("case", "caseevent", "caseofficer", "timer", "document", "notice")


def _check_tables() -> None:
    for state, moves in MOVES.items():
        for trigger, _ in moves:
            assert trigger == STOP or lifecycle.find(state, trigger), (state, trigger)
    for state, acts in ACTS.items():
        for trigger, _ in acts:
            row = lifecycle.find(state, trigger)
            assert row and not row.moves, (state, trigger)


@dataclass
class Ids:
    """Next id per table (the loader assigns ids, then moves the sequences past them)."""

    n: dict = field(default_factory=dict)

    def next(self, table: str) -> int:
        self.n[table] = self.n.get(table, 0) + 1
        return self.n[table]


@dataclass
class World:
    today: date
    rng: random.Random
    offices: list[dict]
    staff: dict  # office id -> role -> [officer rows]
    companies: int
    ids: Ids = field(default_factory=Ids)
    rows: dict = field(default_factory=lambda: {t: [] for t in TABLES})  # the chunk being generated
    counters: dict = field(default_factory=dict)  # (office, kind, year) -> last seq
    counts: dict = field(default_factory=lambda: {t: 0 for t in TABLES})  # rows copied so far
    states: dict = field(default_factory=dict)  # state -> cases

    def flush(self) -> dict:
        """The chunk's rows, handed over to be copied; the world starts an empty chunk."""
        rows, self.rows = self.rows, {t: [] for t in TABLES}
        for table, chunk in rows.items():
            self.counts[table] += len(chunk)
        for case in rows["case"]:
            self.states[case["state"]] = self.states.get(case["state"], 0) + 1
        return rows


@dataclass
class Walk:
    """One case on its way through the table."""

    case: dict
    office: dict
    team: dict  # role -> usernames acting on this case
    on: date
    state: State | None = None
    head: str = audit_chain.GENESIS
    open_timers: dict = field(default_factory=dict)  # kind -> timer row


# --- reference rows -------------------------------------------------------------------------------------------------

def _offices(n: int) -> list[dict]:
    zones = ("Asia/Jakarta",) * 5 + ("Asia/Makassar",) * 2 + ("Asia/Jayapura",)
    return [{"id": i + 1, "code": f"UPTD-WIL.{i + 1}", "name": f"UPTD Pengawasan Ketenagakerjaan Wilayah {i + 1}",
             "province": f"Provinsi {i + 1}", "timezone": zones[i % len(zones)]} for i in range(n)]


def _staff(offices: list[dict]) -> tuple[list[dict], dict]:
    rows, by_office, n = [], {}, 0
    for office in offices:
        by_office[office["id"]] = {}
        for role, count in STAFF:
            for k in range(count):
                n += 1
                row = {"id": n, "office_id": office["id"], "username": f"{role.value}{office['id']}{k + 1}",
                       "name": f"{role.value.title()} {office['id']}-{k + 1}", "nip": f"{198000000000000000 + n}",
                       "role": role.value, "is_ppns": role == Role.ppns, "email": f"o{n}@disnaker.example"}
                rows.append(row)
                by_office[office["id"]].setdefault(role, []).append(row)
    rows.append({"id": n + 1, "office_id": offices[0]["id"], "username": "koordinator", "name": "Koordinator Wasnaker",
                 "nip": f"{198000000000000000 + n + 1}", "role": Role.coordinator.value, "email": "k@disnaker.example"})
    return rows, by_office


def _companies(n: int) -> Iterator[dict]:
    return ({"id": i + 1, "name": f"PT Usaha Bench {i + 1:05d}", "nib": f"{9100000000000 + i}",
             "address": f"Jalan Industri {i % 300 + 1}", "email": f"c{i + 1}@perusahaan.example"}
            for i in range(n))


# --- one case's history -----------------------------------------------------------------------------------------

def _actor(w: World, walk: Walk, row: lifecycle.Transition) -> tuple[str, str]:
    for role in ROLE_ORDER:
        if role in row.roles:
            if role == Role.system:
                return "system", role.value
            pool = walk.team.get(role) or [o["username"] for o in w.staff[walk.office["id"]][role]]
            return w.rng.choice(pool), role.value
    raise AssertionError(row.trigger)


def _event(w: World, walk: Walk, row: lifecycle.Transition) -> int:
    actor, role = _actor(w, walk, row)
    at = datetime(walk.on.year, walk.on.month, walk.on.day, 2, 0, tzinfo=UTC) + timedelta(seconds=w.ids.n.get(
        "caseevent", 0) % 20000)
    content = audit_chain.event_content(case=walk.case["number"], at=at, on_date=walk.on, actor=actor, role=role,
                                        trigger=row.trigger, from_state=walk.state and walk.state.value,
                                        to_state=row.target.value, data={}, channel="web")
    digest = audit_chain.link_hash(content, walk.head)
    event_id = w.ids.next("caseevent")
    w.rows["caseevent"].append({"id": event_id, "case_id": walk.case["id"], "at": at, "on_date": walk.on,
                                "actor": actor, "role": role, "trigger": row.trigger,
                                "from_state": walk.state and walk.state.value, "to_state": row.target.value,
                                "data": {}, "channel": "web", "prev_hash": walk.head, "hash": digest})
    walk.head = digest
    return event_id


def _expires(due: date) -> datetime:
    return datetime(due.year, due.month, due.day, 17, 0, tzinfo=UTC)  # the end of the due day, WIB


def _timers(w: World, walk: Walk, row: lifecycle.Transition, doc_id: int | None) -> None:
    closing = row.closes if row.target != State.closed else tuple(walk.open_timers)
    for kind in closing:
        if timer := walk.open_timers.pop(str(kind), None):
            timer.update(status="closed", closed_on=walk.on)
    for opened in row.opens:
        rule = DEFAULT_POLICY.rule(opened.kind)
        due = walk.on + timedelta(days=rule.length)
        timer = {"id": w.ids.next("timer"), "case_id": walk.case["id"], "kind": opened.kind.value, "status": "running",
                 "length": rule.length, "unit": rule.unit, "roll_forward": rule.roll_forward, "rule_text": rule.label,
                 "start_date": walk.on, "due_date": due, "expires_at": _expires(due), "document_id": doc_id,
                 "opened_on": walk.on, "history": []}
        w.rows["timer"].append(timer)
        walk.open_timers[opened.kind.value] = timer


def _number(w: World, office: dict, kind: str, on: date) -> tuple[str, int]:
    key = (office["id"], kind, on.year)
    w.counters[key] = seq = w.counters.get(key, 0) + 1
    return f"{kind.upper()}/{seq:05d}/{office['code']}/{on.year}", seq


def _notice(w: World, walk: Walk, doc: dict, at: datetime) -> None:
    age = (w.today - doc["doc_date"]).days
    roll = w.rng.random()
    if roll < 0.01:
        status = w.rng.choice(("bounced", "failed", "retrying"))
    elif age > 30 or roll < 0.5:
        status = "served"
    else:
        status = w.rng.choice(("sent", "awaiting_service"))
    served = status == "served"
    w.rows["notice"].append({
        "id": w.ids.next("notice"), "key": f"doc:{doc['id']}", "case_id": walk.case["id"],
        "audience": OUTSIDE[doc["kind"]], "recipient": f"penerima{walk.case['id']}@contoh.example",
        "recipient_name": "Penerima", "channel": "hand" if status == "awaiting_service" else "email",
        "subject": f"{doc['kind']} [{walk.case['number']}]", "document_id": doc["id"],
        "status": "sent" if served else status,  # a served e-mail stays sent (services/receipts.serve)
        "sent_at": at if status in ("sent", "served") else None,
        "attempts": 3 if status in ("failed", "retrying") else 1,
        "last_error": "550 mailbox unavailable" if status in ("bounced", "failed", "retrying") else "",
        "served_on": doc["doc_date"] + timedelta(days=2) if served else None,
        "service_method": "email" if served else "", "created_at": at})


def _documents(w: World, walk: Walk, row: lifecycle.Transition, event_id: int) -> int | None:
    first = None
    for kind in row.documents:
        number, seq = _number(w, walk.office, kind.value, walk.on)
        doc = {"id": w.ids.next("document"), "case_id": walk.case["id"], "office_id": walk.office["id"],
               "kind": kind.value, "status": "issued", "number": number, "seq": seq, "year": walk.on.year,
               "doc_date": walk.on, "context": {}, "event_id": event_id}
        w.rows["document"].append(doc)
        first = first or doc["id"]
        if kind.value in OUTSIDE:
            _notice(w, walk, doc, w.rows["caseevent"][-1]["at"])
    return first


def _team(w: World, walk: Walk, trigger: str) -> None:
    staff = w.staff[walk.office["id"]]
    if trigger == "assign_inspectors":
        walk.team[Role.inspector] = [o["username"] for o in w.rng.sample(staff[Role.inspector], 2)]
        for username in walk.team[Role.inspector]:
            w.rows["caseofficer"].append((walk.case["id"], username))
    elif trigger == "start_investigation" and Role.ppns not in walk.team:
        walk.team[Role.ppns] = [w.rng.choice(staff[Role.ppns])["username"]]
        w.rows["caseofficer"].append((walk.case["id"], walk.team[Role.ppns][0]))


def _do(w: World, walk: Walk, trigger: str) -> None:
    row = lifecycle.find(walk.state, trigger)
    _team(w, walk, trigger)
    event_id = _event(w, walk, row)
    doc_id = _documents(w, walk, row, event_id)
    _timers(w, walk, row, doc_id)
    walk.state = row.target
    if row.target == State.closed:
        reason = lifecycle.close_reason_for(row, {})
        walk.case.update(close_reason=reason and reason.value, closed_on=walk.on)


def _later(w: World, walk: Walk, low: int, high: int) -> bool:
    """Move the case's day on; False when that would pass today (the case waits there)."""
    on = walk.on + timedelta(days=w.rng.randint(low, high))
    if on > w.today:
        return False
    walk.on = on
    return True


def _step(w: World, walk: Walk) -> bool:
    """The state's own acts, then one move; False when the case stays where it is."""
    for trigger, p in ACTS.get(walk.state, ()):
        if w.rng.random() < p and _later(w, walk, 0, 7):
            _do(w, walk, trigger)
    triggers, weights = zip(*MOVES[walk.state], strict=True)
    trigger = w.rng.choices(triggers, weights)[0]
    if trigger == STOP or not _later(w, walk, 1, 30):
        return False
    _do(w, walk, trigger)
    return walk.state != State.closed


def _finish_timers(w: World, walk: Walk) -> None:
    for timer in walk.open_timers.values():
        if timer["expires_at"].date() < w.today and w.rng.random() < 0.8:
            timer["status"] = "expired"  # the sweep marked it; the rest wait for the next sweep


def _case(w: World, n: int, seqs: dict) -> None:
    office = w.offices[n % len(w.offices)]
    opened = w.today - timedelta(days=w.rng.randint(0, SPAN_DAYS))
    seqs[(office["id"], opened.year)] = seq = seqs.get((office["id"], opened.year), 0) + 1
    case = {"id": w.ids.next("case"), "number": f"WAS/{office['code']}/{opened.year}/{seq:05d}",
            "office_id": office["id"], "company_id": w.rng.randint(1, w.companies), "regime": "kuhap_2025",
            "opened_on": opened, "details": {}, "created_at": datetime(opened.year, opened.month, opened.day, 2,
                                                                         tzinfo=UTC)}
    walk = Walk(case, office, {}, opened)
    triggers, weights = zip(*MOVES[None], strict=True)
    first = w.rng.choices(triggers, weights)[0]
    case["origin"] = "complaint" if first == "file_complaint" else "planned"
    _do(w, walk, first)
    while _step(w, walk):
        pass
    _finish_timers(w, walk)
    case["state"] = walk.state.value
    w.rows["case"].append(case)


# --- loading -------------------------------------------------------------------------------------------------------

def _value(v):
    return json.dumps(v) if isinstance(v, dict | list) else v


def _copy(cur, table: str, rows: Iterable[dict], defaults: dict | None = None) -> None:
    rows = iter(rows)
    first = next(rows, None)
    if first is None:
        return
    columns = list({**(defaults or {}), **first})
    with cur.copy(f'COPY "{table}" ({", ".join(columns)}) FROM STDIN') as copy:
        for row in itertools.chain((first,), rows):
            merged = {**(defaults or {}), **row}
            copy.write_row([_value(merged.get(c)) for c in columns])


DEFAULTS = {
    "office": {"parent": "", "city": "", "address": "", "phone": "", "email": "", "closures": [], "settings": {}},
    "officer": {"rank": "", "is_ppns": False, "active": True, "added_by": "bench"},
    "company": {"npwp": "", "province": "", "kbli": "", "workforce": 50, "head_name": "Direktur",
                "head_title": "Pimpinan Perusahaan"},
    "case": {"close_reason": None, "closed_on": None, "version": 0},
    "timer": {"calendar": "", "closed_on": None},
    "document": {"signed_by": "", "template_version": "bench"},
    "notice": {"body": "", "message_id": "", "ack_nonce": "", "claim": ""},
}


def _create(name: str) -> str:
    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    url = f"postgresql+psycopg://postgres@127.0.0.1:5432/{name}"
    from wasnaker.db import init_db, make_engine

    engine = make_engine(url)
    init_db(engine)
    engine.dispose()
    return f"{SERVER}/{name}"


def _reference(conn, offices, officers, companies) -> None:
    with conn.cursor() as cur:
        _copy(cur, "office", offices, DEFAULTS["office"])
        _copy(cur, "officer", officers, DEFAULTS["officer"])
        _copy(cur, "company", companies, DEFAULTS["company"])
    conn.commit()


def _chunk(conn, rows: dict, usernames: dict) -> None:
    """One chunk of cases with everything they own, in one transaction (a chunk's rows refer only to each other
    and to the reference rows)."""
    with conn.cursor() as cur:
        _copy(cur, "case", rows["case"], DEFAULTS["case"])
        _copy(cur, "caseevent", rows["caseevent"])
        _copy(cur, "caseofficer", ({"case_id": c, "officer_id": usernames[u]} for c, u in set(rows["caseofficer"])))
        _copy(cur, "document", rows["document"], DEFAULTS["document"])
        _copy(cur, "timer", rows["timer"], DEFAULTS["timer"])
        _copy(cur, "notice", rows["notice"], DEFAULTS["notice"])
    conn.commit()


def _finish(dsn: str, w: World, due: int | None, clock: datetime) -> int:
    """Sequences, number counters, the spans backfill, the due timers; VACUUM ANALYZE. Returns the timers due."""
    with psycopg.connect(dsn) as conn, conn.cursor() as cur:
        for table in ("office", "officer", "company", "case", "caseevent", "document", "timer", "notice"):
            cur.execute(f"SELECT setval(pg_get_serial_sequence('\"{table}\"', 'id'), "
                        f"(SELECT coalesce(max(id), 1) FROM \"{table}\"))")
        cur.execute("INSERT INTO numbercounter (office_id, kind, year, last) VALUES " + ", ".join(
            f"({o}, '{k}', {y}, {n})" for (o, k, y), n in w.counters.items()))
        if due is not None:  # N overdue timers (a spread of them, by a hash of the id) wait for the sweep
            cur.execute("WITH overdue AS (SELECT id, row_number() OVER (ORDER BY hashtext(id::text), id) AS n"
                        " FROM timer"
                        " WHERE status IN ('running', 'expired') AND expires_at <= %(clock)s)"
                        " UPDATE timer SET status = CASE WHEN overdue.n <= %(due)s THEN 'running' ELSE 'expired' END"
                        " FROM overdue WHERE timer.id = overdue.id", {"clock": clock, "due": due})
        cur.execute("SELECT count(*) FROM timer WHERE status = 'running' AND expires_at <= %s", (clock,))
        running_due = cur.fetchone()[0]
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(_backfill())  # the stays in states, as revision 0006 reads them off an existing trail
        conn.execute("VACUUM ANALYZE")
    return running_due


def _backfill() -> str:
    import importlib.util

    path = next((ROOT / "models" / "migrations" / "versions").glob("0006_*.py"))
    spec = importlib.util.spec_from_file_location("revision_0006", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.BACKFILL


def _versions(rows: dict) -> None:
    counts: dict[int, int] = {}
    for event in rows["caseevent"]:
        counts[event["case_id"]] = counts.get(event["case_id"], 0) + 1
    for case in rows["case"]:
        case["version"] = counts[case["id"]]


def generate(args, dsn: str) -> World:
    """Walk `args.cases` cases, copying them `args.chunk` at a time."""
    _check_tables()
    offices = _offices(args.offices)
    officers, by_office = _staff(offices)
    w = World(args.today, random.Random(args.seed), offices, by_office, args.companies)
    usernames = {o["username"]: o["id"] for o in officers}
    seqs: dict = {}
    with psycopg.connect(dsn) as conn:
        _reference(conn, offices, officers, _companies(args.companies))
        for n in range(args.cases):
            _case(w, n, seqs)
            if len(w.rows["case"]) == args.chunk or n == args.cases - 1:
                rows = w.flush()
                _versions(rows)
                _chunk(conn, rows, usernames)
    return w


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cases", type=int, default=100_000)
    ap.add_argument("--companies", type=int, default=20_000)
    ap.add_argument("--offices", type=int, default=8)
    ap.add_argument("--due", type=int, default=None, help="timers running and due at the bench clock")
    ap.add_argument("--chunk", type=int, default=10_000, help="cases generated and copied at a time")
    ap.add_argument("--db", default="wasnaker_figures")
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--today", type=date.fromisoformat, default=date(2026, 11, 30))
    args = ap.parse_args(argv)
    clock = datetime(args.today.year, args.today.month, args.today.day, tzinfo=UTC)
    started = time.perf_counter()
    dsn = _create(args.db)
    migrated = time.perf_counter()
    w = generate(args, dsn)
    generated = time.perf_counter()
    due = _finish(dsn, w, args.due, clock)
    done = time.perf_counter()
    print(json.dumps({"db": args.db, "offices": args.offices, "companies": args.companies, "rows": w.counts,
                      "states": dict(sorted(w.states.items())), "clock": clock.isoformat(), "timers_due": due,
                      "seconds": {"create_and_migrate": round(migrated - started, 1),
                                  "generate_and_copy": round(generated - migrated, 1),
                                  "finish": round(done - generated, 1), "total": round(done - started, 1)}},
                     indent=1))


if __name__ == "__main__":
    main()
