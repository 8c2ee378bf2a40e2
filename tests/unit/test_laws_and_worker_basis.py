"""The laws catalogue letters cite from, the basis a Penetapan's computation needs, the copy-list policy."""

import pytest
from pydantic import ValidationError

from wasnaker.adapters.rendering import TEMPLATES_DIR
from wasnaker.domain import laws, office_config
from wasnaker.domain.contexts import _tembusan
from wasnaker.domain.errors import InvalidData
from wasnaker.domain.payloads import RecordFinding, SignSpt, WorkerItem, missing_basis
from wasnaker.domain.vocabulary import DocKind
from wasnaker.services.snapshot import laws_catalogue, metadata

CATALOGUE = laws_catalogue(TEMPLATES_DIR)


def test_the_shipped_catalogue_is_consistent_and_lists_what_metadata_documents():
    assert laws.problems(CATALOGUE) == []
    for kind, bases in CATALOGUE["bases"].items():
        assert metadata(kind, TEMPLATES_DIR)["legal_bases"] == bases, kind


def test_short_forms_are_cited_as_the_law_is():
    cited = laws.cite("Pasal 88A ayat (3) UU 13/2003 jo UU 6/2023 jo Pasal 61 PP 36/2021", CATALOGUE)
    assert cited == ("Pasal 88A ayat (3) Undang-Undang Nomor 13 Tahun 2003 tentang Ketenagakerjaan sebagaimana telah "
                     "diubah dengan Undang-Undang Nomor 6 Tahun 2023 jo Pasal 61 Peraturan Pemerintah Nomor 36 Tahun "
                     "2021 tentang Pengupahan")
    # the amendment is named even when the officer left it out; text already written out is left alone
    assert laws.cite("Pasal 78 UU 13/2003", CATALOGUE).endswith("sebagaimana telah diubah dengan Undang-Undang "
                                                                "Nomor 6 Tahun 2023")
    full = "Pasal 88E ayat (2) Undang-Undang Nomor 13 Tahun 2003 tentang Ketenagakerjaan"
    assert laws.cite(full, CATALOGUE) == full
    assert laws.cite("Pasal 5 UU 99/2099", CATALOGUE) == "Pasal 5 UU 99/2099"


def test_bases_carry_the_gazette():
    [_, manpower, wages, *_] = laws.bases("penetapan", CATALOGUE)
    assert manpower.startswith("Undang-Undang Nomor 13 Tahun 2003 tentang Ketenagakerjaan (Lembaran Negara Republik "
                               "Indonesia Tahun 2003 Nomor 39, Tambahan Lembaran Negara Republik Indonesia Nomor 4279) "
                               "sebagaimana telah diubah dengan Undang-Undang Nomor 6 Tahun 2023")
    assert "(Lembaran Negara Republik Indonesia Tahun 2023 Nomor 41, Tambahan Lembaran Negara Republik Indonesia " \
           "Nomor 6856)" in manpower
    assert wages.endswith("Pengupahan (Lembaran Negara Republik Indonesia Tahun 2021 Nomor 46, Tambahan Lembaran "
                          "Negara Republik Indonesia Nomor 6648)")
    assert any("Nomor 1 Tahun 1970 tentang Keselamatan Kerja" in b for b in laws.bases("spt", CATALOGUE))
    assert laws.bases("sprindik", CATALOGUE) is None


def test_a_catalogue_naming_an_unknown_law_is_faulted():
    bad = {"laws": {"UU 13/2003": {"name": "Undang-Undang Nomor 13 Tahun 2003", "amended_by": "UU 6/2023"}},
           "bases": {"spt": ["UU 3/1951"]}}
    assert laws.problems(bad) == ["UU 13/2003: amended_by 'UU 6/2023' is not in the catalogue",
                                  "bases.spt: 'UU 3/1951' is not in the catalogue"]


def test_a_worker_item_computes_its_shortfall_from_its_basis():
    item = WorkerItem(label="Upah", period="Desember 2025", due=3_200_000, paid=1_600_000)
    assert item.amount == 1_600_000
    for bad, message in [(dict(due=3_200_000), "give both due and paid"),
                         (dict(due=1_000, paid=1_000), "nothing is owed"),
                         (dict(due=3_000, paid=1_000, amount=500), "is not due − paid"),
                         ({}, "give due and paid")]:
        with pytest.raises(ValidationError, match=message):
            WorkerItem(label="Upah", **bad)
    legacy = {"name": "Siti Aminah", "items": [{"label": "Upah", "amount": 900_000}]}
    assert missing_basis([legacy]) == ["Siti Aminah, Upah: period, due, paid"]


def test_a_finding_amount_is_the_total_of_its_workers():
    worker = {"name": "Siti Aminah", "items": [{"label": "Upah", "period": "Desember 2025", "due": 3_000, "paid": 0}]}
    base = dict(norm="Upah", article="Pasal 88A ayat (3) UU 13/2003", facts="Upah tidak dibayar", order="Membayar")
    assert RecordFinding(**base, workers_affected=1, workers=[worker]).total == 3_000
    with pytest.raises(ValidationError, match="not the total of the workers' shortfalls"):
        RecordFinding(**base, workers_affected=1, amount=5_000, workers=[worker])
    with pytest.raises(ValidationError, match="1 workers listed but workers_affected is 0"):
        RecordFinding(**base, workers=[worker])
    with pytest.raises(ValidationError, match="period_end 2026-01-01 is before period_start"):
        SignSpt(period_start="2026-01-02", period_end="2026-01-01")


def _office(**extra):
    return {"office": {"code": "UPTD-X", "name": "UPTD Pengawasan X", "province": "Jawa Barat"}, **extra}


def test_a_rahasia_letter_is_copied_outside_the_administration_only_by_policy():
    union = ["Kepala UPTD Pengawasan X", "PUK SPSI PT Sinar Tekstil Nusantara"]
    with pytest.raises(InvalidData, match=r"tembusan.nota_1: PUK SPSI .* confidential_outside = true"):
        office_config.parse(_office(tembusan={"nota_1": union}))
    assert office_config.parse(_office(tembusan={"nota_1": union}, copies={"confidential_outside": True}))
    assert office_config.parse(_office(tembusan={"spt": union}))  # an SPT is not Rahasia
    snap = {"tembusan": {"nota_1": union}, "office": {"parent": "Dinas X"}}
    assert _tembusan(DocKind.nota_1, snap, True) == ["Kepala UPTD Pengawasan X"]
    assert _tembusan(DocKind.nota_1, {**snap, "confidential_copies_outside": True}, True) == union
