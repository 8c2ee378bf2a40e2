"""What an act's form needs to know before the officer fills it: the case it acts on (as this officer's office sees
it) and the office's date today. Plain values."""

from datetime import date, datetime

from wasnaker import clock
from wasnaker.domain.errors import CaseChanged, NotFound
from wasnaker.services import queries, repo, stale


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


def stale_form(rt, number: str, expected: int) -> CaseChanged | None:
    """The refusal of a form that showed the case at version `expected`, naming who acted since; None when the
    case is still at it. Checked before the form's own fields: a stale form is refused the same way whatever it
    holds (the door checks again under the case lock)."""
    with rt.session() as session:
        try:
            stale.check_expected(session, repo.case(session, number), expected)
        except CaseChanged as exc:
            return exc
    return None


def last_change(rt, number: str) -> str:
    """" by budi (issue_nota_1 at 2026-11-23 17:00 WIB)", the case's last act, or "": why an act the officer
    expected is no longer open."""
    with rt.session() as session:
        return stale.last_act(session, repo.case(session, number).id)
