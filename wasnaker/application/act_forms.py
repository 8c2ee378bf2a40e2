"""What an act's form needs to know before the officer fills it: the case it acts on (as this officer's office sees
it) and the office's date today. Plain values."""

from datetime import date, datetime

from wasnaker import clock
from wasnaker.domain.errors import NotFound
from wasnaker.services import queries, repo


def case_of_office(rt, number: str, office_id: int) -> dict | None:
    """The case's number, company, state and version, or None when there is no such case in this office (another
    office's case is not told apart from a missing one)."""
    with rt.session() as session:
        try:
            case = repo.case(session, number)
        except NotFound:
            return None
        if case.office_id != office_id:
            return None
        return {**queries.case_row(session, case), "version": case.version}


def office_today(rt, office_id: int, now: datetime) -> date:
    """Today in the office's time zone (WIB, WITA or WIT): the default date of an act."""
    with rt.session() as session:
        return clock.local_date(now, repo.office(session, office_id).timezone)
