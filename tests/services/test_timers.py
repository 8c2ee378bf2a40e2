"""Timers on real Indonesian dates, moved time, and a sweep that handles each expiry exactly once."""

from datetime import UTC, date, datetime

from sqlmodel import select

from models import Case, Document, Notice, Timer
from tests.helpers import WORKER_FINDING, act, incident, to_inspecting
from wasnaker.application.sweep import handle_due
from wasnaker.clock import start_of_day
from wasnaker.db import session_scope
from wasnaker.runtime import Runtime
from wasnaker.settings import Settings


def sweep(engine, day: str) -> dict:
    """What the sweep handles as of the start of `day` in Jakarta (UTC+7): deemed receipts, reminders, expiries
    (rendering and sending are other tests' business)."""
    return handle_due(Runtime(Settings(), engine), start_of_day(date.fromisoformat(day), "Asia/Jakarta"))


def timers(engine, number, kind=None):
    with session_scope(engine) as s:
        case = s.exec(select(Case).where(Case.number == number)).one()
        query = select(Timer).where(Timer.case_id == case.id)
        return s.exec(query.where(Timer.kind == kind) if kind else query).all()


def state(engine, number):
    with session_scope(engine) as s:
        return s.exec(select(Case).where(Case.number == number)).one().state


def test_nota_clock_waits_for_receipt_and_rolls_past_idul_fitri_2026(seeded):
    number = to_inspecting(seeded, start="2026-03-02")
    act(seeded, "issue_nota_1", "budi", "2026-03-03", number, deadline_days=14)
    [timer] = timers(seeded, number, "nota_1_compliance")
    assert timer.status == "awaiting_receipt" and timer.due_date is None
    # received 4 March: 14 days -> 18 March, cuti bersama Nyepi; 19 Nyepi, 20 cuti bersama, 21-22 Idul Fitri
    # (a weekend), 23-24 cuti bersama: the company's deadline rolls to Wednesday 25 March 2026.
    act(seeded, "record_receipt", "budi", "2026-03-04", number, received_on="2026-03-04")
    [timer] = timers(seeded, number, "nota_1_compliance")
    assert (timer.status, timer.start_date, timer.due_date) == ("running", date(2026, 3, 4), date(2026, 3, 25))
    assert timer.expires_at.replace(tzinfo=UTC) == datetime(2026, 3, 25, 17, 0, tzinfo=UTC)
    assert timer.calendar == "ID-public+government"


def test_criminal_procedure_periods_do_not_roll(seeded):
    number = to_inspecting(seeded, start="2026-03-02")
    act(seeded, "report_incident", "budi", "2026-03-03", number, **incident("obstruction", ["UU 3/1951 jo UU 23/1948"]))
    act(seeded, "start_investigation", "hendra", "2026-03-13", number, investigators=["sari"])
    [spdp] = timers(seeded, number, "spdp_delivery")
    assert spdp.due_date == date(2026, 3, 20)  # cuti bersama, but KUHAP periods do not roll by default


def test_changing_a_receipt_date_moves_the_due_date_and_is_audited(seeded):
    number = to_inspecting(seeded, start="2026-05-04")
    act(seeded, "issue_nota_1", "budi", "2026-05-05", number, deadline_days=7, received_on="2026-05-05")
    act(seeded, "record_receipt", "budi", "2026-05-06", number, received_on="2026-05-06",
        reason="Tanda terima menunjukkan tanggal 6 Mei")
    [timer] = timers(seeded, number, "nota_1_compliance")
    assert timer.due_date == date(2026, 5, 13)
    assert timer.history[-1]["what"].startswith("receipt moved (hand): Tanda terima")


def test_the_sweep_prepares_nota_2_once_and_twice_running_changes_nothing(seeded):
    number = to_inspecting(seeded, start="2026-06-01")
    act(seeded, "issue_nota_1", "budi", "2026-06-02", number, deadline_days=7, received_on="2026-06-02")
    assert sweep(seeded, "2026-06-09")["handled"] == []  # due 9 June: not expired during that day
    first = sweep(seeded, "2026-06-10")
    assert [(h["timer"], h["action"], h["drafts"]) for h in first["handled"]] == [
        ("nota_1_compliance", "recorded", ["nota_2"])]
    assert sweep(seeded, "2026-06-10")["handled"] == [] and sweep(seeded, "2026-07-01")["handled"] == []
    with session_scope(seeded) as s:
        drafts = s.exec(select(Document).where(Document.kind == "nota_2")).all()
        notices = s.exec(select(Notice).where(Notice.audience == "internal")).all()
    assert [(d.status, d.number) for d in drafts] == [("draft", None)]
    assert sorted(n.recipient for n in notices) == ["budi", "hendra", "kiki"]
    assert state(seeded, number) == "nota_1"  # a person judges compliance: no automatic escalation
    act(seeded, "sign_spt", "kadis", "2026-06-10", number, period_start="2026-06-10", period_end="2026-06-10")
    act(seeded, "record_recheck", "budi", "2026-06-10", number, note="Belum dibayar")
    act(seeded, "issue_nota_2", "budi", "2026-06-10", number, deadline_days=7)
    with session_scope(seeded) as s:
        [nota_2] = s.exec(select(Document).where(Document.kind == "nota_2")).all()
    assert nota_2.status == "reserved" and nota_2.number.startswith("R.560/0001/NP-II/")


def test_prosecutor_silence_makes_the_file_complete_and_60_days_return_it(seeded):
    number = to_inspecting(seeded, start="2026-03-02")
    act(seeded, "report_incident", "budi", "2026-03-03", number,
        **incident("worst_forms_child_labour", ["UU 13/2003 Pasal 183"]))
    act(seeded, "start_investigation", "hendra", "2026-03-04", number, investigators=["sari"])
    act(seeded, "send_spdp", "sari", "2026-03-05", number)
    act(seeded, "submit_file", "sari", "2026-04-01", number, file_contents=["BAP"], received_on="2026-04-02")
    report = sweep(seeded, "2026-04-17")  # received 2 April + 14 days = 16 April
    assert [(h["timer"], h["action"]) for h in report["handled"]] == [("prosecutor_review", "deem_file_complete")]
    assert state(seeded, number) == "file_complete"
    [tahap_2] = timers(seeded, number, "tahap_2")
    assert tahap_2.start_date == date(2026, 4, 17) and tahap_2.due_date == date(2026, 6, 16)
    assert sweep(seeded, "2026-06-17")["handled"][0]["action"] == "lapse_tahap_2"
    assert state(seeded, number) == "investigation"
    act(seeded, "issue_new_sprindik", "hendra", "2026-06-18", number, investigators=["sari"])
    assert [t.status for t in timers(seeded, number, "spdp_delivery")] == ["closed", "running"]


def test_penetapan_payment_and_redetermination_window(seeded):
    number = to_inspecting(seeded, start="2026-07-01", finding=WORKER_FINDING)
    act(seeded, "issue_penetapan", "budi", "2026-07-02", number, received_on="2026-07-03")
    kinds = {t.kind: t.due_date for t in timers(seeded, number)}
    assert kinds == {"penetapan_payment": date(2026, 7, 17), "redetermination_request": date(2026, 7, 17)}
    act(seeded, "request_redetermination", "dewi", "2026-07-10", number, reason="Perusahaan keberatan atas jumlah")
    act(seeded, "record_redetermination", "budi", "2026-07-20", number, finding_no=1, received_on="2026-07-21",
        workers=[{"name": "Siti Aminah", "items": [{"label": "Upah minimum", "period": "Januari-Februari 2026",
                                                    "due": 7_450_000, "paid": 6_550_000}]}])
    payment = timers(seeded, number, "penetapan_payment")
    assert [(t.status, t.due_date) for t in payment] == [("closed", date(2026, 7, 17)), ("running", date(2026, 8, 4))]


def test_a_reminder_goes_out_once_three_working_days_before_a_company_deadline(seeded):
    number = to_inspecting(seeded, start="2026-06-01")
    act(seeded, "issue_nota_1", "budi", "2026-06-02", number, deadline_days=14, received_on="2026-06-03")
    [timer] = timers(seeded, number, "nota_1_compliance")
    # due Wednesday 17 June; 16 June is Tahun Baru Islam, so 3 working days before is Thursday 11 June
    assert timer.due_date == date(2026, 6, 17)
    assert sweep(seeded, "2026-06-10")["reminders"] == []
    [sent] = sweep(seeded, "2026-06-11")["reminders"]
    assert sent["document"].startswith("R.560/0001/PGN/") and sent["due"] == "2026-06-17"
    assert sweep(seeded, "2026-06-12")["reminders"] == [] and sweep(seeded, "2026-06-16")["reminders"] == []
    with session_scope(seeded) as s:
        [doc] = s.exec(select(Document).where(Document.kind == "reminder")).all()
        [notice] = s.exec(select(Notice).where(Notice.document_id == doc.id)).all()
    assert doc.context["days_left"] == 6 and doc.context["regarding"]["number"].startswith("R.560/0001/NP-I/")
    assert (notice.audience, notice.channel, notice.status) == ("company", "hand", "awaiting_service")  # no e-mail


def test_no_reminder_for_a_deadline_closed_early(seeded):
    number = to_inspecting(seeded, start="2026-06-01")
    act(seeded, "issue_nota_1", "budi", "2026-06-02", number, deadline_days=14, received_on="2026-06-03")
    act(seeded, "record_compliance", "budi", "2026-06-05", number)
    assert sweep(seeded, "2026-06-12")["reminders"] == [] and sweep(seeded, "2026-06-20")["handled"] == []
