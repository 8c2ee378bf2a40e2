"""The PPNS record (issue #13): per investigator, the distinct cases of each column of measures.PPNS_RECORD in the
period — investigations opened, P-21 reached, tipiring investigated (its BAP done), SP3, restorative justice
fulfilled — and the median days from Sprindik to P-21. A case counts for every PPNS assigned to it (the Sprindik
names the team), as inspections count for every inspector on the workload page, and for the PPNS who recorded the
act (a tipiring is opened by a PPNS straight from the incident report, with no Sprindik). Every active PPNS of the
chosen offices has a row, with zeros when they had none."""

from datetime import date

from sqlalchemy import case, func, literal, select, union
from sqlmodel import Session

from models import Case, CaseEvent, CaseOfficer, Company, Office, Officer
from wasnaker.domain.errors import NotFound
from wasnaker.domain.measures import PPNS_RECORD, TALLIES
from wasnaker.domain.vocabulary import Role
from wasnaker.services.figures import durations as durations_
from wasnaker.services.figures.sql import as_days, percentiles

_TRIGGERS = tuple(t for tally in PPNS_RECORD for t in tally.triggers)


def _investigators(session, offices) -> list[dict]:
    query = (select(Officer.id, Officer.username, Officer.name, Office.code)
             .join(Office, Office.id == Officer.office_id).where(Officer.role == Role.ppns, Officer.active)
             .order_by(Office.code, Officer.username))
    if offices is not None:
        query = query.where(Officer.office_id.in_(offices))
    return [dict(r) for r in session.execute(query).mappings()]


def _tallied(start, end):
    """(officer_id, case_id, key, on_date) for every PPNS tally event of the period, once for each PPNS assigned to
    the case and for the PPNS who recorded it."""
    key = case(*[(CaseEvent.trigger.in_(t.triggers), literal(t.key)) for t in PPNS_RECORD]).label("key")
    in_period = (CaseEvent.trigger.in_(_TRIGGERS), CaseEvent.on_date >= start, CaseEvent.on_date <= end)
    assigned = (select(CaseOfficer.officer_id, CaseEvent.case_id, key, CaseEvent.on_date).select_from(CaseEvent)
                .join(CaseOfficer, CaseOfficer.case_id == CaseEvent.case_id)
                .join(Officer, (Officer.id == CaseOfficer.officer_id) & (Officer.role == Role.ppns)).where(*in_period))
    recorded = (select(Officer.id, CaseEvent.case_id, key, CaseEvent.on_date).select_from(CaseEvent)
                .join(Officer, (Officer.username == CaseEvent.actor) & (Officer.role == Role.ppns)).where(*in_period))
    return union(assigned, recorded).subquery()


def _counts(session, start, end) -> dict:
    events = _tallied(start, end)
    distinct = select(events.c.officer_id, events.c.key, events.c.case_id).distinct().subquery()
    query = select(distinct.c.officer_id, distinct.c.key, func.count()).group_by(distinct.c.officer_id,
                                                                                 distinct.c.key)
    return {(officer, key): n for officer, key, n in session.execute(query)}


def _medians(session, start, end, offices) -> dict:
    leads = durations_.lead_spans(start, end, offices)
    spans = (select(CaseOfficer.officer_id, leads.c.days).join(CaseOfficer, CaseOfficer.case_id == leads.c.case_id)
             .where(leads.c.key == "sprindik_to_p21").subquery())
    return {officer: (n, as_days(median)) for officer, n, median, _ in
            session.execute(percentiles(spans, "officer_id"))}


def record(session: Session, start: date, end: date, *, offices=None) -> dict:
    """One row per PPNS: the count of each column, and Sprindik to P-21 (median days, over how many files)."""
    counts, medians = _counts(session, start, end), _medians(session, start, end, offices)
    rows = []
    for officer in _investigators(session, offices):
        files, median = medians.get(officer["id"], (0, None))
        rows.append({"office": officer["code"], "officer": officer["username"], "name": officer["name"],
                     **{t.key: counts.get((officer["id"], t.key), 0) for t in PPNS_RECORD},
                     "p21_files": files, "sprindik_to_p21": median})
    return {"from": start, "to": end, "columns": [{"key": t.key, "label": t.label} for t in PPNS_RECORD],
            "rows": rows}


def cases(session: Session, username: str, key: str, start: date, end: date, *, offices=None) -> list[dict]:
    """The cases behind one PPNS's count in one column, with the first day in the period each counted."""
    if key not in TALLIES:
        raise NotFound(f"unknown column {key!r} of the PPNS record")
    query = select(Officer.id).where(Officer.username == username, Officer.role == Role.ppns)
    if offices is not None:
        query = query.where(Officer.office_id.in_(offices))
    officer = session.execute(query).scalar_one_or_none()
    if officer is None:
        raise NotFound(f"no PPNS {username!r} here")
    events = _tallied(start, end)
    query = (select(Case.number, Company.name, func.min(events.c.on_date).label("on"))
             .join(Case, Case.id == events.c.case_id).join(Company, Company.id == Case.company_id)
             .where(events.c.officer_id == officer, events.c.key == key)
             .group_by(Case.number, Company.name).order_by("on", Case.number))
    return [{"case": number, "company": company, "on": on} for number, company, on in session.execute(query)]
