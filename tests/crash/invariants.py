"""What must hold after any kill and the recovery that follows it; each check returns the list of what is wrong
(empty: it holds), so a failing run prints everything at once with its seed.

- no partial state: every case's state is its last act's target, each act starting where the one before ended,
  and the open timers are exactly those its acts opened and did not close (the lifecycle table replayed);
- no gap: every number series (NumberCounter) is 1..last, with a case or a letter behind each number;
- every reserved letter issued and every draft previewed, their PDFs matching their sha256 (`documents verify`),
  every case's audit chain intact (`audit verify`);
- every e-mail notice recorded sent, and the SMTP server received each Message-ID at most once: none twice, none
  it holds that the database does not record as sent, and none recorded sent (not presumed) that it lacks. A
  notice the recovery recorded as presumed sent (its deliverer died after handing the message over) and the
  server lacks is counted as `lost`: the price of never sending twice (services/delivery.py)."""

import hashlib
from collections import Counter
from pathlib import Path

from sqlalchemy import func
from sqlmodel import select

from models import Case, CaseEvent, Document, Notice, NoticeAttempt, NumberCounter, Timer
from wasnaker.domain import lifecycle
from wasnaker.domain.vocabulary import OPEN_TIMER_STATUSES, DocStatus, State, TimerKind
from wasnaker.services import chain, documents

EXPIRED = "timer_expired:"


def touched(session, since_event: int) -> list[Case]:
    """The cases a run wrote to: every act, expiry and sent letter appends an event to its case's chain."""
    ids = select(CaseEvent.case_id).where(CaseEvent.id > since_event)
    return list(session.exec(select(Case).where(Case.id.in_(ids)).order_by(Case.id)))


def cases(session, scope: list[Case]) -> list[str]:
    wrong = []
    for case in scope:
        events = list(session.exec(select(CaseEvent).where(CaseEvent.case_id == case.id).order_by(CaseEvent.id)))
        expected, state = _replay(events, wrong, case.number)
        if state != case.state or (events and events[-1].to_state != case.state):
            wrong.append(f"{case.number}: state {case.state}, its acts end in {state}")
        open_kinds = Counter(t.kind for t in session.exec(select(Timer).where(Timer.case_id == case.id))
                             if t.status in OPEN_TIMER_STATUSES)
        if open_kinds != Counter(expected):
            wrong.append(f"{case.number} ({case.state}): open timers {dict(open_kinds)}, its acts opened {expected}")
    return wrong


def _replay(events, wrong: list, number: str) -> tuple[set[str], str | None]:
    """The open timer kinds and the state the lifecycle table gives for these events."""
    opened, state = set(), None
    for event in events:
        row = lifecycle.find(lifecycle.S(event.from_state) if event.from_state else None, event.trigger)
        if row is None:  # a system event: a notice sent, a timer expired, a receipt deemed ...
            if event.trigger.startswith(EXPIRED):
                opened.discard(event.trigger.removeprefix(EXPIRED))
            continue
        if event.from_state != state or event.to_state != row.target:
            wrong.append(f"{number}: event {event.id} {event.trigger} {event.from_state}->{event.to_state} "
                         f"after {state}")
        closes = [k.value for k in TimerKind] if row.target == State.closed else [k.value for k in row.closes]
        opened = (opened - set(closes)) | {spec.kind.value for spec in row.opens}
        state = row.target.value
    return opened, state


def numbers(session) -> list[str]:
    wrong = []
    for counter in session.exec(select(NumberCounter)):
        if counter.kind == "case":
            count = session.exec(select(func.count()).select_from(Case).where(
                Case.office_id == counter.office_id, Case.number.like(f"%/{counter.year}/%"))).one()
            seqs = list(range(1, count + 1))
        else:
            seqs = sorted(session.exec(select(Document.seq).where(
                Document.office_id == counter.office_id, Document.kind == counter.kind,
                Document.year == counter.year, Document.seq.is_not(None))))
        if seqs != list(range(1, counter.last + 1)):
            wrong.append(f"series {counter.kind} {counter.year}: counter at {counter.last}, numbers {seqs}")
    return wrong


def letters(session, scope: list[Case]) -> list[str]:
    """Nothing left reserved or unpreviewed; for the cases in scope, every issued PDF matches its sha256 (what
    `documents verify` checks) and the audit chain holds (`audit verify`)."""
    wrong = [f"document {i} still waits to be rendered" for i in documents.pending_ids(session)]
    issued = session.exec(select(Document).where(Document.case_id.in_([c.id for c in scope]),
                                                 Document.status == DocStatus.issued)).all()
    wrong += [f"{d.number} ({d.kind}): PDF missing or changed" for d in issued if not _intact(d)]
    wrong += [f"{case.number}: audit chain broken at {row['broken']}" for case in scope
              if not (row := chain.verify_case(session, case))["intact"]]
    return wrong


def _intact(doc: Document) -> bool:
    path = Path(doc.file_path)
    return path.is_file() and hashlib.sha256(path.read_bytes()).hexdigest() == doc.sha256


def verify_all(rt) -> list[str]:
    """`documents verify` and `audit verify` themselves, over the whole database."""
    from wasnaker.application import audit
    from wasnaker.application import documents as letters_

    return ([f"{r['number']}: {r['status']}" for r in letters_.verify(rt) if r["status"] != "ok"]
            + [f"{r['case']}: {r['broken']}" for r in audit.verify(rt) if not r["intact"]])


def notices(session, received: Counter) -> tuple[list[str], int]:
    """(what is wrong, notices presumed sent that the server never received)."""
    wrong, lost = [], 0
    email = list(session.exec(select(Notice).where(Notice.channel == "email").order_by(Notice.id)))
    wrong += [f"notice {n.id} is {n.status} after recovery" for n in email if n.status not in ("sent", "served")]
    wrong += [f"{mid} received {count} times" for mid, count in received.items() if count > 1]
    recorded = {n.message_id: n for n in email if n.status == "sent"}
    wrong += [f"{mid} received but not recorded sent" for mid in received if mid not in recorded]
    for mid, notice in recorded.items():
        if mid in received:
            continue
        if _presumed(session, notice.id):
            lost += 1
        else:
            wrong.append(f"notice {notice.id} recorded sent, never received ({mid})")
    return wrong, lost


def _presumed(session, notice_id: int) -> bool:
    attempts = session.exec(select(NoticeAttempt.detail).where(NoticeAttempt.notice_id == notice_id)).all()
    return any("presumed sent" in detail for detail in attempts)


def check(session, received: Counter, since_event: int = 0) -> tuple[list[str], int]:
    """Everything, for the cases with an event after `since_event` (0: every case)."""
    scope = touched(session, since_event)
    wrong, lost = notices(session, received)
    return cases(session, scope) + numbers(session) + letters(session, scope) + wrong, lost


def last_event(session) -> int:
    return session.exec(select(func.max(CaseEvent.id))).one() or 0


def events(session) -> int:
    return session.exec(select(func.count()).select_from(CaseEvent)).one()


def phase(session, events_before: int, now) -> str:
    """Where a kill left the work, read from the product's own records before recovery."""
    from wasnaker.services import sweep

    if now is not None and sweep.due_timer_ids(session, now):  # the sweep's letters wait for it to get there
        return "timers still due"
    status = Counter(session.exec(select(Notice.status).where(Notice.channel == "email")))
    if status["handed"]:
        return "handed to SMTP, answer not recorded"
    if status["sending"]:
        return "notice claimed, not handed over"
    if documents.pending_ids(session):
        return "recorded, letters not rendered"
    if status["queued"] or status["retrying"]:
        return "letters issued, notices waiting"
    return "after the last commit" if events(session) > events_before else "nothing recorded"
