"""The articles of criminal procedure a letter cites, per procedural regime (KUHAP 1981 or UU 20/2025).

Policy, not template text: legal staff correct or complete a regime's citations here (or per office through
`Policy.procedures`). Where the articles of UU 20/2025 that correspond to a 1981 power are not settled in this
office's practice, the default cites the law itself rather than guess an article number [U].
"""

from dataclasses import dataclass, field

from wasnaker.domain.payloads import Sp3Ground
from wasnaker.domain.vocabulary import Regime

KUHAP_1981 = "Undang-Undang Nomor 8 Tahun 1981 tentang Hukum Acara Pidana"
KUHAP_2025 = "Undang-Undang Nomor 20 Tahun 2025 tentang Hukum Acara Pidana"
PPNS_POWER = ("Pasal 182 Undang-Undang Nomor 13 Tahun 2003 tentang Ketenagakerjaan sebagaimana telah diubah "
              "dengan Undang-Undang Nomor 6 Tahun 2023")
MK_130 = "Putusan Mahkamah Konstitusi Nomor 130/PUU-XIII/2015"
PERKAP_6_2010 = ("Peraturan Kepala Kepolisian Negara Republik Indonesia Nomor 6 Tahun 2010 tentang Manajemen "
                 "Penyidikan oleh Penyidik Pegawai Negeri Sipil")


@dataclass(frozen=True)
class Procedure:
    """What each criminal-track letter cites under one regime."""

    regime: Regime
    law: str
    investigation: tuple[str, ...]  # Sprindik: the investigator's powers and the start of an investigation
    spdp: tuple[str, ...]
    summons: tuple[str, ...]
    summons_warning: str  # what happens when the person does not appear
    file_handover: tuple[str, ...]  # Tahap I cover and Tahap II record
    tipiring: tuple[str, ...]
    termination: tuple[str, ...]
    restorative_justice: tuple[str, ...]
    sp3_grounds: dict[Sp3Ground, str] = field(default_factory=dict)  # the ground's explanation, as a clause
    ppns_power: str = PPNS_POWER

    def ground_allowed(self, ground: Sp3Ground) -> bool:
        return ground in self.sp3_grounds


_GROUNDS_1981 = {
    Sp3Ground.insufficient_evidence: "tidak terdapat cukup bukti untuk membuktikan tindak pidana yang disangkakan",
    Sp3Ground.not_a_crime: "peristiwa yang disidik ternyata bukan merupakan tindak pidana",
    Sp3Ground.by_operation_of_law: "penyidikan dihentikan demi hukum",
}
_GROUNDS_2025 = {
    **_GROUNDS_1981,
    Sp3Ground.max_fine_paid: "tersangka telah membayar denda maksimum yang diancamkan atas tindak pidana yang "
                             "disangkakan",
    Sp3Ground.restorative_justice: "telah tercapai penyelesaian perkara melalui keadilan restoratif dan "
                                   "kesepakatan perdamaian telah dilaksanakan",
}

DEFAULT_PROCEDURES: dict[Regime, Procedure] = {
    Regime.kuhap_1981: Procedure(
        regime=Regime.kuhap_1981, law=KUHAP_1981,
        investigation=(f"Pasal 6 ayat (1) huruf b, Pasal 7 ayat (2) dan Pasal 109 ayat (1) {KUHAP_1981}",),
        spdp=(f"Pasal 109 ayat (1) {KUHAP_1981}", MK_130),
        summons=(f"Pasal 7 ayat (1) huruf g, Pasal 11, Pasal 112 ayat (1) dan Pasal 113 {KUHAP_1981}",),
        summons_warning=("Apabila Saudara tidak datang memenuhi panggilan ini tanpa alasan yang patut dan wajar, "
                         "penyidik akan memanggil Saudara sekali lagi dengan perintah kepada petugas untuk membawa "
                         f"Saudara, sesuai Pasal 112 ayat (2) {KUHAP_1981}."),
        file_handover=(f"Pasal 8 ayat (2) dan ayat (3), Pasal 107 ayat (3) dan Pasal 110 ayat (1) {KUHAP_1981}",
                       PERKAP_6_2010),
        tipiring=(f"Pasal 205 sampai dengan Pasal 207 {KUHAP_1981}",),
        termination=(f"Pasal 109 ayat (2) {KUHAP_1981}", PERKAP_6_2010),
        restorative_justice=("Peraturan Kepolisian Negara Republik Indonesia Nomor 8 Tahun 2021 tentang Penanganan "
                             "Tindak Pidana Berdasarkan Keadilan Restoratif",),
        sp3_grounds=_GROUNDS_1981,
    ),
    Regime.kuhap_2025: Procedure(
        regime=Regime.kuhap_2025, law=KUHAP_2025,
        investigation=(KUHAP_2025,),
        spdp=(KUHAP_2025, MK_130),
        summons=(KUHAP_2025,),
        summons_warning=("Apabila Saudara tidak datang memenuhi panggilan ini tanpa alasan yang patut dan wajar, "
                         "penyidik akan memanggil Saudara sekali lagi dengan perintah kepada petugas untuk membawa "
                         f"Saudara, sesuai {KUHAP_2025}."),
        file_handover=(KUHAP_2025, PERKAP_6_2010),
        tipiring=(KUHAP_2025,),
        termination=(f"Pasal 24 {KUHAP_2025}",),
        restorative_justice=(f"Pasal 79 sampai dengan Pasal 88 {KUHAP_2025}",),
        sp3_grounds=_GROUNDS_2025,
    ),
}
