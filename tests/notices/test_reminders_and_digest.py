"""Reminders by e-mail exactly once at the lead time; officers and heads told of expiry; the daily digest."""

from datetime import datetime, timedelta

from tests.notices.helpers import issue_nota
from wasnaker.application.notices import daily_digest
from wasnaker.application.sweep import sweep
from wasnaker.clock import start_of_day
from wasnaker.db import session_scope
from wasnaker.services import registry, repo


def morning(day: str) -> datetime:
    return datetime.fromisoformat(f"{day}T01:00:00+00:00")  # 08:00 WIB


def reminders(sink) -> list:
    return [m for m in sink.received if str(m["Subject"]).startswith("Surat Pengingat")]


def test_a_reminder_email_goes_out_exactly_once_at_the_lead_time(rt, sink):
    # received 3 June, due Wednesday 17 June; 16 June is Tahun Baru Islam: 3 working days before is 11 June
    number = issue_nota(rt.engine, start="2026-06-01", nota_on="2026-06-02", received_on="2026-06-03")
    seen = []
    for day in ("2026-06-09", "2026-06-10", "2026-06-11", "2026-06-11", "2026-06-12", "2026-06-15", "2026-06-17"):
        sweep(rt, morning(day))
        seen.append((day, len(reminders(sink))))
    assert seen == [("2026-06-09", 0), ("2026-06-10", 0), ("2026-06-11", 1), ("2026-06-11", 1),
                    ("2026-06-12", 1), ("2026-06-15", 1), ("2026-06-17", 1)]
    [mail] = reminders(sink)
    assert mail["X-Envelope-To"] == "hrd@sinartekstil.co.id" and number in str(mail["Subject"])
    body = mail.get_body(("plain",)).get_content()
    assert "Surat Pengingat Nomor R.560/0001/PGN/" in body
    [pdf] = list(mail.iter_attachments())
    assert pdf.get_payload(decode=True).startswith(b"%PDF")


def test_after_expiry_the_officers_and_the_head_are_told(rt, sink):
    number = issue_nota(rt.engine, start="2026-06-01", nota_on="2026-06-02", received_on="2026-06-03")
    sweep(rt, start_of_day(datetime(2026, 6, 18).date(), "Asia/Jakarta") + timedelta(minutes=1))
    told = {str(m["X-Envelope-To"]): str(m["Subject"]) for m in sink.received
            if "Jangka waktu Nota I habis" in str(m["Subject"])}
    # the assigned inspector, the head and the coordinator (the PPNS on the case is not needed for a Nota)
    assert set(told) == {"budi@disnaker.example.go.id", "hendra@disnaker.example.go.id",
                         "kiki@disnaker.example.go.id"}
    assert all(s.startswith(f"[{number}]") for s in told.values())


def test_the_daily_digest_lists_each_officers_due_and_overdue_deadlines_once_a_day(rt, sink):
    late = issue_nota(rt.engine, start="2026-05-04", nota_on="2026-05-05", received_on="2026-05-05")  # due 19 May
    soon = issue_nota(rt.engine, start="2026-06-01", nota_on="2026-06-02", received_on="2026-06-03")  # due 17 June
    waiting = issue_nota(rt.engine, start="2026-06-08", nota_on="2026-06-09")  # no receipt recorded yet
    with session_scope(rt.engine) as s:
        office = repo.office_by_code(s, "UPTD-WIL.I")
        registry.add_officer(s, office=office, username="tono", name="Tono Prasetyo", nip="198502022010011002",
                             role="inspector", email="tono@disnaker.example.go.id")
    made = daily_digest(rt, morning("2026-06-12"))["digests"]
    assert sorted(d["to"] for d in made) == ["budi", "hendra", "kiki", "sari"]  # tono has no case; desk, kadis none
    digests = {str(m["X-Envelope-To"]): m for m in sink.received if str(m["Subject"]).startswith("Ringkasan")}
    assert len(digests) == 4
    mail = digests["budi@disnaker.example.go.id"]
    assert str(mail["Subject"]) == ("Ringkasan tenggat 12 Juni 2026: 1 terlambat, 1 segera jatuh tempo, "
                                    "1 menunggu tanda terima")
    body = mail.get_body(("plain",)).get_content()
    assert f"- {late}: Jangka waktu Nota Pemeriksaan I, jatuh tempo 19 Mei 2026 (lewat 24 hari)" in body
    assert f"- {soon}: Jangka waktu Nota Pemeriksaan I, jatuh tempo 17 Juni 2026 (5 hari lagi)" in body
    assert f"- {waiting}: Jangka waktu Nota Pemeriksaan I, surat diterbitkan 9 Juni 2026" in body
    assert daily_digest(rt, morning("2026-06-12").replace(hour=9))["digests"] == []  # once a day
    assert len(daily_digest(rt, morning("2026-06-13"))["digests"]) == 4


def test_an_office_sets_its_own_reminder_lead_time(rt, sink):
    with session_scope(rt.engine) as s:
        office = repo.office_by_code(s, "UPTD-WIL.I")
        office.settings = {**office.settings, "service": {"reminder_working_days": 5}}
        s.add(office)
    issue_nota(rt.engine, start="2026-06-01", nota_on="2026-06-02", received_on="2026-06-03")  # due 17 June
    sweep(rt, morning("2026-06-08"))
    assert reminders(sink) == []
    sweep(rt, morning("2026-06-09"))  # 5 working days before 17 June (16 June is a holiday)
    assert len(reminders(sink)) == 1
