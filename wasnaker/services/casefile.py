"""What an act needs of its case beyond the case row, read in ONE statement (issue #14): the marks of its events
(with the chain's head), its seals' head, its findings, the marks of its timers and documents, and who is assigned
to it. The door reads it once, after it has locked the case, and the guards, the dates' check, the effects and the
audit chain all work from it.

The statement is a UNION ALL of one SELECT per kind of row, each row tagged with its kind and its columns as text
(dates as ISO days, a finding's workers as their JSON): one round trip instead of seven, the same on SQLite and
PostgreSQL."""

import json
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import Integer, String, bindparam, cast, literal_column, null, union_all
from sqlmodel import Session, select

from models import CaseEvent, CaseOfficer, Document, DocumentSeal, Finding, Timer
from wasnaker.domain import audit_chain
from wasnaker.domain.facts import DocFacts, FindingFacts, TimerFacts
from wasnaker.domain.payloads import missing_basis
from wasnaker.domain.vocabulary import DocKind, DocStatus, FindingStatus, TimerKind, TimerStatus

EVENT, SEAL, FINDING, TIMER, DOCUMENT, OFFICER = range(6)


def _row(tag: int, table, n, *texts):
    """One SELECT of the union: (tag, n, a, b, c, d, e), every column after n as text (NULL where unused)."""
    cols = [cast(c, String) if c is not None else cast(null(), String) for c in (*texts, *[None] * (5 - len(texts)))]
    return (select(literal_column(str(tag), Integer).label("tag"), n.label("n"),
                   *[c.label(name) for c, name in zip(cols, "abcde", strict=True)])
            .where(table.case_id == bindparam("case_id")))


STATEMENT = union_all(
    _row(EVENT, CaseEvent, CaseEvent.id, CaseEvent.trigger, CaseEvent.role, CaseEvent.on_date, CaseEvent.hash),
    _row(SEAL, DocumentSeal, DocumentSeal.id, DocumentSeal.after_event_id, DocumentSeal.hash),
    _row(FINDING, Finding, Finding.no, Finding.status, Finding.article, Finding.corrective_order, Finding.workers,
         Finding.workers_affected),
    _row(TIMER, Timer, Timer.id, Timer.kind, Timer.status, Timer.due_date),
    _row(DOCUMENT, Document, Document.id, Document.kind, Document.status, Document.doc_date, Document.number),
    _row(OFFICER, CaseOfficer, CaseOfficer.officer_id),
).order_by("tag", "n")


@dataclass(frozen=True)
class CaseFile:
    events: tuple[tuple[str, date, str], ...] = ()  # (trigger, on_date, role) in order
    head: tuple[int, str] = (0, audit_chain.GENESIS)  # (latest event id, the chain's head hash: event or seal)
    findings: tuple[FindingFacts, ...] = ()
    timers: tuple[TimerFacts, ...] = ()
    documents: tuple[DocFacts, ...] = ()
    assigned: frozenset[int] = field(default_factory=frozenset)  # officer ids


EMPTY = CaseFile()  # a case the act itself makes


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text[:10]) if text else None


def _finding(n, status, article, order, workers, affected) -> FindingFacts:
    workers = json.loads(workers) if workers else []
    return FindingFacts(n, FindingStatus(status), article, order, int(affected or 0), bool(workers),
                        tuple(missing_basis(workers)))


def read(session: Session, case_id: int) -> CaseFile:
    kinds: dict[int, list] = {tag: [] for tag in range(6)}
    for tag, n, *texts in session.connection().execute(STATEMENT, {"case_id": case_id}):  # Core rows, no ORM
        kinds[tag].append((n, *texts))
    events, seals = kinds[EVENT], kinds[SEAL]
    head = (0, audit_chain.GENESIS)
    if events:
        last_id, _, _, _, last_hash, _ = events[-1]
        sealed_after, seal_hash = (int(seals[-1][1]), seals[-1][2]) if seals else (0, None)
        head = (last_id, seal_hash if seal_hash is not None and sealed_after >= last_id else last_hash)
    return CaseFile(
        events=tuple((trigger, _day(on), role) for _, trigger, role, on, _, _ in events),
        head=head,
        findings=tuple(_finding(n, *texts[:5]) for n, *texts in kinds[FINDING]),
        timers=tuple(TimerFacts(TimerKind(kind), TimerStatus(status), _day(due))
                     for _, kind, status, due, *_ in kinds[TIMER]),
        documents=tuple(DocFacts(DocKind(kind), DocStatus(status), _day(on), number)
                        for _, kind, status, on, number, _ in kinds[DOCUMENT]),
        assigned=frozenset(n for n, *_ in kinds[OFFICER]),
    )
