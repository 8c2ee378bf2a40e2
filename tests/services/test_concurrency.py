"""Two officers, one case: an act decided on a stale view of the case is refused and writes nothing; on SQLite
a second act waits for the first to commit instead of interleaving with it, and no slow work holds the lock."""

import hashlib
import sqlite3
import threading
from datetime import date

import pytest
from sqlmodel import create_engine, select

from tests.conftest import seed_reference
from tests.helpers import NOW, act, fingerprint, to_inspecting
from wasnaker.adapters.rendering import RenderedDocument
from wasnaker.application import acts, documents
from wasnaker.db import make_engine, session_scope
from wasnaker.domain.errors import CaseChanged, InvalidData, TriggerNotAllowed
from wasnaker.runtime import Runtime
from wasnaker.services import repo, transitions
from wasnaker.settings import Settings

# NOW is 03:00 UTC: the officer reads the office's time (WIB)
CHANGED_BY_BUDI = r"case WAS/UPTD-WIL\.I/2026/0001 was changed meanwhile by budi \(issue_nota_1 at 2026-11-23 10:00 " \
                  r"WIB\); reload it and try again"


def _version(engine, number: str) -> int:
    with session_scope(engine) as s:
        return repo.case(s, number).version


def _act_seen_at(engine, number: str, version: int, trigger="record_compliance", actor="sari", **data):
    with session_scope(engine) as s:
        return transitions.apply_trigger(session=s, trigger=trigger, actor=actor, on=NOW.date(), now=NOW,
                                         case_number=number, data=data, expected_version=version)


def test_a_form_showing_an_older_version_is_refused_naming_who_acted_and_writes_nothing(seeded):
    number = to_inspecting(seeded)
    seen = _version(seeded, number)
    act(seeded, "issue_nota_1", "budi", "2026-03-03", number, deadline_days=14)
    before = fingerprint(seeded)
    with pytest.raises(CaseChanged, match=CHANGED_BY_BUDI):
        _act_seen_at(seeded, number, seen)  # record_compliance is allowed from nota_1 too: only the version tells
    assert fingerprint(seeded) == before


def test_the_current_version_is_accepted_and_bumped(seeded):
    number = to_inspecting(seeded)
    seen = _version(seeded, number)
    assert _act_seen_at(seeded, number, seen).to_state == "closed"
    assert _version(seeded, number) == seen + 1


def test_a_version_the_case_never_had_is_refused(seeded):
    number = to_inspecting(seeded)
    before = fingerprint(seeded)
    with pytest.raises(CaseChanged, match=f"is at version {_version(seeded, number)}, not 99; reload it"):
        _act_seen_at(seeded, number, 99)
    with pytest.raises(InvalidData, match="an expected version needs a case"):
        _act_seen_at(seeded, None, 0, trigger="plan_inspection", actor="hendra")
    assert fingerprint(seeded) == before


def _lockless(engine):
    """An engine that takes no lock before the act's UPDATE: the driver's own deferred BEGIN on SQLite (and no
    FOR UPDATE, see the test), so only the version the UPDATE checks stands between two acts."""
    return create_engine(engine.url) if engine.dialect.name == "sqlite" else engine


def test_without_any_lock_the_update_of_a_stale_case_matches_no_row(seeded, monkeypatch):
    number = to_inspecting(seeded)
    unlocked = repo.case_for_act
    monkeypatch.setattr(repo, "case_for_act", lambda s, n, lock=True: unlocked(s, n, lock=False))
    real_facts, seen = transitions.case_facts, {}

    def another_officer_acts_meanwhile(*args):  # after this act read the case, before it writes
        if not seen:
            seen["after"] = None  # the other officer's own act passes through here too
            act(seeded, "issue_nota_1", "budi", "2026-03-03", number, deadline_days=14)
            seen["after"] = fingerprint(seeded)
        return real_facts(*args)

    monkeypatch.setattr(transitions, "case_facts", another_officer_acts_meanwhile)
    lockless = _lockless(seeded)
    with pytest.raises(CaseChanged, match=CHANGED_BY_BUDI):
        act(lockless, "record_compliance", "sari", "2026-03-03", number)
    assert fingerprint(seeded) == seen["after"]


def test_on_sqlite_a_second_engines_act_waits_for_the_first_to_commit(sqlite_engine):
    seed_reference(sqlite_engine)
    number = to_inspecting(sqlite_engine)
    other = make_engine(sqlite_engine.url.render_as_string())  # another process, as far as SQLite can tell
    refused, finished = [], threading.Event()

    def second_officer():
        with pytest.raises(TriggerNotAllowed) as exc:
            act(other, "issue_nota_1", "sari", "2026-03-03", number, deadline_days=14)
        refused.append(str(exc.value))
        finished.set()

    with session_scope(sqlite_engine) as s:
        transitions.apply_trigger(session=s, trigger="issue_nota_1", actor="budi", on=date(2026, 3, 3), now=NOW,
                                  case_number=number, data={"deadline_days": 14})
        racer = threading.Thread(target=second_officer)
        racer.start()
        assert not finished.wait(1.0)  # held at BEGIN IMMEDIATE while the first act is open
    racer.join(30)
    other.dispose()
    assert refused and "is not allowed in state nota_1" in refused[0]  # it read what the first act committed


def _write_lock_is_free(database: str) -> None:
    probe = sqlite3.connect(database, timeout=1, isolation_level=None)
    probe.execute("BEGIN IMMEDIATE")  # 'database is locked' after 1 s if a session were open
    probe.execute("ROLLBACK")
    probe.close()


class LockProbe:
    """A renderer and a deadline scheduler that, while they work, take SQLite's write lock themselves: they fail
    when a transaction holds it (WeasyPrint and the Prefect API are slow; acts must not wait for them)."""

    def __init__(self, database: str):
        self.database, self.calls = database, 0

    def schedule(self, run):
        _write_lock_is_free(self.database)
        self.calls += 1
        return f"run-{run.due.isoformat()}"

    def rename(self, run_id, run):
        _write_lock_is_free(self.database)

    def render(self, kind, context):
        _write_lock_is_free(self.database)
        self.calls += 1
        pdf = f"%PDF-1.7 {kind}".encode()
        return RenderedDocument(pdf=pdf, sha256=hashlib.sha256(pdf).hexdigest(), template_version="1")


def test_no_transaction_is_open_while_a_pdf_renders(sqlite_engine, tmp_path):
    seed_reference(sqlite_engine)
    rt = Runtime(Settings(home=tmp_path), sqlite_engine)
    rt.__dict__["renderer"] = probe = LockProbe(sqlite_engine.url.database)
    number = to_inspecting(sqlite_engine)
    [doc_id] = acts.record(rt, trigger="issue_nota_1", actor="budi", on=date(2026, 3, 3), now=NOW,
                           case_number=number, data={"deadline_days": 14})["documents"]
    issued = documents.render(rt, doc_id, NOW)
    assert issued["path"] and documents.render(rt, doc_id, NOW) == issued and probe.calls == 1


def test_no_transaction_is_open_while_a_deadline_run_is_scheduled(sqlite_engine, tmp_path):
    from models import Timer

    seed_reference(sqlite_engine)
    settings = Settings(home=tmp_path)
    settings.prefect_api_url = "http://127.0.0.1:9/api"  # server mode; the probe stands in for the server
    rt = Runtime(settings, sqlite_engine)
    rt.__dict__["scheduler"] = probe = LockProbe(sqlite_engine.url.database)
    number = to_inspecting(sqlite_engine)
    acts.record(rt, trigger="issue_nota_1", actor="budi", on=date(2026, 3, 3), now=NOW, case_number=number,
                data={"deadline_days": 14, "received_on": "2026-03-03"})  # received at once: the clock runs
    with session_scope(sqlite_engine) as s:
        runs = [t.scheduled_run_id for t in s.exec(select(Timer)) if t.status == "running"]
    assert probe.calls == len(set(runs)) >= 1 and all(r and r.startswith("run-") for r in runs)
