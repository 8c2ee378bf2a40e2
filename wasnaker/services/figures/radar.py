"""The deadline radar: deadlines overdue and due soon (by office, by officer — the case's assigned officers — and
by timer kind), letters issued but not yet served, and notices bounced or failing.

A deadline is overdue when the sweep marked it expired or its moment has passed; due soon when it runs out
within `soon_days`. SQL filters and groups; Python only adds labels and each row's days left in its office's
own time zone."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import case, func, literal, or_, select
from sqlmodel import Session

from models import Case, CaseOfficer, Company, Document, Notice, Office, Officer, Timer
from models._types import as_utc
from wasnaker import clock
from wasnaker.domain.notices import AUDIENCE_LABELS, NOTICE_STATUS_LABELS, Audience, NoticeStatus
from wasnaker.domain.policy import Policy
from wasnaker.domain.vocabulary import DOC_TITLES, DocKind, TimerKind, TimerStatus
from wasnaker.services.figures.sql import in_offices

OVERDUE, DUE_SOON = "overdue", "due_soon"
URGENCY_LABELS = {OVERDUE: "terlambat", DUE_SOON: "segera"}
FAILING = (NoticeStatus.bounced, NoticeStatus.failed, NoticeStatus.retrying)
UNASSIGNED = "belum ditugaskan"


def _urgency(now: datetime):
    return case((or_(Timer.status == TimerStatus.expired, Timer.expires_at <= now), literal(OVERDUE)),
                else_=literal(DUE_SOON)).label("urgency")


def _due(query, now: datetime, soon_days: int, offices):
    """Open deadlines (running, or expired and waiting for an officer) overdue or due within `soon_days`."""
    soon = now + timedelta(days=soon_days)
    query = (query.join(Case, Case.id == Timer.case_id).join(Office, Office.id == Case.office_id)
             .where(Timer.status.in_((TimerStatus.running, TimerStatus.expired)),
                    or_(Timer.status == TimerStatus.expired, Timer.expires_at <= soon)))
    return in_offices(query, offices)


def _counted(pairs) -> dict:
    return {OVERDUE: pairs.get(OVERDUE, 0), DUE_SOON: pairs.get(DUE_SOON, 0)}


def _by(session, now, soon_days, offices, *keys, officers=False) -> list[dict]:
    """Distinct deadlines per key and urgency, one row per key with both counts."""
    urgency = _urgency(now)
    query = select(*keys, urgency, func.count(func.distinct(Timer.id))).select_from(Timer)
    query = _due(query, now, soon_days, offices)
    if officers:
        query = (query.outerjoin(CaseOfficer, CaseOfficer.case_id == Case.id)
                 .outerjoin(Officer, Officer.id == CaseOfficer.officer_id))
    grouped: dict[tuple, dict] = {}
    for *key, level, count in session.execute(query.group_by(*keys, urgency).order_by(*keys)):
        grouped.setdefault(tuple(key), {})[level] = count
    return [(key, _counted(pairs)) for key, pairs in grouped.items()]


@dataclass(frozen=True)
class Pick:
    """Which deadline rows to list (the counts always cover every deadline in scope): one office's code, one
    officer's username, one timer kind, one urgency (overdue | due_soon); at most `limit` rows, most urgent
    first. A count's drill-down is the rows picked by its keys."""

    office: str | None = None
    officer: str | None = None
    kind: str | None = None
    urgency: str | None = None
    limit: int | None = None


def deadlines(session: Session, now: datetime, policy: Policy, *, offices=None, soon_days: int = 7,
              pick: Pick = Pick()) -> dict:
    """Overdue and soon-due deadlines: the rows picked (most urgent first) and the counts by office, officer and
    kind."""
    rows = deadline_rows(session, now, policy, offices=offices, soon_days=soon_days, pick=pick)
    by_office = [{"office": code, "office_name": name, **n}
                 for (code, name), n in _by(session, now, soon_days, offices, Office.code, Office.name)]
    by_officer = [{"office": code, "officer": user, "name": name or UNASSIGNED, **n} for (code, user, name), n in
                  _by(session, now, soon_days, offices, Office.code, Officer.username, Officer.name, officers=True)]
    by_kind = [{"kind": kind, "label": policy.rule(TimerKind(kind)).label, **n}
               for (kind,), n in _by(session, now, soon_days, offices, Timer.kind)]
    return {"as_of": now, "soon_days": soon_days, "rows": rows,
            "by_office": by_office, "by_officer": by_officer, "by_kind": by_kind,
            "total": {lvl: sum(o[lvl] for o in by_office) for lvl in (OVERDUE, DUE_SOON)}}


def _picked(now: datetime, soon_days: int, offices, pick: Pick):
    """The ids of the deadlines picked, most urgent first."""
    query = _due(select(Timer.id).select_from(Timer), now, soon_days, offices)
    if pick.office:
        query = query.where(Office.code == pick.office)
    if pick.officer:
        mine = select(CaseOfficer.case_id).join(Officer, Officer.id == CaseOfficer.officer_id)
        query = query.where(Case.id.in_(mine.where(Officer.username == pick.officer)))
    if pick.kind:
        query = query.where(Timer.kind == pick.kind)
    if pick.urgency:
        query = query.where(_urgency(now) == pick.urgency)
    return query.order_by(Timer.expires_at, Timer.id).limit(pick.limit)


def deadline_rows(session: Session, now: datetime, policy: Policy, *, offices=None, soon_days: int = 7,
                  pick: Pick = Pick()) -> list[dict]:
    """The deadlines picked, most urgent first, each with its case, officers, due date and days left."""
    picked = _picked(now, soon_days, offices, pick).subquery()
    query = (select(Timer.id, Timer.kind, Timer.due_date, Case.number, Company.name.label("company"),
                    Office.code, Office.timezone, _urgency(now), Officer.username, Officer.name.label("officer"))
             .select_from(Timer).join(picked, picked.c.id == Timer.id).join(Case, Case.id == Timer.case_id)
             .join(Office, Office.id == Case.office_id).join(Company, Company.id == Case.company_id)
             .outerjoin(CaseOfficer, CaseOfficer.case_id == Case.id)
             .outerjoin(Officer, Officer.id == CaseOfficer.officer_id)
             .order_by(Timer.expires_at, Timer.id, Officer.username))
    folded: dict[int, dict] = {}
    for r in session.execute(query).mappings():
        row = folded.setdefault(r["id"], {**r, "officers": []})
        if r["username"]:
            row["officers"].append({"username": r["username"], "name": r["officer"]})
    return [_deadline(r, now, policy) for r in folded.values()]


def _deadline(r: dict, now: datetime, policy: Policy) -> dict:
    days = (r["due_date"] - clock.local_date(now, r["timezone"])).days if r["due_date"] else None
    return {"case": r["number"], "company": r["company"], "office": r["code"], "kind": r["kind"],
            "label": policy.rule(TimerKind(r["kind"])).label, "due": r["due_date"], "days_left": days,
            "urgency": r["urgency"], "urgency_label": URGENCY_LABELS[r["urgency"]], "officers": r["officers"]}


def _notices(offices, *conditions):
    """Notices of cases (with their letter, if any) in the chosen offices."""
    query = (select(Notice.id, Notice.recipient, Notice.recipient_name, Notice.audience, Notice.channel,
                    Notice.status, Notice.attempts, Notice.last_error, Notice.subject, Notice.created_at,
                    Document.kind, Document.number.label("letter"), Document.doc_date, Case.number, Office.code,
                    Office.timezone)
             .outerjoin(Document, Document.id == Notice.document_id).join(Case, Case.id == Notice.case_id)
             .join(Office, Office.id == Case.office_id).where(*conditions)
             .order_by(Office.code, Notice.id))
    return in_offices(query, offices)


def _letter(r: dict, now: datetime) -> dict:
    dated = r["doc_date"] or clock.local_date(as_utc(r["created_at"]), r["timezone"])
    return {"case": r["number"], "office": r["code"], "kind": r["kind"],
            "title": DOC_TITLES[DocKind(r["kind"])] if r["kind"] else r["subject"].split(" [")[0],
            "letter": r["letter"], "dated": dated, "to": r["recipient_name"] or r["recipient"],
            "audience": r["audience"], "audience_label": AUDIENCE_LABELS.get(Audience(r["audience"]), "Petugas"),
            "channel": r["channel"], "status": r["status"],
            "status_label": NOTICE_STATUS_LABELS.get(r["status"], r["status"]),
            "days_waiting": (clock.local_date(now, r["timezone"]) - dated).days}


def _per_office(session, query) -> list[dict]:
    counted = select(query.c.code, func.count()).group_by(query.c.code).order_by(query.c.code)
    return [{"office": code, "count": n} for code, n in session.execute(counted)]


def unserved(session: Session, now: datetime, *, offices=None, status: NoticeStatus | None = None) -> dict:
    """Letters to outside parties issued and on their way (or delivered) with no proof of service yet: no tanda
    terima, no postal receipt, no acknowledged or deemed e-mail. Bounced and failing ones are in `failing`.
    `status`: only the notices in that delivery status (e.g. awaiting_service: to be carried by hand or post)."""
    query = _notices(offices, Notice.document_id.is_not(None), Notice.audience != Audience.internal,
                     Notice.served_on.is_(None), Notice.status.not_in(FAILING),
                     Notice.status != NoticeStatus.served, *([Notice.status == status] if status else []))
    rows = [_letter(r, now) for r in session.execute(query).mappings()]
    return {"rows": rows, "by_office": _per_office(session, query.subquery()), "total": len(rows)}


def failing(session: Session, now: datetime, *, offices=None) -> dict:
    """Notices of a case whose e-mail bounced, failed for good, or is failing and being retried — letters to
    outside parties and messages to officers alike: each needs an officer."""
    query = _notices(offices, Notice.status.in_(FAILING))
    rows = [{**_letter(r, now), "attempts": r["attempts"], "error": r["last_error"][:200]}
            for r in session.execute(query).mappings()]
    return {"rows": rows, "by_office": _per_office(session, query.subquery()), "total": len(rows)}
