"""The letters that open the criminal track (Laporan Kejadian, Sprindik, SPDP, Surat Panggilan), rendered from the
demo's cases B (a natural-person suspect after two Notas) and C (a corporate suspect, a repeat offence reported on
a union's complaint), played only as far as the summonses: every part of the kind and no reader's defect."""

from datetime import date

import pytest
from sqlmodel import select

from models import Case, Document
from tests.conftest import seed_reference
from tests.documents.reading import letter_defects, missing_parts
from tests.helpers import NOW, fingerprint
from wasnaker.adapters.rendering import pdf_text
from wasnaker.application import acts, documents, sweep
from wasnaker.clock import start_of_day
from wasnaker.db import init_db
from wasnaker.demo.load import play
from wasnaker.demo.story import CASE_B, CASE_C, COMPANIES, EUIS
from wasnaker.domain.errors import GuardFailed, InvalidData
from wasnaker.runtime import runtime_for
from wasnaker.services.registry import add_company
from wasnaker.services.snapshot import metadata
from wasnaker.settings import Settings

KINDS = ("incident_report", "sprindik", "spdp", "summons")


def _until(steps, last_trigger, count=1):
    """The steps up to and including the `count`-th `last_trigger`."""
    out, seen = [], 0
    for step in steps:
        out.append((step[0], "kadis" if step[1] == "rahmat" else step[1], *step[2:]))
        seen += step[0] == last_trigger
        if seen == count:
            return out
    raise AssertionError(f"no {last_trigger} in the story")


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    rt = runtime_for(Settings(home=tmp_path_factory.mktemp("crim")))
    init_db(rt.engine)
    seed_reference(rt.engine)
    with rt.session() as s:
        for company in COMPANIES[2:]:
            add_company(s, **company)

    def act(_label, number, trigger, actor, day, data):
        return acts.record(rt, trigger=trigger, actor=actor, on=day, now=NOW, case_number=number,
                           data=data)["case_number"]

    numbers = play({"B": _until(CASE_B, "summon", 2), "C": _until(CASE_C, "send_spdp")}, act,
                   lambda day: sweep.sweep(rt, start_of_day(day, "Asia/Jakarta")))
    documents.render_pending(rt, NOW)
    return rt, numbers


@pytest.fixture(scope="module")
def letters(world):
    """{(case label, kind): [(context, text), ...]}"""
    rt, numbers = world
    label = {number: name for name, number in numbers.items()}
    out: dict[tuple, list] = {}
    with rt.session() as s:
        rows = s.exec(select(Document, Case.number).join(Case, Case.id == Document.case_id)
                      .where(Document.status == "issued").order_by(Document.id)).all()
        for doc, number in rows:
            if doc.kind in KINDS:
                text = pdf_text(open(doc.file_path, "rb").read())
                out.setdefault((label[number], doc.kind), []).append((doc.context, text))
    return out


def test_each_case_issued_each_kind(letters):
    assert {k for k in letters} == {(c, k) for c in "BC" for k in KINDS} - {("C", "summons")}
    assert len(letters["B", "summons"]) == 2


@pytest.mark.parametrize("kind", KINDS)
def test_every_letter_has_the_parts_of_its_kind_and_no_defect(letters, kind):
    meta = metadata(kind)
    assert meta.get("parts")
    for case in "BC":
        for context, text in letters.get((case, kind), []):
            assert context["doc"]["number"] in text
            assert not missing_parts(meta, context, text), (case, missing_parts(meta, context, text))
            assert not letter_defects(text), (case, letter_defects(text))


def test_lk_numbers_follow_the_ppns_register(letters):
    ctx, _ = letters["B", "incident_report"][0]
    assert ctx["doc"]["number"] == "LK/01/II/2026/PPNS-UPTD-WIL.I"


def test_lk_of_case_b_lists_both_notas_and_the_spt(letters):
    ctx, text = letters["B", "incident_report"][0]
    flat = " ".join(text.split())
    assert [n["title"] for n in ctx["notas"]] == ["Nota Pemeriksaan I", "Nota Pemeriksaan II"]
    for n in ctx["notas"]:
        assert f"{n['title']} Nomor {n['number']} tanggal" in flat
        assert n["number"] in flat and f"tanggal {n['date'][8:].lstrip('0')} Januari 2026" in flat
    assert "Surat Perintah Tugas Nomor" in flat and "5 Januari 2026" in flat  # the offence's date, not the report's
    assert ctx["complaint"] is None and "PENGADU" not in flat


def test_lk_of_case_c_cites_the_earlier_letter_and_no_nota_of_its_own(letters):
    ctx, text = letters["C", "incident_report"][0]
    flat = " ".join(text.split())
    earlier = "Nota Pemeriksaan I Nomor R.560/0412/NP-I/UPTD-WIL.I/IX/2025 tanggal 15 September 2025"
    assert flat.count("Nota Pemeriksaan") == 1 and earlier in flat
    assert ctx["notas"] == [] and "pengulangan pelanggaran" in flat
    assert "PT Karya Logam Presisi" in flat and "Hadi Prasetyo" in flat and "selaku" not in ctx["account"]
    assert "pengaduan Serikat Pekerja Logam PT Karya Logam Presisi" in flat


def test_spdp_copies_go_to_the_complainant_only_when_there_is_one(letters):
    b, _ = letters["B", "spdp"][0]
    c, _ = letters["C", "spdp"][0]
    assert not any("Pelapor" in t or "Korban" in t for t in b["tembusan"])
    assert b["tembusan"][1] == "Sdr. Rudi Hartono" and b["addressee"][0] == "Kepala Kejaksaan Negeri Kabupaten Bandung"
    assert c["tembusan"][-1] == "Serikat Pekerja Logam PT Karya Logam Presisi selaku Pelapor"
    assert c["addressee"][-1] == "Kabupaten Bandung Barat"


def test_suspect_summons_goes_to_the_suspect_and_says_its_capacity_once(letters):
    (suspect_ctx, suspect_text), (witness_ctx, witness_text) = letters["B", "summons"]
    assert suspect_ctx["person"]["name"] == "Rudi Hartono" and witness_ctx["person"]["name"] == "Ujang Supriatna"
    assert " ".join(suspect_text.split()).count("sebagai Tersangka") == 1
    assert "pukul 09.00 WIB" in " ".join(suspect_text.split())
    assert "yang diduga dilakukan oleh Rudi Hartono" in " ".join(witness_text.split())


def _refused(rt, number, trigger, actor, on, data) -> str:
    before = fingerprint(rt.engine)
    with pytest.raises((GuardFailed, InvalidData)) as refused:
        acts.record(rt, trigger=trigger, actor=actor, on=date.fromisoformat(on), now=NOW, case_number=number,
                    data=data)
    assert fingerprint(rt.engine) == before  # case version, events, documents, timers: unchanged
    return str(refused.value)


def test_summons_on_a_holiday_is_refused_with_nothing_written(world):
    rt, numbers = world
    data = dict(status="saksi", person=EUIS, appointment_date="2026-02-17")  # Tahun Baru Imlek
    assert "non-working day" in _refused(rt, numbers["B"], "summon", "sari", "2026-02-11", data)


@pytest.mark.parametrize("drop", ["witnesses", "offence"])
def test_incident_report_without_witnesses_or_offence_is_refused(world, drop):
    rt, _ = world
    c_report = next(step for step in CASE_C if step[0] == "report_incident")[3]
    steps = _until(CASE_C, "record_inspection")
    number = None
    for trigger, actor, on, data in steps:
        number = acts.record(rt, trigger=trigger, actor=actor, on=date.fromisoformat(on), now=NOW,
                             case_number=number, data=data)["case_number"]
    data = {k: v for k, v in c_report.items() if k != drop}
    if drop == "witnesses":
        data["witnesses"] = []
    assert drop in _refused(rt, number, "report_incident", "sari", "2026-03-06", data)


