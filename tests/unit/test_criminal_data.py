"""The data the criminal track needs: identities, the offence, the PPNS register and the outside parties, each
validated before anything is written; the procedure articles are policy per regime."""

from datetime import date

import pytest
from pydantic import ValidationError

from tests.helpers import ANDI, incident
from wasnaker.domain.errors import InvalidData
from wasnaker.domain.guards import offence_key
from wasnaker.domain.numbering import format_number
from wasnaker.domain.office_config import parse
from wasnaker.domain.payloads import ReportIncident, Sp3Ground, Summon
from wasnaker.domain.policy import DEFAULT_POLICY
from wasnaker.domain.vocabulary import DocKind, Regime

OFFICE = {"code": "UPTD-WIL.I", "name": "UPTD Pengawasan Wilayah I", "province": "Jawa Barat"}


def test_a_complete_report_is_accepted_and_its_nested_dates_are_checked_as_past():
    report = ReportIncident.model_validate(incident())
    assert report.suspect.person.nik == "3273010204750001"
    assert set(report.past_dates()) == {"offence.date", "suspect.person.birth_date",
                                        "witnesses.person.birth_date", "earlier.date"}


@pytest.mark.parametrize("change, message", [
    ({"witnesses": []}, "witnesses"),
    ({"offence": None}, "offence"),
    ({"evidence": []}, "evidence"),
    ({"earlier": None}, "repeat offence cites the earlier case"),
    ({"suspect": {}}, "either a person or a corporation"),
    ({"suspect": {"person": ANDI, "corporation": {"name": "PT X", "nib": "9120001234567",
                                                  "address": "Jl. X No. 1", "pengurus": ANDI,
                                                  "pengurus_position": "Direktur"}}}, "either a person"),
    ({"suspect": {"person": {**ANDI, "nik": "12345"}}}, "malformed NIK"),
    ({"suspect": {"person": {**ANDI, "nik": "0073010204750001"}}}, "province code"),
    ({"account": "Upah\nbelum dibayar kepada pekerja/buruh"}, None),  # folded to one line, accepted
])
def test_a_report_missing_what_the_letters_need_is_refused(change, message):
    if message is None:
        assert "\n" not in ReportIncident.model_validate(incident(**change)).account
        return
    with pytest.raises(ValidationError, match=message):
        ReportIncident.model_validate(incident(**change))


def test_a_witness_summons_needs_the_identity_and_an_expert_the_expertise():
    with pytest.raises(ValidationError, match="needs the person's identity"):
        Summon.model_validate({"status": "saksi", "appointment_date": "2026-03-10"})
    with pytest.raises(ValidationError, match="needs the expertise"):
        Summon.model_validate({"status": "ahli", "person": ANDI, "appointment_date": "2026-03-10"})
    with pytest.raises(ValidationError, match="appointment_time"):
        Summon.model_validate({"status": "tersangka", "appointment_date": "2026-03-10", "appointment_time": "9 pagi"})
    assert Summon.model_validate({"status": "tersangka", "appointment_date": "2026-03-10"}).person is None


def test_ppns_letters_have_their_own_register():
    policy = DEFAULT_POLICY
    number = format_number(policy.pattern_for(DocKind.incident_report), seq=3, unit="UPTD-WIL.I",
                           on=date(2026, 4, 2), classification="560", confidential=False, code="LK")
    assert number == "LK/03/IV/2026/PPNS-UPTD-WIL.I"
    config = parse({"office": OFFICE, "criminal": {"ppns_unit": "PPNS-NAKER.JABAR"}})
    office_policy = policy.for_office({"criminal": config.criminal.model_dump(exclude_none=True)})
    assert format_number(office_policy.pattern_for(DocKind.sprindik), seq=1, unit="UPTD-WIL.I", on=date(2026, 2, 6),
                         classification="560", confidential=False,
                         ppns_unit=office_policy.ppns_unit) == "SP.Sidik/01/II/2026/PPNS-NAKER.JABAR"
    assert policy.pattern_for(DocKind.nota_1) == policy.number_pattern


def test_the_prosecutor_is_the_kejaksaan_negeri_of_the_district_and_the_korwas_comes_from_the_office():
    config = parse({"office": OFFICE, "criminal": {
        "korwas": "Korwas PPNS Ditreskrimsus Polda Jawa Barat",
        "prosecutors": {"Kabupaten Bandung": "Kejaksaan Negeri Kabupaten Bandung"}}})
    policy = DEFAULT_POLICY.for_office({"criminal": config.criminal.model_dump(exclude_none=True)})
    assert policy.prosecutor_for("Kabupaten Bandung") == "Kejaksaan Negeri Kabupaten Bandung"
    assert policy.prosecutor_for("Kota Cimahi") == "Kejaksaan Negeri Kota Cimahi"
    assert policy.korwas_for("Jawa Barat") == "Korwas PPNS Ditreskrimsus Polda Jawa Barat"
    with pytest.raises(InvalidData, match="Kejaksaan Negeri"):
        parse({"office": OFFICE, "criminal": {"prosecutors": {"Kota Cimahi": "Kejari Cimahi"}}})


def test_procedure_articles_and_sp3_grounds_are_per_regime():
    old, new = DEFAULT_POLICY.procedure(Regime.kuhap_1981), DEFAULT_POLICY.procedure(Regime.kuhap_2025)
    assert "Pasal 112" in " ".join(old.summons) and "Nomor 8 Tahun 1981" in old.summons_warning
    assert "Nomor 20 Tahun 2025" in " ".join(new.termination) and "Pasal 112" not in " ".join(new.summons)
    assert not old.ground_allowed(Sp3Ground.max_fine_paid) and new.ground_allowed(Sp3Ground.max_fine_paid)


@pytest.mark.parametrize("article, key", [
    ("UU 13/2003 Pasal 187", "UU 13/2003 Pasal 187"),
    ("Pasal 187 ayat (1) jo Pasal 78 ayat (2) Undang-Undang Nomor 13 Tahun 2003 tentang Ketenagakerjaan",
     "UU 13/2003 Pasal 187 ayat (1)"),
    ("UU 3/1951 jo UU 23/1948", "UU 3/1951"),
])
def test_rj_eligibility_reads_an_article_however_it_is_cited(article, key):
    assert offence_key(article) == key
