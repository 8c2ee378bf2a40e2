"""Audit records the system itself writes (expiries, reminders): same log, actor `system`, state unchanged."""

from datetime import date, datetime

from sqlmodel import Session

from models import Case, CaseEvent, Officer
from wasnaker.domain.vocabulary import Role
from wasnaker.services import chain


def system_event(session: Session, case: Case, *, trigger: str, on: date, now: datetime, data: dict,
                 actor: Officer | None = None) -> CaseEvent:
    """An event that does not move the case: by the system, or by the officer who recorded it (`actor`)."""
    event = CaseEvent(case_id=case.id, at=now, on_date=on, actor=actor.username if actor else "system",
                      role=actor.role if actor else Role.system, trigger=trigger, from_state=case.state,
                      to_state=case.state, data=data)
    return chain.append_event(session, case, event)
