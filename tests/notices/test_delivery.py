"""E-mail delivery through a real SMTP server on localhost: the server down for a while, a bounce, two
deliverers at once. Every notice arrives once, and every attempt is on the case."""

import hashlib
import threading
from datetime import timedelta

import pytest

from tests.conftest import seed_reference
from tests.helpers import FINDING, NOW, act
from tests.notices.conftest import COMPANY_EMAIL, give_emails, runtime
from tests.notices.helpers import company_notice, events, issue_nota, notices, render_letters
from wasnaker.application.notices import send_due
from wasnaker.db import session_scope
from wasnaker.domain.errors import TriggerNotAllowed
from wasnaker.services.queries import show_case

SECOND = timedelta(seconds=1)


def test_a_letter_is_queued_in_the_transaction_of_its_act_and_only_then(rt):
    number = issue_nota(rt.engine)
    [notice] = notices(rt.engine, audience="company")
    assert (notice.channel, notice.status, notice.recipient) == ("email", "queued", COMPANY_EMAIL)
    assert notice.subject.startswith("Nota Pemeriksaan I Nomor R.560/0001/NP-I/") and number in notice.subject
    # a refused act (the Nota is already issued) queues nothing
    with pytest.raises(TriggerNotAllowed, match="in state nota_1"):
        act(rt.engine, "issue_nota_1", "budi", "2026-05-06", number, deadline_days=14)
    assert len(notices(rt.engine, audience="company")) == 1


def test_smtp_down_for_a_while_then_every_notice_is_delivered_once(rt, sink):
    numbers = [issue_nota(rt.engine), issue_nota(rt.engine)]
    render_letters(rt, NOW)
    sink.stop()

    first = send_due(rt, NOW)
    assert [r["outcome"] for r in first] == ["retry", "retry"]
    assert send_due(rt, NOW + 30 * SECOND) == []  # waiting out the backoff (60 s after the first failure)
    assert [r["attempts"] for r in send_due(rt, NOW + 60 * SECOND)] == [2, 2]
    waiting = company_notice(rt.engine, numbers[0])
    assert waiting.status == "retrying" and "Connection refused" in waiting.last_error
    assert waiting.next_attempt_at.replace(tzinfo=NOW.tzinfo) == NOW + 180 * SECOND  # then 120 s
    with session_scope(rt.engine) as s:
        shown = show_case(s, numbers[0])["notices"]
    assert [h["outcome"] for n in shown if n["audience"] == "company" for h in n["history"]] == ["retry", "retry"]

    sink.start()  # the server is back, on the same port
    assert send_due(rt, NOW + 170 * SECOND) == []
    assert [r["outcome"] for r in send_due(rt, NOW + 180 * SECOND)] == ["sent", "sent"]
    assert send_due(rt, NOW + timedelta(days=1)) == []

    assert len(sink.received) == 2
    assert len({m["Message-ID"] for m in sink.received}) == 2
    assert {m["X-Envelope-To"] for m in sink.received} == {COMPANY_EMAIL}
    assert all(company_notice(rt.engine, n).status == "sent" for n in numbers)
    assert all(len(events(rt.engine, n, "notice_sent")) == 1 for n in numbers)


def test_the_email_carries_the_letter_as_pdf_with_an_indonesian_cover(rt, sink):
    number = issue_nota(rt.engine)
    render_letters(rt, NOW)
    [result] = send_due(rt, NOW)
    assert result["outcome"] == "sent"
    [mail] = sink.received
    notice = company_notice(rt.engine, number)
    assert mail["Message-ID"] == notice.message_id and mail["Subject"] == notice.subject
    [attachment] = [p for p in mail.iter_attachments()]
    pdf = attachment.get_payload(decode=True)
    assert attachment.get_content_type() == "application/pdf" and pdf.startswith(b"%PDF")
    with session_scope(rt.engine) as s:
        [doc] = [d for d in show_case(s, number)["documents"] if d["kind"] == "nota_1"]
    assert hashlib.sha256(pdf).hexdigest() == doc["sha256"]
    body = mail.get_body(("plain",)).get_content()
    assert body.splitlines()[:2] == ["Yth. Direktur Utama PT Sinar Tekstil Nusantara", "di Tempat"]
    assert f"Nota Pemeriksaan I Nomor {doc['number']} tanggal 5 Mei 2026" in body
    assert f"https://wasnaker.example.go.id/ack/{notice.id}." in body
    assert "dihitung sejak tanggal surat diterima" in body and "dianggap telah diterima 3 hari" in body
    assert doc["sha256"] in body


def test_a_refused_recipient_is_a_bounce_on_the_case_and_the_officers_are_told(rt, sink):
    number = issue_nota(rt.engine)
    render_letters(rt, NOW)
    sink.refuse.add(COMPANY_EMAIL)
    [result] = send_due(rt, NOW)
    assert result["outcome"] == "bounced" and "550" in result["error"]
    assert send_due(rt, NOW + timedelta(days=1)) != []  # only the alerts to the officers go out now
    notice = company_notice(rt.engine, number)
    assert notice.status == "bounced" and notice.attempts == 1  # a bounce is not retried
    [event] = events(rt.engine, number, "notice_bounced")
    assert event.data["to"] == COMPANY_EMAIL and "550" in event.data["error"]
    told = {str(m["To"]).split("<")[-1].rstrip(">") for m in sink.received}
    assert {"budi@disnaker.example.go.id", "sari@disnaker.example.go.id", "hendra@disnaker.example.go.id"} <= told
    assert not any(m["X-Envelope-To"] == COMPANY_EMAIL for m in sink.received)


def test_two_deliverers_at_once_send_each_notice_once(engine, tmp_path, sink):
    seed_reference(engine)
    give_emails(engine)
    rt = runtime(engine, tmp_path, sink.port)
    for _ in range(3):
        issue_nota(rt.engine)
    render_letters(rt, NOW)
    start, results = threading.Barrier(2), []

    def deliver():
        start.wait()
        results.extend(send_due(rt, NOW))

    threads = [threading.Thread(target=deliver) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert sorted(r["notice"] for r in results) == sorted(n.id for n in notices(engine, audience="company"))
    assert len(sink.received) == 3 and len({m["Message-ID"] for m in sink.received}) == 3
    assert all(n.attempts == 1 and n.status == "sent" for n in notices(engine, audience="company"))


def test_a_notice_being_sent_is_not_taken_by_a_run_as_of_a_later_moment(rt, sink):
    from sqlmodel import select

    from models import Notice
    from wasnaker.services.delivery import _claim, record

    number = issue_nota(rt.engine)
    render_letters(rt, NOW)
    notice_id = company_notice(rt.engine, number).id
    with rt.session() as s:
        held = _claim(s, notice_id, NOW)  # a deliverer is sending it right now (its lease runs 5 real minutes)
    assert held and send_due(rt, NOW + timedelta(days=1)) == [] and sink.received == []
    with rt.session() as s:  # a deliverer whose claim was lost may not record over the holder's
        assert record(s, notice_id, NOW, None, "<x@y>", rt.settings, claim="someone-else") is None
        assert record(s, notice_id, NOW, None, "<x@y>", rt.settings, claim=held)["outcome"] == "sent"
        assert s.exec(select(Notice).where(Notice.id == notice_id)).one().attempts == 1


def test_a_malformed_address_from_old_data_is_a_bounce_not_a_stuck_notice(rt, sink):
    from models import Company
    from wasnaker.domain.errors import InvalidData
    from wasnaker.services import registry

    with rt.session() as s:
        with pytest.raises(InvalidData):  # new data is checked at the door
            registry.add_company(s, name="PT Baru", nib="9120001111111", email="hrd@pérusahaan.id")
    good = issue_nota(rt.engine)
    with session_scope(rt.engine) as s:  # imported before addresses were checked
        from sqlmodel import select
        company = s.exec(select(Company).where(Company.nib == "9120007654321")).one()
        company.email = "hrd@pérusahaan.id"
        s.add(company)
    bad = act(rt.engine, "plan_inspection", "hendra", "2026-05-04", company_nib="9120007654321").case_number
    for trigger, actor, data in [("assign_inspectors", "hendra", {"inspectors": ["budi"]}),
                                 ("sign_spt", "kadis", {"period_start": "2026-05-05", "period_end": "2026-05-05"}),
                                 ("record_finding", "budi", FINDING),
                                 ("record_inspection", "budi", {"inspection_date": "2026-05-05"}),
                                 ("issue_nota_1", "budi", {"deadline_days": 14})]:
        act(rt.engine, trigger, actor, "2026-05-05", bad, **data)
    render_letters(rt, NOW)
    outcomes = {r["to"]: r["outcome"] for r in send_due(rt, NOW)}
    assert outcomes == {COMPANY_EMAIL: "sent", "hrd@pérusahaan.id": "bounced"}
    assert company_notice(rt.engine, bad).status == "bounced" and company_notice(rt.engine, good).status == "sent"
    assert send_due(rt, NOW + timedelta(days=1)) != []  # the officers' alerts about the bounce; nothing stuck
    assert company_notice(rt.engine, bad).attempts == 1
