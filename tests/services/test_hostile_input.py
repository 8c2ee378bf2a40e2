"""Hostile input, catalogued (issue #12 part 5): each row an input, the act it goes to, and either the one-line
error it gets (nothing written: the database fingerprint is unchanged) or the safe outcome it has."""

import copy
from datetime import date

import pytest
from sqlmodel import select

from models import Case, CaseEvent, Company
from tests.helpers import COMPLAINT, FINDING, act, fingerprint, to_inspecting
from tests.smtp_sink import SmtpSink
from wasnaker.adapters.rendering import PdfRenderer, pdf_text
from wasnaker.adapters.smtp import SmtpSender
from wasnaker.db import session_scope
from wasnaker.domain.errors import WasnakerError
from wasnaker.domain.notices import Mail
from wasnaker.services import registry

MB = "x" * (1 << 20)
ESC = "PT Gelap \x1b[2J\x1b]0;pwned\x07"


def company(**fields):
    def add(engine):
        with session_scope(engine) as s:
            registry.add_company(s, **{"name": "PT Baru", "nib": "9120000000009", **fields})
    return add


def officer(name):
    def add(engine):
        with session_scope(engine) as s:
            office = s.exec(select(registry.Office)).first()
            registry.add_officer(s, office=office, username="baru", name=name, nip="198001012005011099",
                                 role="inspector")
    return add


def complaint(**data):
    return lambda engine: act(engine, "file_complaint", "dewi", "2026-03-02", **{**COMPLAINT, **data})


def finding(**data):
    return lambda engine: act(engine, "record_finding", "budi", "2026-03-02", _case(engine), **{**FINDING, **data})


def on_case(trigger, actor, on="2026-03-03", **data):
    return lambda engine: act(engine, trigger, actor, on, _case(engine), **data)


def _case(engine) -> str:
    with session_scope(engine) as s:
        return s.exec(select(Case.number)).first()


REFUSED = [  # (id, act, the error's words)
    ("company-name-crlf", company(name="PT Sinar\r\nBcc: x@evil.example"), "company name (a single line) holds a "
                                                                           "control character (U+000D)"),
    ("company-name-ansi", company(name=ESC), "company name (a single line) holds a control character (U+001B)"),
    ("company-address-lf", company(address="Jl. A\nJl. B"), "address (a single line) holds a control character"),
    ("company-head-bell", company(head_name="Andi\x07"), "head name (a single line) holds a control character"),
    ("company-head-title-rlo", company(head_title="Direktur \u202eamatU"), "head title (a single line) holds a "
                                                                          "bidirectional control (U+202E)"),
    ("company-name-1mb", company(name=MB), "company name is 1048576 characters long; at most 300"),
    ("company-nib-malformed", company(nib="91200'; DROP"), "malformed NIB"),
    ("company-npwp-malformed", company(npwp="12.345"), "malformed NPWP"),
    ("company-workforce-text", company(workforce="banyak"), "workforce 'banyak' is not a number"),
    ("officer-name-lf", officer("Budi\nSantoso"), "officer name (a single line) holds a control character"),
    ("complainant-crlf", complaint(complainant_name="SP\r\nTekstil"), "complainant_name (a single line) holds a "
                                                                      "control character (U+000D)"),
    ("complainant-ansi", complaint(complainant_name=ESC), "control character (U+001B)"),
    ("summary-1mb", complaint(summary=MB), "summary is 1048576 characters long; at most 5000"),
    ("summary-escape", complaint(summary="Upah\x1b[31m telat"), "summary holds a control character (U+001B)"),
    ("evidence-item-lf", complaint(evidence=["slip\ngaji"]), "evidence (a single line) holds a control character"),
    ("complaint-nib-malformed", complaint(company_nib="not-a-nib"), "NIB"),
    ("finding-facts-rlo", finding(facts="40 pekerja \u202edibayar"), "facts holds a bidirectional control (U+202E)"),
    ("finding-norm-isolate", finding(norm="Upah \u2066minimum"), "bidirectional control (U+2066)"),
    ("finding-norm-1mb", finding(norm=MB), "norm is 1048576 characters long; at most 300"),
    ("finding-workers-negative", finding(workers_affected=-1), "workers_affected: Input should be greater than"),
    ("finding-amount-huge", finding(amount=10**30), "amount 1000000000000000000000000000000 is too large"),
    ("finding-workers-huge", finding(workers_affected=-(10**16)), "workers_affected"),
    ("nota-deadline-negative", on_case("issue_nota_1", "budi", deadline_days=-1), "deadline_days: Input should"),
    ("nota-deadline-huge", on_case("issue_nota_1", "budi", deadline_days=10**12), "deadline"),
    ("receipt-day-30-feb", on_case("issue_nota_1", "budi", received_on="2026-02-30"), "received_on: Input should"),
    ("receipt-year-0001", on_case("issue_nota_1", "budi", received_on="0001-01-01"),
     "received_on 0001-01-01 is outside the years 1900-2100"),
    ("receipt-year-9999", on_case("issue_nota_1", "budi", received_on="9999-12-31"),
     "received_on 9999-12-31 is outside the years 1900-2100"),
    ("plan-unknown-reason", lambda e: act(e, "plan_inspection", "hendra", "2026-03-02",
                                          company_nib="9120001234567", reason="hacker"), "reason: Input should be"),
]


@pytest.fixture
def inspecting(seeded):
    to_inspecting(seeded, start="2026-03-02", finding=FINDING)
    return seeded


@pytest.mark.parametrize("attempt, message", [r[1:] for r in REFUSED], ids=[r[0] for r in REFUSED])
def test_hostile_input_is_refused_in_one_line_and_writes_nothing(inspecting, attempt, message):
    before = fingerprint(inspecting)
    with pytest.raises(WasnakerError) as refused:
        attempt(inspecting)
    assert message in str(refused.value) and "\n" not in str(refused.value)
    assert fingerprint(inspecting) == before


STORED_AS_TYPED = [  # text that is only text: kept exactly as typed
    ("sql-fragment", {"complainant_name": "'; DROP TABLE case; --"}),
    ("html-script", {"summary": "<script>alert(1)</script> <b>Upah</b>"}),
    ("file-and-http-urls", {"summary": "lihat file:///etc/passwd dan http://169.254.169.254/latest"}),
    ("long-text-with-lines", {"summary": "Upah telat.\nLembur tidak dibayar."}),
    ("complainant-unicode", {"complainant_name": "Serikat Pekerja Tekstil — Ñoño 日本"}),
]


@pytest.mark.parametrize("data", [r[1] for r in STORED_AS_TYPED], ids=[r[0] for r in STORED_AS_TYPED])
def test_hostile_text_that_is_only_text_is_stored_as_typed(seeded, data):
    complaint(**data)(seeded)
    assert {k: v for k, v in filed(seeded).items() if k in data} == data
    with session_scope(seeded) as s:
        assert "9120001234567" in {c.nib for c in s.exec(select(Company))}  # every table still there


def filed(engine) -> dict:
    with session_scope(engine) as s:
        return s.exec(select(CaseEvent).where(CaseEvent.trigger == "file_complaint")).one().data


def test_crlf_line_ends_in_long_text_are_kept_as_line_feeds(seeded):
    complaint(summary="Upah telat.\r\nLembur.")(seeded)
    assert filed(seeded)["summary"] == "Upah telat.\nLembur."


# --- the e-mail: a listed company's name keeps its comma, and no data folds a header ---

@pytest.mark.parametrize("name, shown", [
    ("PT Sinar Tekstil Nusantara, Tbk", "PT Sinar Tekstil Nusantara, Tbk"),
    ('PT "Kutip" <palsu@evil.example>, Tbk', 'PT "Kutip" <palsu@evil.example>, Tbk'),
    ("PT Lama\r\nBcc: x@evil.example", "PT Lama Bcc: x@evil.example"),  # typed before entry refused it
])
def test_the_to_header_sent_names_one_recipient_with_its_name_intact(name, shown):
    sink = SmtpSink().start()
    try:
        SmtpSender(host="127.0.0.1", port=sink.port, mail_from="UPTD <noreply@disnaker.example.go.id>").send(
            Mail(to="hrd@sinartekstil.co.id", to_name=name, subject=f"Nota [{name}]", body="Yth.", message_id="<1@x>"))
    finally:
        sink.stop()
    (message,) = sink.received
    (address,) = message["To"].addresses
    assert (address.display_name, address.addr_spec) == (shown, "hrd@sinartekstil.co.id")
    assert message["X-Envelope-To"] == "hrd@sinartekstil.co.id" and message["Bcc"] is None
    assert "\r" not in str(message["Subject"]) and "\n" not in str(message["Subject"])


# --- the letter: older data with a bidi control or markup prints its words in order, literally, fetching nothing ---

@pytest.fixture(scope="module")
def nota_with_old_data():
    from tests.documents.reading import fetches
    from tests.documents.test_examples import example

    ctx = copy.deepcopy(example("nota_1"))
    ctx["findings"][0]["facts"] = ("Upah \u202edibayar terlambat\u202c sejak Maret <script>alert(1)</script> "
                                   '<img src="file:///etc/passwd"> <link href="http://example.com/x.css">')
    text, asked = fetches(lambda: pdf_text(PdfRenderer().render("nota_1", ctx).pdf))
    return " ".join(text.split()), asked


def test_a_right_to_left_override_in_older_data_does_not_reverse_the_letter(nota_with_old_data):
    text, _ = nota_with_old_data
    assert "Upah dibayar terlambat sejak Maret" in text
    assert "\u202e" not in text and "rabayid" not in text


def test_markup_and_urls_print_literally_and_nothing_is_fetched(nota_with_old_data):
    text, asked = nota_with_old_data
    assert '<script>alert(1)</script> <img src="file:///etc/passwd">' in text
    assert all(url.endswith("/document_templates/style.css") for url in asked)


def test_the_schema_each_front_end_reads_states_the_limits():
    from wasnaker.domain.payloads import FileComplaint, RecordFinding

    props = FileComplaint.model_json_schema()["properties"]
    assert (props["complainant_name"]["maxLength"], props["summary"]["maxLength"]) == (300, 5000)
    assert props["evidence"]["items"]["maxLength"] == 300
    assert RecordFinding.model_json_schema()["properties"]["workers_affected"]["maximum"] == 10**15


def test_dates_outside_the_calendar_are_refused_by_the_shared_check():
    from wasnaker.domain.validation import calendar_date

    assert calendar_date(date(1950, 4, 2)) == date(1950, 4, 2)
    with pytest.raises(WasnakerError, match="outside the years"):
        calendar_date(date(9999, 1, 1))
