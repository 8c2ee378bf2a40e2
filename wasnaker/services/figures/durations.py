"""Time per stage: median and 90th percentile of the days a case stays in each state, and of two lead times
(complaint to first inspection, Sprindik to P-21): the stays in states are rows of models.CaseSpan (one per act
that moved a case, closed by the next one, written by the door in the act's transaction); the lead times read the
audit trail's few acts they start and end with.

A span in a state runs from the on_date of the event that moved the case into it to the on_date of the next
event that moved it out (acts that keep the state — a summons, a receipt — do not end it). A state entered
twice (Tahap I after a P-19) gives two spans. A span counts in the period its leaving event falls in. Spans
not ended by the period's end have no length yet: they are left out of the median and the 90th percentile
(counting them to the day the figures are read would change a past period's figures every day), and counted
apart as `open` — spans entered by the period's end and not left by it, the cases sitting in that state when
the period closed — so a state where cases pile up still shows. Percentiles: see
wasnaker.services.figures.sql."""

from datetime import date

from sqlalchemy import case, func, literal, or_, select, union_all
from sqlmodel import Session

from models import Case, CaseEvent, CaseSpan, Company, Office
from wasnaker.domain.errors import NotFound
from wasnaker.domain.measures import LEAD, LEAD_TIMES, LeadTime
from wasnaker.domain.vocabulary import STATE_LABELS, State
from wasnaker.services.figures.sql import as_days, days_between, of_offices, percentiles


def _of(query, offices):
    return query if offices is None else query.where(CaseSpan.office_id.in_(offices))


def _ended(start: date, end: date, offices):
    """(case_id, state, entered, left_on, days) for every stay in a state that ended in the period (the stays are
    rows of models.CaseSpan, written by the door with each act that moves a case)."""
    query = select(CaseSpan.case_id, CaseSpan.state, CaseSpan.entered_on.label("entered"), CaseSpan.left_on,
                   days_between(CaseSpan.entered_on, CaseSpan.left_on).label("days")).where(
        CaseSpan.left_on >= start, CaseSpan.left_on <= end, CaseSpan.entered_on <= end)
    return _of(query, offices)


def _still_open(end: date, offices):
    """Per state, the stays entered by `end` and not left by it (acts after the period are not counted)."""
    query = (select(CaseSpan.state, func.count(), literal(0), literal(0), literal("open"))
             .where(CaseSpan.entered_on <= end, or_(CaseSpan.left_on.is_(None), CaseSpan.left_on > end),
                    CaseSpan.state != State.closed).group_by(CaseSpan.state))
    return _of(query, offices)


def _firsts(end: date, offices):
    """Per case, the first day of each lead time's start and end acts by `end`, in one pass over the trail."""
    firsts = [func.min(case((CaseEvent.trigger.in_(triggers), CaseEvent.on_date))).label(f"{t.key}_{side}")
              for t in LEAD_TIMES for side, triggers in (("start", t.start), ("end", t.end))]
    every = tuple({trigger for t in LEAD_TIMES for trigger in t.start + t.end})
    query = (select(CaseEvent.case_id, *firsts).where(CaseEvent.trigger.in_(every), CaseEvent.on_date <= end)
             .group_by(CaseEvent.case_id))
    return of_offices(query, CaseEvent.case_id, offices).cte("firsts")


def _lead(firsts, lead: LeadTime, start: date, end: date):
    """(case_id, key, entered, left_on, days) per case that reached the lead time's end act in the period."""
    began, done = firsts.c[f"{lead.key}_start"], firsts.c[f"{lead.key}_end"]
    return (select(firsts.c.case_id, literal(lead.key).label("key"), began.label("entered"), done.label("left_on"),
                   days_between(began, done).label("days"))
            .where(done >= began, done >= start, done <= end))


def lead_spans(start: date, end: date, offices=None):
    """(case_id, key, entered, left_on, days) per case and lead time ended in the period (a subquery; the index
    and the PPNS record group it by office and by officer)."""
    firsts = _firsts(end, offices)
    return union_all(*(_lead(firsts, t, start, end) for t in LEAD_TIMES)).subquery()


def _figures(session, spans, group: str) -> dict:
    return {key: {"spans": n, "median": as_days(median), "p90": as_days(p90)}
            for key, n, median, p90 in session.execute(percentiles(spans, group))}


def _states(session, start: date, end: date, offices) -> tuple[dict, dict]:
    """The spans ended in the period (count, median, p90 per state) and those open at its end (count per state),
    in one statement."""
    ended = percentiles(_ended(start, end, offices).subquery(), "state").add_columns(literal("ended").label("what"))
    figures, still_open = {}, {}
    for state, n, median, p90, what in session.execute(union_all(ended, _still_open(end, offices))):
        if what == "open":
            still_open[state] = n
        else:
            figures[state] = {"spans": n, "median": as_days(median), "p90": as_days(p90)}
    return figures, still_open


_EMPTY = {"spans": 0, "median": None, "p90": None}


def stages(session: Session, start: date, end: date, *, offices=None) -> dict:
    """Per state (lifecycle order, closed left out): spans ended in the period, median and p90 days, spans still
    open; then the lead times with the same figures (`spans` is then the number of cases)."""
    ended, still = _states(session, start, end, offices)
    leads = _figures(session, lead_spans(start, end, offices), "key")
    return {"from": start, "to": end,
            "states": [{"state": s.value, "label": STATE_LABELS[s], **ended.get(s.value, _EMPTY),
                        "open": still.get(s.value, 0)} for s in State if s != State.closed],
            "lead_times": [{"key": t.key, "label": t.label, **leads.get(t.key, _EMPTY)} for t in LEAD_TIMES]}


def cases(session: Session, key: str, start: date, end: date, *, offices=None) -> list[dict]:
    """The spans behind one figure (a state's code or a lead time's key): each case with its two dates and days,
    longest first."""
    if key in LEAD:
        leads = lead_spans(start, end, offices)
        rows = select(leads).where(leads.c.key == key).subquery()
    elif key in {s.value for s in State}:
        rows = _ended(start, end, offices).where(CaseSpan.state == key).subquery()
    else:
        raise NotFound(f"unknown duration figure {key!r}")
    query = (select(Case.number, Office.code, Company.name, rows.c.entered, rows.c.left_on, rows.c.days)
             .join(Case, Case.id == rows.c.case_id).join(Office, Office.id == Case.office_id)
             .join(Company, Company.id == Case.company_id).order_by(rows.c.days.desc(), Case.number))
    return [{"case": number, "office": office, "company": company, "from": entered, "to": left, "days": days}
            for number, office, company, entered, left, days in session.execute(query)]
