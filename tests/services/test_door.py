"""The service door: every bad input is a clear error and leaves the database unchanged."""

from datetime import date

import pytest

from models import CaseEvent
from tests.helpers import COMPLAINT, NOW, act, fingerprint, incident, restorative, to_inspecting
from wasnaker.db import session_scope
from wasnaker.domain.errors import (
    FutureDate,
    GuardFailed,
    InvalidData,
    NotFound,
    RoleNotAllowed,
    TriggerNotAllowed,
    UnknownTrigger,
)
from wasnaker.services import repo
from wasnaker.services.transitions import apply_trigger


def _rejected(engine, exc_type, match, trigger, actor, on, case=None, **data):
    before = fingerprint(engine)
    with pytest.raises(exc_type, match=match):
        act(engine, trigger, actor, on, case, **data)
    assert fingerprint(engine) == before


def test_unknown_trigger(seeded):
    number = to_inspecting(seeded)
    _rejected(seeded, UnknownTrigger, "unknown trigger 'issue_nota_3'", "issue_nota_3", "budi", "2026-03-03", number)


def test_trigger_not_allowed_in_state_names_the_allowed_ones(seeded):
    number = to_inspecting(seeded)
    _rejected(seeded, TriggerNotAllowed, "not allowed in state inspecting; allowed: .*issue_nota_1",
              "receive_p21", "sari", "2026-03-03", number, p21_number="B-1")


def test_wrong_role(seeded):
    number = to_inspecting(seeded)
    _rejected(seeded, RoleNotAllowed, "needs role inspector, ppns; dewi is desk", "issue_nota_1", "dewi",
              "2026-03-03", number)


def test_inspector_not_assigned_to_the_case(seeded):
    with session_scope(seeded) as s:
        from wasnaker.services.registry import add_officer
        add_officer(s, office=repo.office_by_code(s, "UPTD-WIL.I"), username="tono", name="Tono",
                    nip="198001012005011099", role="inspector")
    number = to_inspecting(seeded)
    _rejected(seeded, GuardFailed, "tono is not assigned", "issue_nota_1", "tono", "2026-03-03", number)


def test_missing_data(seeded):
    number = to_inspecting(seeded)
    _rejected(seeded, InvalidData, "order: Field required", "record_finding", "budi", "2026-03-03", number,
              norm="Upah", article="Pasal 88E", facts="40 pekerja")


def test_unknown_data_field(seeded):
    number = to_inspecting(seeded)
    _rejected(seeded, InvalidData, "deadline: Extra inputs", "issue_nota_1", "budi", "2026-03-03", number,
              deadline=14)


def test_future_act_date(seeded):
    number = to_inspecting(seeded)
    _rejected(seeded, FutureDate, "2026-11-24 is in the future", "issue_nota_1", "budi", "2026-11-24", number)


def test_future_date_inside_the_data(seeded):
    number = to_inspecting(seeded)
    _rejected(seeded, FutureDate, "received_on 2027-01-05 is in the future", "issue_nota_1", "budi",
              "2026-03-03", number, received_on="2027-01-05")


def test_act_dated_before_the_last_recorded_act(seeded):
    number = to_inspecting(seeded)
    _rejected(seeded, InvalidData, "before the case's last recorded act", "issue_nota_1", "budi", "2026-03-01",
              number)


def test_deadline_over_the_policy_maximum(seeded):
    number = to_inspecting(seeded)
    _rejected(seeded, GuardFailed, "deadline_days=31 exceeds the policy maximum of 30", "issue_nota_1", "budi",
              "2026-03-03", number, deadline_days=31)


def test_malformed_nib(seeded):
    _rejected(seeded, InvalidData, "malformed NIB '91200012345': an NIB has 13 digits", "file_complaint", "dewi",
              "2026-03-02", **{**COMPLAINT, "company_nib": "91200012345"})


def test_unknown_company_and_officer(seeded):
    _rejected(seeded, NotFound, "unknown company", "file_complaint", "dewi", "2026-03-02",
              **{**COMPLAINT, "company_nib": "1111111111111"})
    _rejected(seeded, NotFound, "unknown officer 'nobody'", "file_complaint", "nobody", "2026-03-02", **COMPLAINT)


def test_nota_needs_a_finding_with_article_and_order(seeded):
    number = act(seeded, "file_complaint", "dewi", "2026-03-02", **COMPLAINT).case_number
    act(seeded, "verify_complaint", "dewi", "2026-03-02", number)
    act(seeded, "assign_inspectors", "hendra", "2026-03-02", number, inspectors=["budi"])
    act(seeded, "sign_spt", "kadis", "2026-03-02", number, period_start="2026-03-03", period_end="2026-03-03")
    act(seeded, "record_inspection", "budi", "2026-03-03", number, inspection_date="2026-03-03")
    _rejected(seeded, GuardFailed, "at least one open finding", "issue_nota_1", "budi", "2026-03-04", number)


def test_inspection_is_never_dated_before_its_spt(seeded):
    number = act(seeded, "file_complaint", "dewi", "2026-03-02", **COMPLAINT).case_number
    act(seeded, "verify_complaint", "dewi", "2026-03-02", number)
    act(seeded, "assign_inspectors", "hendra", "2026-03-02", number, inspectors=["budi"])
    act(seeded, "sign_spt", "kadis", "2026-03-04", number, period_start="2026-03-04", period_end="2026-03-05")
    _rejected(seeded, GuardFailed, "before the SPT", "record_inspection", "budi", "2026-03-05", number,
              inspection_date="2026-03-03")


def test_nota_2_needs_nota_1_expired_and_not_complied(seeded):
    number = to_inspecting(seeded)
    act(seeded, "issue_nota_1", "budi", "2026-03-03", number, deadline_days=7, received_on="2026-03-04")
    _rejected(seeded, GuardFailed, "runs until 2026-03-11", "issue_nota_2", "budi", "2026-03-10", number)


def test_sprindik_needs_ppns_investigators(seeded):
    number = to_inspecting(seeded)
    act(seeded, "report_incident", "budi", "2026-03-03", number, **incident("obstruction", ["UU 3/1951 jo UU 23/1948"]))
    _rejected(seeded, GuardFailed, "not PPNS: budi", "start_investigation", "hendra", "2026-03-04", number,
              investigators=["budi"])


def test_tahap_1_needs_the_spdp_and_rj_needs_an_eligible_article(seeded):
    number = to_inspecting(seeded)
    act(seeded, "report_incident", "budi", "2026-03-03", number, **incident())
    act(seeded, "start_investigation", "hendra", "2026-03-04", number, investigators=["sari"])
    _rejected(seeded, GuardFailed, "send the SPDP first", "submit_file", "sari", "2026-03-05", number,
              file_contents=["BAP"])
    _rejected(seeded, GuardFailed, "not RJ-eligible|no article of this case is RJ-eligible",
              "start_restorative_justice", "sari", "2026-03-05", number, **restorative())


def test_sp3_needs_a_ground(seeded):
    number = to_inspecting(seeded)
    act(seeded, "report_incident", "budi", "2026-03-03", number, **incident())
    act(seeded, "start_investigation", "hendra", "2026-03-04", number, investigators=["sari"])
    _rejected(seeded, InvalidData, "ground: Field required", "terminate_investigation", "sari", "2026-03-05",
              number, detail="Tidak cukup bukti untuk perkara ini")


def test_an_applied_trigger_is_audited_with_actor_dates_and_data(seeded):
    number = to_inspecting(seeded)
    out = act(seeded, "issue_nota_1", "budi", "2026-03-03", number, deadline_days=10)
    with session_scope(seeded) as s:
        event = s.get(CaseEvent, out.event_id)
        assert (event.actor, event.role, event.from_state, event.to_state) == ("budi", "inspector", "inspecting",
                                                                                "nota_1")
        assert event.on_date.isoformat() == "2026-03-03" and event.data["deadline_days"] == 10


def test_a_letter_dated_before_a_higher_numbered_one_of_its_series_is_refused(seeded):
    """Numbers follow dates within a series: SPT 0002 dated 13 January after SPT 0001 dated 4 February reads as
    backdating. The late act is refused naming the letter; once the acts come in date order it goes through."""
    later = act(seeded, "file_complaint", "dewi", "2026-02-02", **COMPLAINT).case_number
    act(seeded, "verify_complaint", "dewi", "2026-02-02", later)
    act(seeded, "assign_inspectors", "hendra", "2026-02-03", later, inspectors=["budi"])
    act(seeded, "sign_spt", "kadis", "2026-02-04", later, period_start="2026-02-05", period_end="2026-02-05")
    earlier = act(seeded, "plan_inspection", "hendra", "2026-01-12", company_nib="9120007654321").case_number
    act(seeded, "assign_inspectors", "hendra", "2026-01-12", earlier, inspectors=["budi"])
    _rejected(seeded, InvalidData, r"a spt dated 2026-01-13 would be numbered after 560/0001/SPT/UPTD-WIL\.I/II/2026, "
              r"dated 2026-02-04: the letters of a series are numbered in date order", "sign_spt", "kadis",
              "2026-01-13", earlier, period_start="2026-01-14", period_end="2026-01-14")
    signed = act(seeded, "sign_spt", "kadis", "2026-02-04", earlier, period_start="2026-02-05",
                 period_end="2026-02-05")
    with session_scope(seeded) as s:
        assert [d.number for d in repo.documents(s, repo.case(s, signed.case_number).id)] == [
            "560/0002/SPT/UPTD-WIL.I/II/2026"]


def _spt_signed_in_february_then_a_january_case(engine) -> str:
    """SPT 0001 of the year is dated 4 February; the returned case waits for its SPT, signed on 13 January."""
    later = act(engine, "file_complaint", "dewi", "2026-02-02", **COMPLAINT).case_number
    act(engine, "verify_complaint", "dewi", "2026-02-02", later)
    act(engine, "assign_inspectors", "hendra", "2026-02-03", later, inspectors=["budi"])
    act(engine, "sign_spt", "kadis", "2026-02-04", later, period_start="2026-02-05", period_end="2026-02-05")
    earlier = act(engine, "plan_inspection", "hendra", "2026-01-12", company_nib="9120007654321").case_number
    act(engine, "assign_inspectors", "hendra", "2026-01-12", earlier, inspectors=["budi"])
    return earlier


def _sign_late(engine, number, late_reason):
    with session_scope(engine) as s:
        return apply_trigger(session=s, trigger="sign_spt", actor="kadis", on=date(2026, 1, 13), now=NOW,
                             case_number=number, data={"period_start": "2026-01-14", "period_end": "2026-01-14"},
                             late_reason=late_reason)


def test_a_late_act_is_refused_unless_its_reason_is_given_and_then_the_reason_is_audited(seeded):
    """Issue #10: numbers follow dates, unless a reason is given, recorded in the audit trail."""
    earlier = _spt_signed_in_february_then_a_january_case(seeded)
    before = fingerprint(seeded)
    with pytest.raises(InvalidData, match=r"numbered in date order; .*give the reason it is recorded late "
                                          r"\(--late-reason\)"):
        _sign_late(seeded, earlier, None)
    for bad in ("terlambat", "Berkas tertahan\ndi bagian umum", "          "):
        with pytest.raises(InvalidData, match="a late reason is one line of at least 10 characters"):
            _sign_late(seeded, earlier, bad)
    assert fingerprint(seeded) == before  # case version, events, documents: nothing written
    out = _sign_late(seeded, earlier, "  SPT ditandatangani 13 Januari, berkasnya baru diterima dari Kadis  ")
    with session_scope(seeded) as s:
        event = s.get(CaseEvent, out.event_id)
        assert event.data["late_reason"] == "SPT ditandatangani 13 Januari, berkasnya baru diterima dari Kadis"
        assert event.data["period_start"] == "2026-01-14"
        [doc] = repo.documents(s, repo.case(s, earlier).id)
        assert (doc.number, doc.doc_date.isoformat()) == ("560/0002/SPT/UPTD-WIL.I/I/2026", "2026-01-13")
        assert doc.event_id == event.id


def test_an_act_in_date_order_stores_no_late_reason(seeded):
    number = to_inspecting(seeded)
    with session_scope(seeded) as s:
        assert all("late_reason" not in e.data for e in repo.events(s, repo.case(s, number).id))
