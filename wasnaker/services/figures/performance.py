"""The measures of the performance index (wasnaker.domain.performance_index.MEASURES) per office, each one grouped
SQL aggregate over all the chosen offices, and the rows behind one office's value (its drill-down).

- inspection_quota: inspections and re-checks counted per assigned field officer, as on the workload page, over
  the monthly quota of the office's active inspectors and PPNS for every month the period touches;
- complied_after_nota_1/2: the funnel's compliance outcomes over their rungs (wasnaker.services.figures.funnel);
- complaint_to_inspection, sprindik_to_p21: the medians of the lead times (wasnaker.services.figures.durations);
- office_deadlines_kept: the office's own investigation deadlines (measures.OFFICE_DEADLINES) due in the period,
  kept when closed on or before their due day; one due before `today` and still open counts as missed, one not
  yet due is not counted;
- investigations_concluded: investigations started in the period that reached P-21 or were terminated (SP3, RJ)
  at any later date."""

from datetime import date

from sqlalchemy import and_, case, func, or_, select
from sqlalchemy.orm import aliased
from sqlmodel import Session

from models import Case, CaseEvent, CaseOfficer, Company, Office, Officer, Timer
from wasnaker.domain.errors import NotFound
from wasnaker.domain.measures import CONCLUSIONS, INSPECTION_TRIGGERS, LEAD, OFFICE_DEADLINES, RUNGS
from wasnaker.domain.performance_index import MEASURE
from wasnaker.domain.policy import DEFAULT_TIMER_RULES
from wasnaker.domain.vocabulary import TimerKind
from wasnaker.services.figures import durations as durations_
from wasnaker.services.figures import funnel as funnel_
from wasnaker.services.figures import workload as workload_
from wasnaker.services.figures.sql import as_days, of_offices, percentiles

_RATES = {"complied_after_nota_1": "nota_1", "complied_after_nota_2": "nota_2"}


def _figure(count: int, base: int) -> dict:
    return {"value": count / base if base else None, "count": count, "base": base}


def _quota(session, start, end, quota, offices) -> dict[int, dict]:
    field = and_(Officer.role.in_(workload_.FIELD_ROLES), Officer.active)
    staff = select(Officer.office_id, func.count()).where(field).group_by(Officer.office_id)
    done = (select(Officer.office_id, func.count()).select_from(CaseEvent)
            .join(CaseOfficer, CaseOfficer.case_id == CaseEvent.case_id)
            .join(Officer, Officer.id == CaseOfficer.officer_id)
            .where(field, CaseEvent.trigger.in_(INSPECTION_TRIGGERS), CaseEvent.on_date >= start,
                   CaseEvent.on_date <= end).group_by(Officer.office_id))
    if offices is not None:
        staff, done = (q.where(Officer.office_id.in_(offices)) for q in (staff, done))
    made, months = dict(session.execute(done).all()), len(workload_.months(start, end))
    return {office: _figure(made.get(office, 0), n * months * quota) for office, n in session.execute(staff)}


def _concluded(start, end, offices):
    """(case_id, started on, concluded on) per investigation started in the period."""
    began, later = aliased(CaseEvent), aliased(CaseEvent)
    done = and_(later.case_id == began.case_id, later.trigger.in_(CONCLUSIONS), later.id > began.id)
    query = (select(began.case_id, func.min(began.on_date).label("began"), func.min(later.on_date).label("done"))
             .outerjoin(later, done).where(began.trigger.in_(RUNGS["investigation"].triggers),
                                           began.on_date >= start, began.on_date <= end).group_by(began.case_id))
    return of_offices(query, began.case_id, offices).subquery()


def _deadlines(start, end, today, offices):
    """(case_id, kind, due, closed, kept, decided) per office deadline due in the period."""
    kept = and_(Timer.closed_on.is_not(None), Timer.closed_on <= Timer.due_date)
    decided = or_(Timer.closed_on.is_not(None), Timer.due_date < today)
    query = select(Timer.case_id, Timer.kind, Timer.due_date.label("due"), Timer.closed_on.label("closed"),
                   case((kept, 1), else_=0).label("kept"), case((decided, 1), else_=0).label("decided")).where(
        Timer.kind.in_(OFFICE_DEADLINES), Timer.due_date >= start, Timer.due_date <= end)
    return of_offices(query, Timer.case_id, offices).subquery()


def _by_office(session, rows, *columns) -> list:
    query = select(Case.office_id, *columns).select_from(rows).join(Case, Case.id == rows.c.case_id)
    return session.execute(query.group_by(Case.office_id)).all()


def _funnel(session, start, end, offices) -> dict[int, dict]:
    ids = dict(session.execute(select(Office.code, Office.id)).all())
    return {ids[code]: {m: _figure(c.get(m, 0), c.get(rung, 0)) for m, rung in _RATES.items()}
            for code, c in funnel_.by_office(session, start, end, offices=offices,
                                             keys={*_RATES, *_RATES.values()}).items()}


def _leads(session, start, end, offices) -> dict[int, dict]:
    leads = durations_.lead_spans(start, end, offices)
    spans = select(Case.office_id, leads.c.key, leads.c.days).join(Case, Case.id == leads.c.case_id).subquery()
    found: dict[int, dict] = {}
    for office, key, n, median, _ in session.execute(percentiles(spans, "office_id", "key")):
        found.setdefault(office, {})[key] = {"value": as_days(median), "count": n, "base": None}
    return found


def values(session: Session, start: date, end: date, today: date, quota: int, *, offices=None) -> dict[int, dict]:
    """{office id: {measure: {value, count, base}}} for every measure (value None without data)."""
    found: dict[int, dict] = {}

    def put(office, key, figure):
        found.setdefault(office, {})[key] = figure

    for office, figure in _quota(session, start, end, quota, offices).items():
        put(office, "inspection_quota", figure)
    for source in (_funnel(session, start, end, offices), _leads(session, start, end, offices)):
        for office, figures in source.items():
            for key, figure in figures.items():
                put(office, key, figure)
    concluded = _concluded(start, end, offices)
    for office, n, done in _by_office(session, concluded, func.count(), func.count(concluded.c.done)):
        put(office, "investigations_concluded", _figure(done, n))
    deadlines = _deadlines(start, end, today, offices)
    for office, kept, decided in _by_office(session, deadlines, func.sum(deadlines.c.kept),
                                            func.sum(deadlines.c.decided)):
        put(office, "office_deadlines_kept", _figure(int(kept or 0), int(decided or 0)))
    return found


# --- the rows behind one office's value -------------------------------------------------------------------------

def _cases_of(session, rows, *columns, order):
    query = (select(Case.number, Company.name, *columns).select_from(rows).join(Case, Case.id == rows.c.case_id)
             .join(Company, Company.id == Case.company_id).order_by(*order, Case.number))
    return session.execute(query).all()


def _rate_rows(session, measure, start, end, office) -> list[dict]:
    base = funnel_.cases(session, _RATES[measure], start, end, offices=(office,))
    complied = {r["case"]: r["on"] for r in funnel_.cases(session, measure, start, end, offices=(office,))}
    return [{"case": r["case"], "company": r["company"], "from": r["on"], "to": complied.get(r["case"]),
             "counted": r["case"] in complied} for r in base]


def _concluded_rows(session, start, end, office) -> list[dict]:
    rows = _concluded(start, end, (office,))
    return [{"case": n, "company": c, "from": began, "to": done, "counted": done is not None}
            for n, c, began, done in _cases_of(session, rows, rows.c.began, rows.c.done, order=(rows.c.began,))]


def _deadline_rows(session, start, end, today, office) -> list[dict]:
    rows = _deadlines(start, end, today, (office,))
    found = _cases_of(session, rows, rows.c.kind, rows.c.due, rows.c.closed, rows.c.kept, rows.c.decided,
                      order=(rows.c.due,))
    return [{"case": n, "company": c, "what": DEFAULT_TIMER_RULES[TimerKind(kind)].label, "from": due, "to": closed,
             "counted": bool(kept), "pending": not decided} for n, c, kind, due, closed, kept, decided in found]


def _quota_rows(session, start, end, quota, office) -> list[dict]:
    rows = workload_.inspections(session, start, end, quota, offices=(office,))["rows"]
    return [{"officer": r["officer"], "name": r["name"], "month": r["month"], "total": r["total"], "quota": quota,
             "counted": r["met"]} for r in rows]


def rows(session: Session, measure: str, office: int, start: date, end: date, today: date, quota: int) -> list[dict]:
    """What one office's value of `measure` counts: cases (with `from`/`to` dates and whether each counted),
    deadlines, spans in days, or officer-months against the quota."""
    if measure not in MEASURE:
        raise NotFound(f"unknown measure {measure!r}")
    if measure == "inspection_quota":
        return _quota_rows(session, start, end, quota, office)
    if measure in _RATES:
        return _rate_rows(session, measure, start, end, office)
    if measure == "investigations_concluded":
        return _concluded_rows(session, start, end, office)
    if measure == "office_deadlines_kept":
        return _deadline_rows(session, start, end, today, office)
    assert measure in LEAD
    return [{"case": r["case"], "company": r["company"], "from": r["from"], "to": r["to"], "days": r["days"]}
            for r in durations_.cases(session, measure, start, end, offices=(office,))]
