"""Refusing an act decided on a stale view of its case: whoever acted meanwhile is named, so the officer knows
what to look at before trying again."""

from zoneinfo import ZoneInfo

from sqlmodel import Session, select

from models import Case, CaseEvent, Office
from models._types import as_utc
from wasnaker.domain import lifecycle
from wasnaker.domain.errors import CaseChanged


def check_expected(session: Session, case: Case, expected: int | None) -> None:
    """A form carries the version of the case it showed; the case has moved on since when it differs."""
    if expected is None or expected == case.version:
        return
    if expected > case.version:  # not a version this case ever had: a mistyped or forged form
        raise CaseChanged(f"case {case.number} is at version {case.version}, not {expected}; reload it and try again")
    raise changed(session, case.id, case.number)


def changed(session: Session, case_id: int, number: str) -> CaseChanged:
    """The error naming the case's last act. `session` must see the other act's commit: the act's own session
    while it holds the case lock, a fresh one after its flush failed."""
    return CaseChanged(f"case {number} was changed meanwhile{last_act(session, case_id)}; reload it and try again")


def last_act(session: Session, case_id: int) -> str:
    """" by budi (issue_nota_1 at 2026-11-23 17:00 WIB)": the last act of the lifecycle table on the case (not
    the record of a notice sent or a timer expired), in the office's time, or "" for a case without one."""
    query = (select(CaseEvent, Office.timezone).join(Case, Case.id == CaseEvent.case_id)
             .join(Office, Office.id == Case.office_id)
             .where(CaseEvent.case_id == case_id, CaseEvent.trigger.in_(lifecycle.TRIGGERS))
             .order_by(CaseEvent.id.desc()))
    found = session.exec(query).first()
    if not found:
        return ""
    last, tz = found
    return f" by {last.actor} ({last.trigger} at {as_utc(last.at).astimezone(ZoneInfo(tz)):%Y-%m-%d %H:%M %Z})"
