"""The audit trail is tamper-evident: an event edited, deleted or reordered directly in the database, or an issued
PDF changed together with its recorded sha256, makes `audit verify` name the case and the first broken link."""

from datetime import date
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlmodel import select

from models import CaseEvent, Document, DocumentSeal
from tests.helpers import NOW, act, to_inspecting
from wasnaker.application import acts, audit, documents
from wasnaker.db import session_scope
from wasnaker.domain import audit_chain
from wasnaker.runtime import Runtime
from wasnaker.services import chain, integrity
from wasnaker.settings import Settings

EVENTS = CaseEvent.__table__


@pytest.fixture
def case(seeded, tmp_path):
    """(runtime, case number): a case up to the first Nota, its letters rendered and sealed."""
    rt = Runtime(Settings(home=tmp_path), seeded)
    number = to_inspecting(seeded)
    acts.record(rt, trigger="issue_nota_1", actor="budi", on=date(2026, 3, 3), now=NOW, case_number=number)
    documents.render_pending(rt, NOW)
    return rt, number


def _events(engine, number) -> list[CaseEvent]:
    with session_scope(engine) as s:
        return [e for e in s.exec(select(CaseEvent).order_by(CaseEvent.id)).all()
                if e.data.get("case_number", number) == number]


def _broken(rt, number) -> dict:
    [row] = audit.verify(rt, number)
    assert not row["intact"] and row["case"] == number
    return row["broken"]


def _sql(engine, statement) -> None:
    with engine.begin() as conn:  # Core statements: the ORM's append-only listeners do not see them
        conn.execute(statement)


def test_a_real_case_has_an_intact_chain_with_its_letters_sealed(case):
    rt, number = case
    [row] = audit.verify(rt, number)
    assert row["intact"] and row["broken"] is None
    with session_scope(rt.engine) as s:
        issued = s.exec(select(Document).where(Document.status == "issued")).all()
        seals = s.exec(select(DocumentSeal)).all()
        events = s.exec(select(CaseEvent).order_by(CaseEvent.id)).all()
    assert row["events"] == len(events) and row["seals"] == len(issued) == len(seals) >= 2
    assert {s.sha256 for s in seals} == {d.sha256 for d in issued}
    assert events[0].prev_hash == audit_chain.GENESIS
    assert [e.prev_hash for e in events[1:]] == [e.hash for e in events[:-1]]
    seals = sorted(seals, key=lambda s: s.id)  # rendered after the last act: they follow its event, one by one
    assert {s.after_event_id for s in seals} == {events[-1].id}
    assert [s.prev_hash for s in seals] == [events[-1].hash] + [s.hash for s in seals[:-1]]


def test_an_event_edited_in_the_database_is_named(case):
    rt, number = case
    target = _events(rt.engine, number)[2]
    _sql(rt.engine, sa.update(EVENTS).where(EVENTS.c.id == target.id).values(data={**target.data, "forged": 1}))
    assert _broken(rt, number) == {"link": "event", "id": target.id, "trigger": target.trigger,
                                   "what": "content edited: it no longer hashes to its stored hash"}


def test_an_event_deleted_in_the_database_is_named_at_the_next_one(case):
    rt, number = case
    events = _events(rt.engine, number)
    gone, after = events[1], events[2]
    assert gone.trigger == "verify_complaint"
    _sql(rt.engine, sa.delete(EVENTS).where(EVENTS.c.id == gone.id))
    broken = _broken(rt, number)
    assert (broken["id"], broken["trigger"]) == (after.id, after.trigger)
    assert "deleted" in broken["what"]


def test_two_events_swapped_in_the_database_are_named(case):
    rt, number = case
    events = _events(rt.engine, number)
    first, second = events[1], events[2]
    columns = [c for c in EVENTS.c.keys() if c != "id"]
    for row, other in ((first, second), (second, first)):
        _sql(rt.engine, sa.update(EVENTS).where(EVENTS.c.id == row.id)
             .values({c: getattr(other, c) for c in columns}))
    broken = _broken(rt, number)
    assert (broken["id"], broken["trigger"]) == (first.id, second.trigger)
    assert broken["what"].startswith("reordered")


def _delete_last_event(engine, number) -> list[CaseEvent]:
    events = _events(engine, number)
    with session_scope(engine) as s:  # its letters point at it: detach them the way an editor would
        s.exec(sa.update(Document).where(Document.event_id == events[-1].id).values(event_id=None))
    _sql(engine, sa.delete(EVENTS).where(EVENTS.c.id == events[-1].id))
    return events


def test_the_last_event_deleted_is_named_at_the_seal_after_it(case):
    rt, number = case
    _delete_last_event(rt.engine, number)
    broken = _broken(rt, number)
    assert broken["link"] == "seal" and "deleted" in broken["what"]


def test_the_last_event_deleted_with_nothing_after_it_is_named_by_the_case_state(seeded, tmp_path):
    rt, number = Runtime(Settings(home=tmp_path), seeded), to_inspecting(seeded)
    act(seeded, "issue_nota_1", "budi", "2026-03-03", number)  # its letters reserved, not rendered: no seal
    events = _delete_last_event(seeded, number)
    broken = _broken(rt, number)
    assert (broken["id"], broken["trigger"]) == (events[-2].id, events[-2].trigger)
    assert broken["what"] == ("the case is nota_1 but its last event leaves it inspecting: a later event was "
                              "deleted")


def test_an_issued_pdf_changed_with_its_sha256_passes_documents_verify_but_not_the_chain(case):
    rt, number = case
    with session_scope(rt.engine) as s:
        doc = s.exec(select(Document).where(Document.kind == "nota_1")).one()
        path, doc_id, doc_number = Path(doc.file_path), doc.id, doc.number
    forged = path.read_bytes().replace(b"%%EOF", b"%%EOF\n% forged", 1)
    path.write_bytes(forged)
    import hashlib

    _sql(rt.engine, sa.update(Document.__table__).where(Document.__table__.c.id == doc_id)
         .values(sha256=hashlib.sha256(forged).hexdigest()))
    with session_scope(rt.engine) as s:
        assert all(r["status"] == "ok" for r in integrity.verify_all(s))
    broken = _broken(rt, number)
    assert (broken["link"], broken["trigger"]) == ("seal", doc_number)
    assert broken["what"] == "document changed: document.sha256 and file no longer match its seal"


def test_a_seal_deleted_in_the_database_is_named(case):
    rt, number = case
    with session_scope(rt.engine) as s:
        last = s.exec(select(DocumentSeal).order_by(DocumentSeal.id.desc())).first()
    _sql(rt.engine, sa.delete(DocumentSeal.__table__).where(DocumentSeal.__table__.c.id == last.id))
    broken = _broken(rt, number)
    assert broken["link"] == "document" and "seal was deleted" in broken["what"]


def test_the_head_hash_is_the_latest_link(case):
    rt, number = case
    with session_scope(rt.engine) as s:
        from models import Case

        found = s.exec(select(Case).where(Case.number == number)).one()
        last_seal = s.exec(select(DocumentSeal).order_by(DocumentSeal.id.desc())).first()
        assert chain.head(s, found) == last_seal.hash


def test_the_chronology_prints_the_head_hash_of_its_case(case):
    from wasnaker.adapters.rendering import pdf_text

    rt, number = case
    doc = documents.issue_chronology(rt, number, actor="hendra", on=date(2026, 3, 4), now=NOW)
    issuing = _events(rt.engine, number)[-1]
    assert issuing.trigger == "issue_chronology"  # the head when it was reserved: the act that issued it
    text = " ".join(pdf_text(open(doc["path"], "rb").read()).split())
    assert f"Kode integritas jejak audit: {issuing.hash[:16]}…" in text
    assert audit.verify(rt, number)[0]["intact"]
