"""The enforcement funnel for a period and a set of offices: distinct cases on each rung (wasnaker.domain.measures
.FUNNEL), each rung's conversion rate against its base rung, and compliance after Nota I and after Nota II.
An event counts in the period its on_date falls in (both ends included)."""

from datetime import date

from sqlalchemy import and_, case, func, literal, select, union_all
from sqlalchemy.orm import aliased
from sqlmodel import Session

from models import Case, CaseEvent, Company, Office
from wasnaker.domain.errors import NotFound
from wasnaker.domain.measures import COMPLIANCE, FUNNEL, OUTCOMES, RUNGS, Outcome
from wasnaker.domain.vocabulary import STATE_LABELS, State
from wasnaker.services.figures.sql import of_offices

_TRIGGERS = tuple(t for r in FUNNEL for t in r.triggers)


def _in_period(query, start: date, end: date, offices, events=CaseEvent):
    return of_offices(query.where(events.on_date >= start, events.on_date <= end), events.case_id, offices)


def _reached(start, end, offices, rungs=FUNNEL):
    """(case_id, key, on_date) for every event of these rungs in the period."""
    key = case(*[(CaseEvent.trigger.in_(r.triggers), literal(r.key)) for r in rungs]).label("key")
    triggers = _TRIGGERS if rungs is FUNNEL else tuple(t for r in rungs for t in r.triggers)
    query = select(CaseEvent.case_id, key, CaseEvent.on_date).where(CaseEvent.trigger.in_(triggers))
    return _in_period(query, start, end, offices)


def _complied(outcome: Outcome, start, end, offices):
    """(case_id, key, on_date of the compliance) for the cases on the outcome's rung in the period that complied
    while the Nota was their state."""
    nota, later = aliased(CaseEvent), aliased(CaseEvent)
    done = and_(later.case_id == nota.case_id, later.trigger == outcome.trigger,
                later.from_state == outcome.from_state)
    query = (select(nota.case_id, literal(outcome.key).label("key"), later.on_date).join(later, done)
             .where(nota.trigger.in_(RUNGS[outcome.of].triggers)))
    return _in_period(query, start, end, offices, nota)


def _all(start, end, offices, keys=None):
    """Every funnel figure's rows, or those of the figures named in `keys` only."""
    rungs = FUNNEL if keys is None else tuple(r for r in FUNNEL if r.key in keys)
    outcomes = [o for o in COMPLIANCE if keys is None or o.key in keys]
    return union_all(_reached(start, end, offices, rungs), *(_complied(o, start, end, offices) for o in outcomes))


def _rate(cases: int, base: int | None) -> float | None:
    return cases / base if base else None


def enforcement(session: Session, start: date, end: date, *, offices=None) -> dict:
    """The funnel: rungs in ladder order, then the compliance outcomes; counts, bases and rates."""
    events = _all(start, end, offices).subquery()
    distinct = select(events.c.case_id, events.c.key).distinct().subquery()
    counts = dict(session.execute(select(distinct.c.key, func.count()).group_by(distinct.c.key)).all())
    return {"from": start, "to": end, **with_rates(counts)}


def with_rates(counts: dict[str, int]) -> dict:
    """The rungs and compliance outcomes with their counts (distinct cases by key), bases and rates."""
    rungs = [{"key": r.key, "label": r.label, "cases": counts.get(r.key, 0), "base": r.base,
              "base_label": RUNGS[r.base].label if r.base else None,
              "rate": _rate(counts.get(r.key, 0), counts.get(r.base, 0)) if r.base else None} for r in FUNNEL]
    compliance = [{"key": o.key, "label": o.label, "cases": counts.get(o.key, 0), "base": o.of,
                   "base_label": RUNGS[o.of].label, "rate": _rate(counts.get(o.key, 0), counts.get(o.of, 0))}
                  for o in COMPLIANCE]
    return {"rungs": rungs, "compliance": compliance}


def cases(session: Session, key: str, start: date, end: date, *, offices=None) -> list[dict]:
    """The cases behind one figure of the funnel (a rung's or an outcome's key), with the first day in the period
    each reached it (for an outcome: the day it complied)."""
    if key not in RUNGS and key not in OUTCOMES:
        raise NotFound(f"unknown funnel figure {key!r}")
    events = _all(start, end, offices).subquery()
    query = (select(Case.number, Office.code, Company.name, Case.state, func.min(events.c.on_date).label("on"))
             .join(Case, Case.id == events.c.case_id).join(Office, Office.id == Case.office_id)
             .join(Company, Company.id == Case.company_id).where(events.c.key == key)
             .group_by(Case.number, Office.code, Company.name, Case.state).order_by("on", Case.number))
    return [{"case": number, "office": office, "company": company, "state": state,
             "state_label": STATE_LABELS[State(state)], "on": on}
            for number, office, company, state, on in session.execute(query)]




def by_office(session: Session, start: date, end: date, *, offices=None, keys=None) -> dict[str, dict[str, int]]:
    """The funnel's counts (rungs and compliance outcomes, or only the figures named in `keys`) per office code, in
    one grouped query: {code: {key: cases}}; an office with no case in the period is absent. A case is in one
    office, so the offices' counts add up to the funnel's, and to a province's."""
    events = _all(start, end, offices, keys).subquery()
    distinct = select(events.c.case_id, events.c.key).distinct().subquery()
    query = (select(Office.code, distinct.c.key, func.count()).select_from(distinct)
             .join(Case, Case.id == distinct.c.case_id).join(Office, Office.id == Case.office_id)
             .group_by(Office.code, distinct.c.key))
    counts: dict[str, dict[str, int]] = {}
    for code, key, n in session.execute(query):
        counts.setdefault(code, {})[key] = n
    return counts
