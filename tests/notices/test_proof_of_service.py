"""Proof of service: the acknowledgement page (a signed link; opening it records nothing), by hand, by
registered post, deemed by policy. The receipt date starts the letter's deadline; a changed date moves it."""

from datetime import UTC, date, datetime

import pytest
from fastapi.testclient import TestClient

from tests.helpers import NOW, act, fingerprint, incident, to_inspecting
from tests.notices.conftest import SECRET
from tests.notices.helpers import company_notice, events, issue_nota, nota_timer, render_letters
from wasnaker.application.notices import send_due
from wasnaker.application.sweep import handle_due
from wasnaker.domain import notices as rules
from wasnaker.domain.errors import Conflict, FutureDate, InvalidData, RoleNotAllowed
from wasnaker.domain.payloads import ServiceMethod
from wasnaker.services.serving import acknowledge, serve
from wasnaker.web.app import create_app

ACK_MOMENT = datetime(2026, 5, 7, 2, 30, tzinfo=UTC)  # 09:30 WIB on Thursday 7 May 2026


def client(rt, now=ACK_MOMENT) -> TestClient:
    return TestClient(create_app(lambda: rt, lambda: now))


def token(notice) -> str:
    return rules.ack_token(SECRET, notice.id, notice.ack_nonce, notice.key)


def test_opening_the_link_records_nothing_the_button_records_the_receipt_once(rt):
    number = issue_nota(rt.engine)
    notice = company_notice(rt.engine, number)
    web, untouched = client(rt), fingerprint(rt.engine)
    page = web.get(f"/ack/{token(notice)}")
    assert page.status_code == 200 and "Konfirmasi Penerimaan" in page.text and "<form method=\"post\">" in page.text
    assert page.headers["referrer-policy"] == "no-referrer" and page.headers["cache-control"] == "no-store"
    web.head(f"/ack/{token(notice)}")
    assert web.get(f"/ack/{token(notice)}/surat.pdf").status_code == 404  # not rendered yet
    assert fingerprint(rt.engine) == untouched
    render_letters(rt, NOW)
    before = fingerprint(rt.engine)
    assert f'href="./{token(notice)}/surat.pdf"' in web.get(f"/ack/{token(notice)}").text
    pdf = web.get(f"/ack/{token(notice)}/surat.pdf")
    assert pdf.status_code == 200 and pdf.headers["content-type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    assert fingerprint(rt.engine) == before  # a mail scanner opened the page and the letter: nothing happened

    done = web.post(f"/ack/{token(notice)}")
    assert done.status_code == 200 and "7 Mei 2026" in done.text
    timer = nota_timer(rt.engine, number)
    assert (timer.status, timer.start_date, timer.due_date) == ("running", date(2026, 5, 7), date(2026, 5, 21))
    [event] = events(rt.engine, number, "record_receipt")
    assert (event.actor, event.data["method"], event.data["letter"]) == ("system", "email", notice_number(rt, number))
    assert company_notice(rt.engine, number).served_on == date(2026, 5, 7)

    again = client(rt, datetime(2026, 5, 9, 2, 0, tzinfo=UTC)).post(f"/ack/{token(notice)}")
    assert again.status_code == 200 and "telah dicatat sebelumnya" in again.text
    assert len(events(rt.engine, number, "record_receipt")) == 1 and nota_timer(rt.engine, number).due_date == \
        date(2026, 5, 21)


def notice_number(rt, number) -> str:
    return company_notice(rt.engine, number).subject.split(" Nomor ")[1].split(" [")[0]


def test_a_link_cannot_be_forged_nor_carried_over_to_another_notice(rt):
    a, b = company_notice(rt.engine, issue_nota(rt.engine)), company_notice(rt.engine, issue_nota(rt.engine))
    web, before = client(rt), fingerprint(rt.engine)
    signature_a = token(a).split(".")[2]
    forged = [
        f"{b.id}.{a.ack_nonce}.{signature_a}",  # A's signature on B's id
        f"{b.id}.{b.ack_nonce}.{signature_a}",  # A's signature with B's nonce
        rules.ack_token("another-secret", b.id, b.ack_nonce, b.key),  # signed without our secret
        token(a)[:-2] + ("AA" if not token(a).endswith("AA") else "BB"),  # tampered
        f"{a.id}.{a.ack_nonce}", "not-a-token", f"{a.id + 1000}.{a.ack_nonce}.{signature_a}",
    ]
    for bad in forged:
        assert web.post(f"/ack/{bad}").status_code == 404, bad
        assert web.get(f"/ack/{bad}").status_code == 404, bad
        assert web.get(f"/ack/{bad}/surat.pdf").status_code == 404, bad
    assert fingerprint(rt.engine) == before
    assert web.post(f"/ack/{token(a)}").status_code == 200  # A's own link still works, for A only
    assert company_notice(rt.engine, b.subject.split("[")[1].rstrip("]")).served_on is None


def test_served_by_hand_the_receipt_date_starts_the_deadline_and_a_change_moves_it_on_the_record(rt):
    number = issue_nota(rt.engine)
    notice = company_notice(rt.engine, number)
    result = serve_by(rt, notice.id, "2026-05-06", ServiceMethod.hand, "budi")
    assert result["result"] == "recorded"
    timer = nota_timer(rt.engine, number)
    assert (timer.start_date, timer.due_date) == (date(2026, 5, 6), date(2026, 5, 20))

    before = fingerprint(rt.engine)
    with pytest.raises(Conflict):  # a different date needs a reason
        serve_by(rt, notice.id, "2026-05-08", ServiceMethod.hand, "budi")
    with pytest.raises(FutureDate):
        serve_by(rt, notice.id, "2026-12-01", ServiceMethod.hand, "budi", reason="typo")
    with pytest.raises(InvalidData):  # before the letter's own date
        serve_by(rt, notice.id, "2026-05-01", ServiceMethod.hand, "budi", reason="typo")
    assert fingerprint(rt.engine) == before
    assert serve_by(rt, notice.id, "2026-05-06", ServiceMethod.hand, "budi")["result"] == "already recorded"

    serve_by(rt, notice.id, "2026-05-08", ServiceMethod.post, "budi", reason="Resi pos tercatat: diterima 8 Mei")
    timer = nota_timer(rt.engine, number)
    assert (timer.start_date, timer.due_date) == (date(2026, 5, 8), date(2026, 5, 22))
    assert timer.history[-1]["what"] == "receipt moved (post): Resi pos tercatat: diterima 8 Mei"
    first, moved = events(rt.engine, number, "record_receipt")
    assert (first.actor, first.data["received_on"], first.data["method"]) == ("budi", "2026-05-06", "hand")
    assert (moved.data["received_on"], moved.data["reason"]) == ("2026-05-08", "Resi pos tercatat: diterima 8 Mei")
    assert company_notice(rt.engine, number).service_method == "post"


def serve_by(rt, notice_id, on, method, actor, reason=None):
    with rt.session() as s:
        return serve(s, notice_id, received_on=date.fromisoformat(on), method=method, actor=actor, now=NOW,
                     reason=reason, policy=rt.policy)


def test_an_unacknowledged_email_counts_as_received_n_days_after_sending(rt, sink):
    number = issue_nota(rt.engine)
    render_letters(rt, NOW)
    sent_at = datetime(2026, 5, 5, 3, 0, tzinfo=UTC)  # 10:00 WIB, Tuesday 5 May
    assert send_due(rt, sent_at)[0]["outcome"] == "sent"
    assert handle_due(rt, datetime(2026, 5, 7, 16, 59, tzinfo=UTC))["served"] == []  # 7 May 23:59
    [deemed] = handle_due(rt, datetime(2026, 5, 7, 17, 0, tzinfo=UTC))["served"]  # 8 May 00:00 WIB
    assert (deemed["served_on"], deemed["method"]) == ("2026-05-08", "email_deemed")
    timer = nota_timer(rt.engine, number)
    assert (timer.start_date, timer.due_date) == (date(2026, 5, 8), date(2026, 5, 22))
    assert handle_due(rt, datetime(2026, 5, 10, 3, 0, tzinfo=UTC))["served"] == []
    [event] = events(rt.engine, number, "record_receipt")
    assert (event.actor, event.data["method"]) == ("system", "email_deemed")


def test_a_receipt_recorded_through_the_lifecycle_serves_the_letters_notice(rt, sink):
    number = issue_nota(rt.engine)
    render_letters(rt, NOW)
    send_due(rt, datetime(2026, 5, 5, 3, 0, tzinfo=UTC))
    act(rt.engine, "record_receipt", "dewi", "2026-05-06", number, received_on="2026-05-06", method="post")
    notice = company_notice(rt.engine, number)
    assert (notice.served_on, notice.service_method, notice.status) == (date(2026, 5, 6), "post", "sent")
    assert handle_due(rt, datetime(2026, 5, 20, 3, 0, tzinfo=UTC))["served"] == []  # not deemed
    assert nota_timer(rt.engine, number).start_date == date(2026, 5, 6)


def test_a_letter_without_a_deadline_is_served_on_the_record_by_those_who_may_record_receipts(rt):
    from tests.notices.helpers import notices

    number = issue_nota(rt.engine)
    [receipt] = notices(rt.engine, audience="complainant")  # the complaint receipt: no deadline runs from it
    before = fingerprint(rt.engine)
    with pytest.raises(RoleNotAllowed):
        serve_by(rt, receipt.id, "2026-05-04", ServiceMethod.hand, "kiki")  # the coordinator
    assert fingerprint(rt.engine) == before
    serve_by(rt, receipt.id, "2026-05-04", ServiceMethod.hand, "dewi")
    [event] = events(rt.engine, number, "notice_served")
    assert (event.actor, event.data["received_on"], event.data["notice"]) == ("dewi", "2026-05-04", receipt.id)


def spdp_case(engine) -> str:
    """An SPDP: to the prosecutor (no address configured: by post), the company (e-mail), the complainant."""
    number = to_inspecting(engine, start="2026-05-04")
    act(engine, "report_incident", "sari", "2026-05-06", number, **incident())
    act(engine, "start_investigation", "hendra", "2026-05-07", number, investigators=["sari"])
    act(engine, "send_spdp", "sari", "2026-05-08", number)
    return number


def test_serving_one_partys_copy_leaves_the_other_copies_of_the_letter_alone(rt):
    from tests.notices.helpers import notices

    spdp_case(rt.engine)
    copies = {n.audience: n for n in notices(rt.engine) if n.subject.startswith("Surat Pemberitahuan Dimulainya")}
    assert {a: (n.channel, n.status) for a, n in copies.items()} == {
        "prosecutor": ("post", "awaiting_service"), "company": ("email", "queued"),
        "complainant": ("hand", "awaiting_service")}
    serve_by(rt, copies["complainant"].id, "2026-05-09", ServiceMethod.hand, "dewi")
    after = {n.audience: n for n in notices(rt.engine) if n.id in {c.id for c in copies.values()}}
    assert (after["complainant"].status, after["complainant"].served_on) == ("served", date(2026, 5, 9))
    assert (after["company"].status, after["company"].served_on) == ("queued", None)  # still to be e-mailed
    assert (after["prosecutor"].status, after["prosecutor"].served_on) == ("awaiting_service", None)


def test_two_confirmations_at_once_record_one_receipt(engine, tmp_path):
    import threading

    from tests.conftest import seed_reference
    from tests.notices.conftest import give_emails, runtime

    seed_reference(engine)
    give_emails(engine)
    rt = runtime(engine, tmp_path, 1)
    number = issue_nota(engine)
    notice = company_notice(engine, number)
    start, results, errors = threading.Barrier(2), [], []

    def confirm():
        start.wait()
        try:
            with rt.session() as s:
                results.append(acknowledge(s, token(notice), SECRET, ACK_MOMENT, rt.policy)["result"])
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=confirm) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert errors == [] and sorted(results) == ["already recorded", "recorded"]
    assert len(events(engine, number, "record_receipt")) == 1
    assert nota_timer(engine, number).start_date == date(2026, 5, 7)


def test_the_deemed_day_is_counted_in_the_office_time_zone_whatever_the_servers(rt, sink, monkeypatch):
    import time

    monkeypatch.setenv("TZ", "Asia/Jakarta")  # a server set to local time (SQLite keeps naive UTC moments)
    time.tzset()
    try:
        number = issue_nota(rt.engine)
        render_letters(rt, NOW)
        send_due(rt, datetime(2026, 5, 5, 20, 0, tzinfo=UTC))  # 03:00 WIB on Wednesday 6 May
        [deemed] = handle_due(rt, datetime(2026, 5, 9, 3, 0, tzinfo=UTC))["served"]
        assert deemed["served_on"] == "2026-05-09" and nota_timer(rt.engine, number).start_date == date(2026, 5, 9)
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()
