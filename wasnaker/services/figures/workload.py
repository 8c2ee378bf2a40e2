"""Workload: inspections per inspector per month against the quota (policy), and open cases per officer.

An inspection (the first one or a re-check, each under an SPT) counts for every officer assigned to the case —
the SPT sends them as a team — in the month of its on_date. Every inspector and PPNS of the chosen offices has a
row for every calendar month the period touches, with zero when they made none: those are the rows that matter.
The quota applies per calendar month, so a period that starts or ends mid-month is measured against the whole
month's quota: ask for whole months."""

from datetime import date

from sqlalchemy import and_, case, extract, func, select
from sqlmodel import Session

from models import Case, CaseEvent, CaseOfficer, Company, Office, Officer
from wasnaker.domain.errors import NotFound
from wasnaker.domain.measures import INSPECTION_TRIGGERS
from wasnaker.domain.vocabulary import ROLE_LABELS, STATE_LABELS, Role, State
from wasnaker.services.figures.sql import in_offices, of_offices

FIELD_ROLES = (Role.inspector, Role.ppns)


def months(start: date, end: date) -> list[tuple[int, int]]:
    """(year, month) of every calendar month from `start` to `end`."""
    count = (end.year - start.year) * 12 + end.month - start.month + 1
    first = start.year * 12 + start.month - 1
    return [((first + i) // 12, (first + i) % 12 + 1) for i in range(max(count, 0))]


def _officers(session, offices) -> list[dict]:
    query = (select(Officer.id, Officer.username, Officer.name, Officer.role, Office.code)
             .join(Office, Office.id == Officer.office_id).where(Officer.role.in_(FIELD_ROLES), Officer.active)
             .order_by(Office.code, Officer.username))
    if offices is not None:
        query = query.where(Officer.office_id.in_(offices))
    return [dict(r) for r in session.execute(query).mappings()]


def _counts(session, start, end, offices) -> dict:
    year, month = extract("year", CaseEvent.on_date), extract("month", CaseEvent.on_date)
    first = func.sum(case((CaseEvent.trigger == INSPECTION_TRIGGERS[0], 1), else_=0))
    query = (select(CaseOfficer.officer_id, year, month, first, func.count())
             .select_from(CaseEvent).join(CaseOfficer, CaseOfficer.case_id == CaseEvent.case_id)
             .where(CaseEvent.trigger.in_(INSPECTION_TRIGGERS), CaseEvent.on_date >= start, CaseEvent.on_date <= end)
             .group_by(CaseOfficer.officer_id, year, month))
    return {(officer, int(y), int(m)): (int(n_first), n) for officer, y, m, n_first, n in
            session.execute(of_offices(query, CaseEvent.case_id, offices))}


def inspections(session: Session, start: date, end: date, quota: int, *, offices=None) -> dict:
    """One row per field officer and month: inspections (first ones and re-checks) against the monthly quota."""
    counts, periods = _counts(session, start, end, offices), months(start, end)
    rows = []
    for officer in _officers(session, offices):
        for y, m in periods:
            first, total = counts.get((officer["id"], y, m), (0, 0))
            rows.append({"office": officer["code"], "officer": officer["username"], "name": officer["name"],
                         "role": officer["role"], "role_label": ROLE_LABELS[Role(officer["role"])],
                         "month": f"{y:04d}-{m:02d}", "inspections": first, "rechecks": total - first,
                         "total": total, "quota": quota, "met": total >= quota, "short": max(quota - total, 0)})
    return {"from": start, "to": end, "quota": quota, "months": [f"{y:04d}-{m:02d}" for y, m in periods],
            "rows": rows}


def open_cases(session: Session, *, offices=None) -> list[dict]:
    """Cases not yet closed per field officer (assigned through the SPT), most loaded first; zero included."""
    still_open = and_(Case.id == CaseOfficer.case_id, Case.state != State.closed)
    query = (select(Officer.username, Officer.name, Officer.role, Office.code, func.count(Case.id).label("n"))
             .join(Office, Office.id == Officer.office_id).outerjoin(CaseOfficer, CaseOfficer.officer_id == Officer.id)
             .outerjoin(Case, still_open).where(Officer.role.in_(FIELD_ROLES), Officer.active)
             .group_by(Officer.username, Officer.name, Officer.role, Office.code)
             .order_by(func.count(Case.id).desc(), Office.code, Officer.username))
    if offices is not None:
        query = query.where(Officer.office_id.in_(offices))
    return [{"office": code, "officer": user, "name": name, "role": role, "role_label": ROLE_LABELS[Role(role)],
             "open_cases": n} for user, name, role, code, n in session.execute(query)]


def _officer_id(session, username: str) -> int:
    found = session.execute(select(Officer.id).where(Officer.username == username)).scalar_one_or_none()
    if found is None:
        raise NotFound(f"unknown officer {username!r}")
    return found


def inspection_cases(session: Session, username: str, start: date, end: date, *, offices=None) -> list[dict]:
    """The inspections behind one officer's workload figures in the period (each with its month)."""
    query = (select(Case.number, Office.code, Company.name, CaseEvent.trigger, CaseEvent.on_date)
             .select_from(CaseEvent).join(CaseOfficer, CaseOfficer.case_id == CaseEvent.case_id)
             .join(Case, Case.id == CaseEvent.case_id).join(Office, Office.id == Case.office_id)
             .join(Company, Company.id == Case.company_id)
             .where(CaseOfficer.officer_id == _officer_id(session, username),
                    CaseEvent.trigger.in_(INSPECTION_TRIGGERS), CaseEvent.on_date >= start, CaseEvent.on_date <= end)
             .order_by(CaseEvent.on_date, CaseEvent.id))
    return [{"case": number, "office": office, "company": company, "on": on, "month": on.strftime("%Y-%m"),
             "recheck": trigger != INSPECTION_TRIGGERS[0]}
            for number, office, company, trigger, on in session.execute(in_offices(query, offices))]


def open_cases_of(session: Session, username: str, *, offices=None) -> list[dict]:
    """The open cases behind one officer's count."""
    query = (select(Case.number, Office.code, Company.name, Case.state, Case.opened_on)
             .join(CaseOfficer, CaseOfficer.case_id == Case.id).join(Office, Office.id == Case.office_id)
             .join(Company, Company.id == Case.company_id)
             .where(CaseOfficer.officer_id == _officer_id(session, username), Case.state != State.closed)
             .order_by(Case.opened_on, Case.number))
    return [{"case": number, "office": office, "company": company, "state": state,
             "state_label": STATE_LABELS[State(state)], "opened_on": opened}
            for number, office, company, state, opened in session.execute(in_offices(query, offices))]


