"""Expired timers, each handled exactly once, and deemed receipts; the sweep that runs them in order is the
application layer's (`wasnaker.application.sweep`).

Claiming is a conditional UPDATE (running -> expired); whoever wins the claim handles the expiry, so two
sweeps, or a sweep and a scheduled deadline run, never both act on the same timer.
"""

import logging
from datetime import datetime, timedelta

from sqlalchemy import update
from sqlmodel import Session

from models import Case, Timer
from wasnaker.domain.errors import DatabaseUnavailable, WasnakerError
from wasnaker.domain.policy import DEFAULT_POLICY, Policy
from wasnaker.domain.vocabulary import TimerKind, TimerStatus
from wasnaker.services import documents, outbox, serving, timers
from wasnaker.services.audit import system_event
from wasnaker.services.transitions import apply_trigger

log = logging.getLogger(__name__)


def due_timer_ids(session: Session, now: datetime) -> list[int]:
    return timers.running_due_ids(session, now)


def handle_batch(session_factory, timer_ids: list[int], now: datetime, policy: Policy = DEFAULT_POLICY) -> list[dict]:
    """A batch of expired timers in the order given, each in its own transaction with its own claim: one that
    fails is rolled back alone and reported (it stays running: the next sweep tries it again), the rest go on.
    A database away stops the batch (every timer after would fail alike): repeating it is harmless, the timers
    already handled are claimed."""
    results = []
    for timer_id in timer_ids:
        try:
            with session_factory() as session:
                result = handle_expiry(session, timer_id, now, policy)
        except DatabaseUnavailable:
            raise
        except Exception as exc:  # noqa: BLE001 - one timer's failure must not undo or stop the others
            log.exception("timer %s: expiry not recorded", timer_id)
            result = {"timer_id": timer_id, "failed": f"{type(exc).__name__}: {exc}"}
        if result:
            results.append(result)
    return results


def handle_expiry(session: Session, timer_id: int, now: datetime, policy: Policy = DEFAULT_POLICY) -> dict | None:
    """Handle one expired timer in the caller's transaction; None when another run already claimed it."""
    claimed = session.exec(
        update(Timer).where(Timer.id == timer_id, Timer.status == TimerStatus.running, Timer.expires_at <= now)
        .values(status=TimerStatus.expired, expired_handled_at=now)
    ).rowcount
    if claimed != 1:
        return None
    timer = session.get(Timer, timer_id)
    session.refresh(timer)
    case = session.get(Case, timer.case_id)
    rule = policy.rule(TimerKind(timer.kind))
    expired_on = timer.due_date + timedelta(days=1)  # the deadline ran to the end of its due date
    _audit(session, case, timer, now, expired_on, rule.expiry.message)
    if rule.expiry.settles:
        timer.status, timer.closed_on = TimerStatus.closed, expired_on
    result = {"case": case.number, "timer": timer.kind, "due": timer.due_date.isoformat(), "action": "recorded",
              "timer_id": timer_id}
    prepared = []
    if rule.expiry.auto_trigger:
        outcome = apply_trigger(session=session, trigger=rule.expiry.auto_trigger, actor="system", on=expired_on,
                                now=now, case_number=case.number, policy=policy, as_system=True)
        result["action"], prepared = rule.expiry.auto_trigger, list(outcome.documents)
    drafts = [d for d in (documents.prepare_draft(session, case, kind, expired_on, now) for kind in rule.expiry.drafts)
              if d]
    result["drafts"], result["prepared"] = [d.kind for d in drafts], prepared + [d.id for d in drafts]
    _notify(session, case, timer, rule.expiry.notify, rule.expiry.message, now)
    return result


def _audit(session, case, timer, now, expired_on, message) -> None:
    timer.history = [*timer.history, {"on": expired_on.isoformat(), "what": "expired", "why": message}]
    session.add(timer)
    system_event(session, case, trigger=f"timer_expired:{timer.kind}", on=expired_on, now=now,
                 data={"timer_id": timer.id, "due_date": timer.due_date.isoformat(), "message": message})


def _notify(session, case, timer, roles, message, now) -> None:
    """Tell the responsible officers: the assigned ones for inspector/ppns roles, office staff for the rest."""
    outbox.tell_officers(session, case, outbox.responsible(session, case, roles), key=f"timer:{timer.id}:expired",
                         subject=f"[{case.number}] {message}", body=f"Jatuh tempo {timer.due_date}", now=now)


def deem_received(session_factory, notice_id: int, received_on, now: datetime, policy: Policy) -> dict | None:
    """One deemed receipt in its own transaction; one that cannot be recorded (the case moved on meanwhile)
    is reported and the sweep goes on with the rest."""
    try:
        with session_factory() as session:
            return serving.serve_deemed(session, notice_id, received_on, now, policy)
    except WasnakerError as exc:
        return {"notice": notice_id, "served_on": received_on.isoformat(), "result": f"not recorded: {exc}"}
