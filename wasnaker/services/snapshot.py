"""Gathers the plain-value snapshot of a case that document contexts are built from."""

import json
import tomllib
from datetime import date
from functools import lru_cache
from pathlib import Path

from sqlmodel import Session, select

from models import Case, Company, Complaint, Officer
from wasnaker.domain import chronicle, lifecycle
from wasnaker.domain.vocabulary import (
    CLOSE_REASON_LABELS,
    REGIME_LABELS,
    ROLE_LABELS,
    STATE_LABELS,
    Regime,
    Role,
    State,
    TimerKind,
)
from wasnaker.services import chain, repo
from wasnaker.settings import get_settings


@lru_cache
def metadata(kind: str, templates_dir: Path | None = None) -> dict:
    folder = templates_dir or get_settings().templates_dir
    return json.loads((folder / kind / "metadata.json").read_text(encoding="utf-8"))


@lru_cache
def laws_catalogue(templates_dir: Path | None = None) -> dict:
    """The laws letters cite and each kind's legal bases (document_templates/laws.toml); {} when absent."""
    path = (templates_dir or get_settings().templates_dir) / "laws.toml"
    return tomllib.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def _officer(o: Officer | None) -> dict | None:
    if o is None or not o.nip:
        return None
    return {"username": o.username, "name": o.name, "nip": o.nip, "rank": o.rank, "role": o.role,
            "is_ppns": o.is_ppns}


def _first(session, office_id, role) -> Officer | None:
    found = repo.office_officers(session, office_id, role)
    return found[0] if found else None


def _signatory(session, office_id, role: Role) -> dict | None:
    """Who signs for a role: the office's configured signatory, else its first officer of that role."""
    configured = repo.office(session, office_id).settings.get("signatories", {}).get(role.value)
    if configured:
        return {"username": "", "role": role.value, "is_ppns": False, **configured}
    return _officer(_first(session, office_id, role))


def _office(session, office_id) -> dict:
    o = repo.office(session, office_id)
    return {"province": o.province, "parent": o.parent, "name": o.name, "address": o.address, "city": o.city,
            "phone": o.phone, "email": o.email, "code": o.code, "timezone": o.timezone}


def _company(c: Company) -> dict:
    return {"name": c.name, "nib": c.nib, "npwp": c.npwp, "address": c.address, "head_name": c.head_name,
            "head_title": c.head_title, "kbli": c.kbli, "workforce": c.workforce}


def _closed_as(event, case: Case) -> str | None:
    if event.to_state != State.closed or event.from_state == State.closed:
        return None
    row = lifecycle.find(State(event.from_state) if event.from_state else None, event.trigger)
    reason = lifecycle.close_reason_for(row, case.details) if row else None
    return CLOSE_REASON_LABELS[reason] if reason else None


def _letters(session, case: Case) -> list[chronicle.Letter]:
    """The numbered documents of the case, each with the act that issued it and the deadline it set."""
    deadlines = {}
    for t in repo.timers(session, case.id):
        deadlines.setdefault(t.document_id, {"length": t.length, "unit": t.unit})
    return [chronicle.Letter(d.kind, d.number, d.event_id, d.received_on.isoformat() if d.received_on else None,
                             deadlines.get(d.id)) for d in repo.documents(session, case.id) if d.number]


def _events(session, case: Case) -> list[dict]:
    """The chronology lists acts by the date they happened, each told from the data it stored
    (`domain.chronicle`); the recording time is not the act's time."""
    people = {o.username: o.name for o in repo.office_officers(session, case.office_id)}
    events = repo.events(session, case.id)
    told = chronicle.describe_all(
        [chronicle.Event(e.id, e.trigger, e.data, people.get(e.actor, chronicle.SYSTEM_NAME), e.from_state,
                         _closed_as(e, case)) for e in events], _letters(session, case), people)
    return [{"date": e.on_date.isoformat(), "time": None, "actor": people.get(e.actor, chronicle.SYSTEM_NAME),
             "role": None if e.role == Role.system else ROLE_LABELS[Role(e.role)], "description": description,
             "state_label": STATE_LABELS[State(e.to_state)]} for e, description in zip(events, told, strict=True)]


def _timers(session, case, policy) -> list[dict]:
    return [{"kind": t.kind, "label": policy.rule(TimerKind(t.kind)).label, "length": t.length, "unit": t.unit,
             "start": t.start_date.isoformat() if t.start_date else None,
             "due_date": t.due_date.isoformat() if t.due_date else None, "status": t.status,
             "closed_on": t.closed_on.isoformat() if t.closed_on else None,
             "expired": any(h.get("what") == "expired" for h in t.history)}
            for t in repo.timers(session, case.id)]


def _documents(session, case) -> list[dict]:
    return [{"kind": d.kind, "number": d.number, "date": d.doc_date.isoformat(), "status": d.status,
             "received_on": d.received_on.isoformat() if d.received_on else None, "sha256": d.sha256}
            for d in repo.documents(session, case.id)]


def _criminal(case: Case, office: dict, policy) -> dict:
    """What the criminal track's letters cite and whom they go to: the regime's procedure articles, the
    prosecutor's office of the offence's district and the police coordinator (office policy)."""
    procedure = policy.procedure(Regime(case.regime))
    district = (case.details.get("incident") or {}).get("offence", {}).get("district")
    return {"procedure": {"law": procedure.law, "ppns_power": procedure.ppns_power,
                          **{name: list(getattr(procedure, name)) for name in (
                              "investigation", "spdp", "summons", "file_handover", "tipiring", "termination",
                              "restorative_justice")},
                          "summons_warning": procedure.summons_warning,
                          "sp3_grounds": {k.value: v for k, v in procedure.sp3_grounds.items()}},
            "prosecutor": policy.prosecutor_for(district) if district else None,
            "korwas": policy.korwas_for(office["province"])}


def _spts(session, case) -> list[dict]:
    """The case's SPTs with the period each orders (from the act that signed it), oldest first."""
    data = {e.id: e.data for e in repo.events(session, case.id)}
    return [{"number": d.number, "date": d.doc_date.isoformat(),
             "period_start": data.get(d.event_id, {}).get("period_start"),
             "period_end": data.get(d.event_id, {}).get("period_end")}
            for d in repo.documents(session, case.id) if d.kind == "spt" and d.number]


def _rule_summary(rule) -> dict:
    return {"length": rule.length, "unit": rule.unit, "basis": rule.basis}


def snapshot(session: Session, case: Case, *, on: date, actor: Officer | None, payload: dict, trigger: str,
             policy) -> dict:
    complaint = session.exec(select(Complaint).where(Complaint.case_id == case.id)).first()
    office = _office(session, case.office_id)
    return {
        "on": on.isoformat(), "trigger": trigger, "payload": payload, "number": None,
        "office": office, "company": _company(session.get(Company, case.company_id)),
        "case": {"number": case.number, "regime_label": REGIME_LABELS[Regime(case.regime)]},
        "details": dict(case.details),
        "complaint": complaint.model_dump(mode="json") if complaint else None,
        "findings": [{**f.model_dump(mode="json"), "order": f.corrective_order}
                     for f in repo.findings(session, case.id)],
        "officers": {"assigned": [_officer(o) for o in repo.case_officers(session, case.id)],
                     "head": _signatory(session, case.office_id, Role.head),
                     "kadis": _signatory(session, case.office_id, Role.kadis), "actor": _officer(actor)},
        "documents": _documents(session, case), "spts": _spts(session, case), "timers": _timers(session, case, policy),
        "events": _events(session, case), "audit_head": chain.head(session, case),
        "confidential_kinds": [k.value for k in policy.confidential_kinds],
        "tembusan": {k.value: list(v) for k, v in policy.tembusan.items()},
        "confidential_copies_outside": policy.confidential_copies_outside,
        "laws": laws_catalogue(),
        "redetermination_days": policy.rule(TimerKind.redetermination_request).length,
        "sp3_notification": _rule_summary(policy.rule(TimerKind.sp3_notification)),
        "criminal": _criminal(case, office, policy),
    }
