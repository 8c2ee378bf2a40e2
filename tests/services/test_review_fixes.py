"""Guards and clocks the law needs, each shown failing and passing."""

import os
import time
from datetime import date

import pytest
from sqlmodel import select

from models import Document, Office, Timer
from tests.helpers import NOW, act, fingerprint, incident, restorative, to_inspecting
from tests.services.test_timers import state, sweep, timers
from wasnaker.db import session_scope
from wasnaker.domain.errors import GuardFailed, NotFound
from wasnaker.services.transitions import apply_trigger

OBSTRUCTION = incident("obstruction")


def to_prosecutor(engine, start="2026-03-02", **submit):
    number = to_inspecting(engine, start=start)
    act(engine, "report_incident", "budi", start, number, **OBSTRUCTION)
    act(engine, "start_investigation", "hendra", start, number, investigators=["sari"])
    act(engine, "send_spdp", "sari", start, number)
    act(engine, "submit_file", "sari", start, number, file_contents=["BAP"], **submit)
    return number


def test_nota_2_needs_a_recheck_after_the_deadline_that_found_orders_unfulfilled(seeded):
    number = to_inspecting(seeded, start="2026-06-01")
    act(seeded, "issue_nota_1", "budi", "2026-06-02", number, deadline_days=7, received_on="2026-06-02")
    act(seeded, "sign_spt", "kadis", "2026-06-05", number, period_start="2026-06-05", period_end="2026-06-10")
    act(seeded, "record_recheck", "budi", "2026-06-05", number)  # before the deadline: does not count
    with pytest.raises(GuardFailed, match="record the re-check made after the Nota I deadline"):
        act(seeded, "issue_nota_2", "budi", "2026-06-10", number)
    act(seeded, "record_recheck", "budi", "2026-06-10", number, complied=[1])
    with pytest.raises(GuardFailed, match="every finding is complied"):
        act(seeded, "issue_nota_2", "budi", "2026-06-10", number)


def test_a_recheck_dated_before_the_sweeps_expiry_record_is_accepted(seeded):
    number = to_inspecting(seeded, start="2026-06-01")
    act(seeded, "issue_nota_1", "budi", "2026-06-02", number, deadline_days=7, received_on="2026-06-02")
    act(seeded, "sign_spt", "kadis", "2026-06-08", number, period_start="2026-06-09", period_end="2026-06-09")
    sweep(seeded, "2026-06-11")  # records the expiry dated 10 June
    act(seeded, "record_recheck", "budi", "2026-06-09", number, note="re-check on the last day, entered late")


def test_the_system_actor_is_not_a_person_and_the_law_applies_only_after_the_period(seeded):
    number = to_prosecutor(seeded, received_on="2026-03-02")
    with pytest.raises(NotFound, match="unknown officer 'system'"):
        act(seeded, "deem_file_complete", "system", "2026-03-20", number)
    with pytest.raises(GuardFailed, match="runs until 2026-03-16"), session_scope(seeded) as s:
        apply_trigger(session=s, trigger="deem_file_complete", actor="system", on=date(2026, 3, 16), now=NOW,
                      case_number=number, as_system=True)
    assert state(seeded, number) == "file_at_prosecutor"


def test_the_prosecutors_clock_can_start_on_a_later_receipt(seeded):
    number = to_prosecutor(seeded)
    [review] = timers(seeded, number, "prosecutor_review")
    assert review.status == "awaiting_receipt"
    act(seeded, "record_receipt", "sari", "2026-03-04", number, received_on="2026-03-04")
    [review] = timers(seeded, number, "prosecutor_review")
    assert review.due_date == date(2026, 3, 18)
    act(seeded, "receive_p19", "sari", "2026-03-10", number, p19_number="B-1/P-19", instructions="Lengkapi BAP")
    [p19] = timers(seeded, number, "p19_completion")
    assert (p19.start_date, p19.due_date) == (date(2026, 3, 10), date(2026, 3, 24))


def test_a_direct_incident_report_needs_a_serious_ground(seeded):
    number = to_inspecting(seeded)
    with pytest.raises(GuardFailed, match="needs a serious ground"):
        act(seeded, "report_incident", "budi", "2026-03-03", number, **incident(None))


def test_rj_needs_every_article_eligible_and_a_fulfilment_period_within_policy(seeded):
    number = to_inspecting(seeded)
    act(seeded, "report_incident", "budi", "2026-03-02", number, **{**OBSTRUCTION, "articles": [
        "UU 13/2003 Pasal 187", "UU 13/2003 Pasal 185 ayat (1)"]})
    act(seeded, "start_investigation", "hendra", "2026-03-03", number, investigators=["sari"])
    rj = restorative()
    with pytest.raises(GuardFailed, match="not RJ-eligible under the policy: UU 13/2003 Pasal 185 ayat"):
        act(seeded, "start_restorative_justice", "sari", "2026-03-04", number, **rj)


def test_rj_fulfilment_period_over_the_policy_maximum(seeded):
    number = to_inspecting(seeded)
    act(seeded, "report_incident", "budi", "2026-03-02", number, **{**OBSTRUCTION, "articles": [
        "UU 13/2003 Pasal 187"]})
    act(seeded, "start_investigation", "hendra", "2026-03-03", number, investigators=["sari"])
    with pytest.raises(GuardFailed, match="fulfilment_days=1000 exceeds the policy maximum of 180"):
        act(seeded, "start_restorative_justice", "sari", "2026-03-04", number, **restorative(fulfilment_days=1000))


def test_closing_a_case_closes_every_timer(seeded):
    number = to_inspecting(seeded)
    act(seeded, "report_incident", "budi", "2026-03-02", number, **{**OBSTRUCTION, "articles": [
        "UU 13/2003 Pasal 187"]})
    act(seeded, "start_investigation", "hendra", "2026-03-03", number, investigators=["sari"])
    act(seeded, "start_restorative_justice", "sari", "2026-03-04", number, **restorative())
    act(seeded, "record_rj_fulfilment", "sari", "2026-03-05", number)
    act(seeded, "notify_sp3", "sari", "2026-03-05", number)
    assert {t.status for t in timers(seeded, number)} == {"closed"}
    assert sweep(seeded, "2026-05-01")["handled"] == []


def test_a_receipt_correction_after_a_reminder_targets_the_nota(seeded):
    number = to_inspecting(seeded, start="2026-06-01")
    act(seeded, "issue_nota_1", "budi", "2026-06-02", number, deadline_days=14, received_on="2026-06-03")
    assert sweep(seeded, "2026-06-11")["reminders"]
    act(seeded, "record_receipt", "budi", "2026-06-11", number, received_on="2026-06-04", reason="Salah ketik")
    with session_scope(seeded) as s:
        nota = s.exec(select(Document).where(Document.kind == "nota_1")).one()
    assert nota.received_on == date(2026, 6, 4)


def test_office_closures_are_not_working_days(seeded):
    with session_scope(seeded) as s:
        office = s.exec(select(Office)).one()
        office.closures = ["2026-06-15"]
        s.add(office)
    number = to_inspecting(seeded, start="2026-06-01")
    act(seeded, "issue_nota_1", "budi", "2026-06-02", number, deadline_days=12, received_on="2026-06-02")
    [timer] = timers(seeded, number, "nota_1_compliance")
    # due Sunday 14 June rolls past the office's closed Monday 15 and Tahun Baru Islam on 16 June
    assert timer.due_date == date(2026, 6, 17) and timer.calendar == "ID-public+government+office"


def test_an_act_that_fails_after_reserving_a_number_takes_none(seeded, monkeypatch):
    from wasnaker.services import timers as timer_service

    number = to_inspecting(seeded)
    before = fingerprint(seeded)
    monkeypatch.setattr(timer_service, "link_letter", lambda *a: (_ for _ in ()).throw(RuntimeError("crash")))
    with pytest.raises(RuntimeError):
        act(seeded, "issue_nota_1", "budi", "2026-03-03", number)
    assert fingerprint(seeded) == before
    monkeypatch.undo()
    out = act(seeded, "issue_nota_1", "budi", "2026-03-03", number)
    with session_scope(seeded) as s:
        assert s.get(Document, out.documents[0]).number == "R.560/0001/NP-I/UPTD-WIL.I/III/2026"


def test_the_sweep_dates_expiries_the_same_whatever_the_servers_time_zone(seeded):
    number = to_prosecutor(seeded, received_on="2026-04-02")
    old = os.environ.get("TZ")
    os.environ["TZ"] = "Asia/Jakarta"
    time.tzset()
    try:
        sweep(seeded, "2026-04-17")
    finally:
        os.environ.pop("TZ") if old is None else os.environ.__setitem__("TZ", old)
        time.tzset()
    [tahap_2] = timers(seeded, number, "tahap_2")
    assert tahap_2.start_date == date(2026, 4, 17) and tahap_2.due_date == date(2026, 6, 16)
    with session_scope(seeded) as s:
        assert s.exec(select(Timer).where(Timer.kind == "prosecutor_review")).one().status == "closed"
