"""The chronology's sentences (`domain.chronicle`): every trigger of the lifecycle table is told in Indonesian, from
the data its act stored; no code, English word or bare officer text reaches the row."""

import pytest

from tests.documents.reading import letter_defects
from wasnaker.domain import chronicle
from wasnaker.domain.chronicle import Event, Letter
from wasnaker.domain.lifecycle import TRIGGERS
from wasnaker.domain.policy import DEFAULT_TIMER_RULES

PEOPLE = {"budi": "Budi Santoso", "sari": "Sari Wulandari"}
NOTA_1 = Letter("nota_1", "R.560/0001/NP-I/UPTD-WIL.I/II/2026", event_id=1, received_on="2026-02-10",
                deadline={"length": 14, "unit": "days"})


def tell(*events: Event, letters=()) -> list[str]:
    return chronicle.describe_all(list(events), list(letters), PEOPLE)


@pytest.mark.parametrize("trigger", sorted(TRIGGERS))
def test_every_trigger_of_the_lifecycle_has_its_sentence(trigger):
    """A new trigger without a sentence fails here; even without data its row is an Indonesian sentence."""
    assert trigger in chronicle.SENTENCES
    [row] = tell(Event(1, trigger, {}, "Budi Santoso"))
    assert len(row) > 10 and row.endswith(".") and not letter_defects(row), row
    assert not any(hole in row for hole in (":.", ": ;", "  ", " .", " ;")), row


@pytest.mark.parametrize("kind", [k.value for k in DEFAULT_TIMER_RULES])
def test_system_records_are_told_too(kind):
    rows = tell(Event(2, f"timer_expired:{kind}", {"due_date": "2026-02-24", "message": "Jangka waktu Nota I habis"}),
                Event(3, f"reminder_sent:{kind}", {"due_date": "2026-02-24"}),
                Event(4, "notice_sent", {"to": "hrd@contoh.co.id", "subject": "Nota Pemeriksaan I"}),
                Event(5, "something_new", {}))
    assert rows[0] == "Jangka waktu Nota I habis; jatuh tempo 24 Februari 2026."
    assert rows[1].startswith("Surat Pengingat dikirim kepada perusahaan")
    assert not any(letter_defects(row) for row in rows), rows


def test_rows_tell_the_facts_of_each_act():
    finding = {"norm": "Upah minimum", "facts": "40 pekerja dibayar di bawah UMK", "article": "Pasal 88E ayat (2)"}
    rows = tell(Event(0, "record_finding", finding, "Budi Santoso"),
                Event(1, "issue_nota_1", {"deadline_days": None}, "Budi Santoso"),
                Event(2, "record_receipt", {"received_on": "2026-02-10", "method": "hand"}, "Budi Santoso"),
                Event(3, "record_recheck", {"partly": [1], "note": "sebagian dibayar"}, "Budi Santoso"),
                Event(4, "receive_p19", {"p19_number": "B-412/M.2.24/Eku.1/03/2026", "received_on": "2026-03-10",
                                         "instructions": "Lengkapi keterangan ahli"}, "Sari Wulandari"),
                Event(5, "assign_inspectors", {"inspectors": ["budi", "sari"]}, "Hendra Gunawan"),
                Event(6, "record_compliance", {}, "Budi Santoso", from_state="nota_1", closed_as="Dipatuhi"),
                letters=[NOTA_1])
    assert rows[0] == ("Budi Santoso mencatat temuan 1: Upah minimum — 40 pekerja dibayar di bawah UMK; "
                       "pasal: “Pasal 88E ayat (2)”.")
    assert rows[1] == ("Nota Pemeriksaan I Nomor R.560/0001/NP-I/UPTD-WIL.I/II/2026 diterbitkan dengan jangka waktu "
                       "14 (empat belas) hari.")
    assert rows[2] == ("Nota Pemeriksaan I Nomor R.560/0001/NP-I/UPTD-WIL.I/II/2026 diterima perusahaan pada "
                       "10 Februari 2026 (diserahkan langsung).")
    assert rows[3] == "Pemeriksaan ulang oleh Budi Santoso: temuan 1 dipenuhi sebagian; catatan: “sebagian dibayar”."
    assert rows[4] == ("P-19 Nomor B-412/M.2.24/Eku.1/03/2026 diterima pada 10 Maret 2026; petunjuk Penuntut Umum: "
                       "“Lengkapi keterangan ahli”.")
    assert rows[5] == "Hendra Gunawan menunjuk pengawas ketenagakerjaan: Budi Santoso, Sari Wulandari."
    assert rows[6] == "Budi Santoso mencatat pemeriksaan ulang: seluruh perintah dipenuhi; perkara ditutup: Dipatuhi."


def test_a_recheck_keeps_what_an_earlier_one_found_complied():
    finding = {"norm": "Upah", "facts": "x", "article": "Pasal 1"}
    rows = tell(Event(1, "record_finding", finding, "Budi"), Event(2, "record_finding", finding, "Budi"),
                Event(3, "record_recheck", {"complied": [1]}, "Budi"), Event(4, "record_recheck", {}, "Budi"))
    assert rows[2] == "Pemeriksaan ulang oleh Budi: temuan 1 dipenuhi; temuan 2 belum dipenuhi."
    assert rows[3] == rows[2]


def test_officer_text_is_quoted_after_a_label_and_a_late_act_says_why():
    data = {"reason": "Perusahaan sudah membayar", "late_reason": "Berkas baru diterima dari pos"}
    [row] = tell(Event(1, "withdraw_complaint", data, "Dewi", closed_as="Pengaduan dicabut"))
    assert row == ("Dewi mencatat pencabutan pengaduan oleh pengadu; alasan: “Perusahaan sudah membayar”; perkara "
                   "ditutup: Pengaduan dicabut; dicatat terlambat: “Berkas baru diterima dari pos”.")


def test_a_receipt_names_the_letter_given_in_its_data():
    nota_2 = Letter("nota_2", "R.560/0002/NP-II/UPTD-WIL.I/II/2026", event_id=5)
    [row] = tell(Event(7, "record_receipt", {"received_on": "2026-02-20", "method": "post",
                                             "letter": NOTA_1.number}), letters=[NOTA_1, nota_2])
    assert row.startswith(f"Nota Pemeriksaan I Nomor {NOTA_1.number} diterima perusahaan pada 20 Februari 2026 "
                          "(pos tercatat)")
