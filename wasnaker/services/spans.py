"""The stays of a case in its states (models.CaseSpan), kept by the door in the transaction of each act that moves
a case: the span it leaves is closed with the act's date and trigger, and a span opens in the state it enters.
Time per stage (wasnaker.services.figures.durations) reads these rows instead of windowing the audit trail."""

from sqlalchemy import update
from sqlmodel import Session

from models import Case, CaseEvent, CaseSpan


def moved(session: Session, case: Case, event: CaseEvent) -> None:
    """Record `event`, which moved `case` out of its state (if any) into `event.to_state`."""
    if event.from_state is not None:
        session.exec(update(CaseSpan).where(CaseSpan.case_id == case.id, CaseSpan.left_event_id.is_(None))
                     .values(left_on=event.on_date, left_by=event.trigger, left_event_id=event.id))
    session.add(CaseSpan(case_id=case.id, office_id=case.office_id, state=event.to_state, entered_on=event.on_date,
                         entered_event_id=event.id))
