"""What each trigger does to the case's data beyond the generic state/timer/document work.

Most triggers store their data under a key of `case.details` (the case's current facts; the event log keeps
the history). The few that write rows have a handler in HANDLERS.
"""

from datetime import date

from models import Case, CaseOfficer, Complaint, Finding
from wasnaker.domain import validation
from wasnaker.domain.errors import InvalidData
from wasnaker.domain.numbering import format_number
from wasnaker.domain.vocabulary import FindingStatus, Regime, State
from wasnaker.services import repo, timers
from wasnaker.services.sequences import next_seq

KUHAP_2025_FROM = date(2026, 1, 2)  # UU 20/2025 applies to procedural acts from 2 January 2026


def regime_on(day: date) -> Regime:
    return Regime.kuhap_2025 if day >= KUHAP_2025_FROM else Regime.kuhap_1981


def create_case(act) -> Case:
    nib = validation.nib(act.payload.company_nib)
    company = repo.company_by_nib(act.session, nib)
    office = repo.office(act.session, act.actor.office_id)
    seq = next_seq(act.session, office.id, "case", act.on.year)
    number = format_number(act.policy.case_number_pattern, seq=seq, unit=office.code, on=act.on,
                           classification=act.policy.classification, confidential=False)
    origin = "complaint" if act.row.target == State.complaint_received else "planned"
    return Case(number=number, office_id=office.id, company_id=company.id, regime=regime_on(act.on),
                origin=origin, opened_on=act.on, created_at=act.now, details={})


def _set_detail(act, key: str, value) -> None:
    act.case.details = {**act.case.details, key: value}


def _data(act) -> dict:
    return act.payload.model_dump(mode="json")


def _file_complaint(act):
    p = act.payload
    act.session.add(Complaint(case_id=act.case.id, complainant_name=p.complainant_name,
                              complainant_contact=p.complainant_contact, channel=p.channel, summary=p.summary,
                              norms=p.norms, evidence=p.evidence, received_on=act.on,
                              consents=p.complainant_consents))


def _assign(act, usernames: list[str]):
    present = {o.id for o in repo.case_officers(act.session, act.case.id)}
    for officer in repo.officers(act.session, usernames):
        if officer.id not in present:
            act.session.add(CaseOfficer(case_id=act.case.id, officer_id=officer.id))


FINDING_INSERT = Finding.__table__.insert()


def _record_finding(act):
    """One INSERT outside the unit of work (the commonest act: no object to build and flush)."""
    p = act.payload
    no = len(act.facts.findings) + 1  # the findings the guards read, the case locked since
    act.session.connection().execute(FINDING_INSERT, dict(
        case_id=act.case.id, no=no, norm=p.norm, article=p.article, facts=p.facts, corrective_order=p.order,
        workers_affected=p.workers_affected, amount=p.total, workers=[w.model_dump(mode="json") for w in p.workers],
        status=FindingStatus.open.value, recorded_on=act.on))


def _set_findings(act, numbers: list[int] | None, status: FindingStatus):
    for f in repo.findings(act.session, act.case.id):
        if f.status != FindingStatus.complied and (numbers is None or f.no in numbers):
            f.status = status
            act.session.add(f)


def _all_complied(act):
    _set_findings(act, None, FindingStatus.complied)


def _recheck(act):
    _set_findings(act, act.payload.partly, FindingStatus.partly)
    _set_findings(act, act.payload.complied, FindingStatus.complied)
    _set_detail(act, "recheck", {**_data(act), "on": act.on.isoformat()})


def _redetermination(act):
    finding = next((f for f in repo.findings(act.session, act.case.id) if f.no == act.payload.finding_no), None)
    if finding is None:
        raise InvalidData(f"record_redetermination: no finding number {act.payload.finding_no}")
    finding.workers = [w.model_dump(mode="json") for w in act.payload.workers]
    finding.amount = sum(i.amount for w in act.payload.workers for i in w.items)
    act.session.add(finding)
    _set_detail(act, "redetermination", {**_data(act), "on": act.on.isoformat()})


def _incident(act):
    _set_detail(act, "incident", {**_data(act), "on": act.on.isoformat()})
    _set_detail(act, "criminal_articles", list(act.payload.articles))


def _sprindik(act):
    _assign(act, act.payload.investigators)
    act.case.regime = regime_on(act.on)
    _set_detail(act, "investigators", list(act.payload.investigators))


def _append_detail(key: str):
    def handler(act):
        _set_detail(act, key, [*act.case.details.get(key, []), {**_data(act), "on": act.on.isoformat()}])
    return handler


def _store(key: str):
    def handler(act):
        _set_detail(act, key, {**_data(act), "on": act.on.isoformat()})
    return handler


def _spt(act):
    """The latest SPT, and every SPT's period: a re-inspection must fall within one of them."""
    details, entry = act.case.details, {**_data(act), "on": act.on.isoformat()}
    earlier = details.get("spts") or ([details["spt"]] if "spt" in details else [])  # cases from before "spts"
    _set_detail(act, "spt", entry)
    _set_detail(act, "spts", [*earlier, entry])


def _deemed_complete(act):
    # KUHAP Ps 110(4): the prosecutor's silence for 14 days stands in for the P-21.
    _set_detail(act, "p21", {"p21_number": "P-21 (dianggap lengkap, KUHAP Pasal 110 ayat (4))",
                             "on": act.on.isoformat(), "deemed": True})


def _terminate(act):
    _set_detail(act, "sp3", {**_data(act), "on": act.on.isoformat()})
    _set_detail(act, "sp3_ground", act.payload.ground.value)


def _rj_fulfilled(act):
    # the SP3 cites the agreement (its document) and this date; the officer's note is printed only as such
    _set_detail(act, "sp3", {"ground": "restorative_justice", "detail": act.payload.note,
                             "fulfilled_on": act.on.isoformat(), "on": act.on.isoformat()})
    _set_detail(act, "sp3_ground", "restorative_justice")


HANDLERS = {
    "file_complaint": _file_complaint,
    "plan_inspection": _store("plan"),
    "verify_complaint": _store("verification"),
    "assign_inspectors": lambda act: _assign(act, act.payload.inspectors),
    "sign_spt": _spt,
    "record_finding": _record_finding,
    "record_inspection": _store("inspection"),
    "record_compliance": _all_complied,
    "record_payment": _all_complied,
    "record_recheck": _recheck,
    "record_receipt": timers.record_receipt,
    "request_redetermination": _store("redetermination_request"),
    "record_redetermination": _redetermination,
    "recommend_sanction": _store("sanction"),
    "send_sanction_recommendation": _store("sanction"),
    "record_sanction_decision": _store("sanction_decision"),
    "report_incident": _incident,
    "start_investigation": _sprindik,
    "issue_new_sprindik": _sprindik,
    "send_spdp": _store("spdp"),
    "summon": _append_detail("summons"),
    "record_bap": _append_detail("baps"),
    "record_seizure": _append_detail("seizures"),
    "submit_file": _store("prosecution"),
    "receive_p19": _store("p19"),
    "receive_p21": _store("p21"),
    "deem_file_complete": _deemed_complete,
    "resubmit_file": _store("resubmission"),
    "hand_over": _store("handover"),
    "terminate_investigation": _terminate,
    "start_restorative_justice": _store("rj"),
    "record_rj_fulfilment": _rj_fulfilled,
    "record_rj_breach": _store("rj_breach"),
    "open_tipiring": _store("tipiring"),
    "record_court_verdict": _store("verdict"),
    "notify_sp3": _store("sp3_notice"),
}


def apply(act) -> None:
    """The trigger's own work; written with the act's last flush (or before, by a query that needs it)."""
    handler = HANDLERS.get(act.row.trigger)
    if handler:
        handler(act)
    act.session.add(act.case)
