"""Office policy: every [U] value of the domain lives here with its default, never as a constant in code.

An office overrides these defaults from its configuration; tests build their own.
"""

from dataclasses import dataclass, field, replace

from wasnaker.domain.notices import DEFAULT_NOTICE_AUDIENCES, Audience
from wasnaker.domain.procedure import DEFAULT_PROCEDURES, Procedure
from wasnaker.domain.vocabulary import DocKind, Regime, Role, TimerKind


@dataclass(frozen=True)
class Expiry:
    """What the expiry of a timer does.

    `auto_trigger` is applied by the `system` actor only where the law itself attaches the consequence;
    otherwise the sweep prepares `drafts`, tells `notify` and waits for a person's judgement.
    """

    message: str
    auto_trigger: str | None = None
    drafts: tuple[DocKind, ...] = ()
    notify: tuple[Role, ...] = (Role.head, Role.coordinator)
    settles: bool = False  # the expiry itself is the outcome (nothing waits for a person): the timer closes


@dataclass(frozen=True)
class TimerRule:
    kind: TimerKind
    label: str
    length: int
    unit: str  # calendar.DayUnit value: "days" | "working_days"
    roll_forward: bool
    starts: str  # what starts the clock, in words
    basis: str
    expiry: Expiry
    max_length: int | None = None
    from_receipt: bool = False  # clock starts at the company's (or prosecutor's) receipt, not the act date
    remind: bool = False  # a company deadline: a Surat Pengingat goes out N working days before it


def _rule(kind, label, length, *, starts, basis, expiry, roll=False, max_length=None, receipt=False, remind=False):
    return TimerRule(kind, label, length, "days", roll, starts, basis, expiry, max_length, receipt, remind)


_NOTIFY_INSPECTOR = (Role.inspector, Role.head, Role.coordinator)
_NOTIFY_PPNS = (Role.ppns, Role.head, Role.coordinator)

DEFAULT_TIMER_RULES: dict[TimerKind, TimerRule] = {
    r.kind: r
    for r in (
        _rule(TimerKind.nota_1_compliance, "Jangka waktu Nota Pemeriksaan I", 14, max_length=30, roll=True,
              receipt=True, remind=True, starts="Nota Pemeriksaan I diterima perusahaan",
              basis="Permenaker 33/2016 jo Permenaker 1/2020 (maksimum: kebijakan)",
              expiry=Expiry("Jangka waktu Nota I habis: lakukan pemeriksaan ulang; draf Nota II disiapkan",
                            drafts=(DocKind.nota_2,), notify=_NOTIFY_INSPECTOR)),
        _rule(TimerKind.nota_2_compliance, "Jangka waktu Nota Pemeriksaan II", 7, max_length=14, roll=True,
              receipt=True, remind=True, starts="Nota Pemeriksaan II diterima perusahaan",
              basis="Permenaker 33/2016 jo 1/2020; PP 37/2021 Pasal 47",
              expiry=Expiry("Jangka waktu Nota II habis: draf rekomendasi sanksi dan Laporan Kejadian disiapkan",
                            drafts=(DocKind.sanction_recommendation, DocKind.incident_report),
                            notify=_NOTIFY_INSPECTOR)),
        _rule(TimerKind.penetapan_payment, "Pembayaran berdasarkan Penetapan", 14, max_length=14, roll=True,
              receipt=True, remind=True, starts="Penetapan diterima perusahaan", basis="Format Penetapan, diktum KEDUA",
              expiry=Expiry("Penetapan belum dibayar: eskalasi seperti Nota II",
                            drafts=(DocKind.sanction_recommendation, DocKind.incident_report),
                            notify=_NOTIFY_INSPECTOR)),
        _rule(TimerKind.redetermination_request, "Permohonan penetapan ulang", 14, roll=True, receipt=True,
              starts="Penetapan diterima perusahaan", basis="Format Penetapan, diktum KETIGA (jangka: kebijakan)",
              expiry=Expiry("Tidak ada permohonan penetapan ulang: Penetapan bersifat final",
                            notify=(Role.inspector,), settles=True)),
        _rule(TimerKind.spdp_delivery, "Pengiriman SPDP", 7, starts="Tanggal Sprindik",
              basis="Putusan MK 130/PUU-XIII/2015",
              expiry=Expiry("SPDP belum dikirim dalam 7 hari: cacat prosedur", notify=_NOTIFY_PPNS)),
        _rule(TimerKind.prosecutor_review, "Penelitian berkas oleh Penuntut Umum", 14, receipt=True,
              starts="Berkas diterima Penuntut Umum", basis="KUHAP Pasal 110 ayat (4), Pasal 138",
              expiry=Expiry("14 hari tanpa pemberitahuan Penuntut Umum: berkas dianggap lengkap",
                            auto_trigger="deem_file_complete", notify=_NOTIFY_PPNS)),
        _rule(TimerKind.p19_completion, "Melengkapi berkas (P-19)", 14,
              starts="P-19 diterima penyidik", basis="KUHAP Pasal 138 ayat (2); Perkap 6/2010 Pasal 54",
              expiry=Expiry("Berkas P-19 belum dikembalikan dalam 14 hari", notify=_NOTIFY_PPNS)),
        _rule(TimerKind.tahap_2, "Penyerahan tersangka dan barang bukti (Tahap II)", 60, starts="Tanggal P-21",
              basis="Surat JAM Pidum B-1310/E/EJP/05/2022",
              expiry=Expiry("60 hari tanpa Tahap II: berkas dikembalikan, penyidikan perlu Sprindik baru",
                            auto_trigger="lapse_tahap_2", notify=_NOTIFY_PPNS)),
        _rule(TimerKind.tipiring_to_court, "Pelimpahan tipiring ke pengadilan", 3, starts="BAP selesai",
              basis="KUHAP Pasal 205",
              expiry=Expiry("Berkas tipiring belum dilimpahkan dalam 3 hari", notify=_NOTIFY_PPNS)),
        _rule(TimerKind.sp3_notification, "Pemberitahuan SP3", 1, starts="SP3 diterbitkan",
              basis="UU 20/2025 Pasal 24 ayat (4)",
              expiry=Expiry("SP3 belum diberitahukan dalam 1 hari: cacat prosedur", notify=_NOTIFY_PPNS)),
        _rule(TimerKind.rj_fulfilment, "Pelaksanaan kesepakatan perdamaian", 30, max_length=180,
              starts="Kesepakatan ditandatangani", basis="Kebijakan keadilan restoratif",
              expiry=Expiry("Jangka kesepakatan habis: catat pemenuhan atau pelanggaran kesepakatan",
                            notify=_NOTIFY_PPNS)),
    )
}

# Articles the RJ policy marks eligible (legal staff maintain the list; special-minimum offences are doubtful).
DEFAULT_RJ_ELIGIBLE_ARTICLES = frozenset({
    "UU 13/2003 Pasal 187",
    "UU 13/2003 Pasal 188",
    "UU 7/1981 Pasal 10",
    "UU 1/1970 Pasal 15 ayat (2)",
    "UU 3/1951 jo UU 23/1948",
    # as a Laporan Kejadian cites it (the demo's overtime case): fine-only, so eligible
    "Pasal 187 ayat (1) jo Pasal 78 ayat (2) Undang-Undang Nomor 13 Tahun 2003 tentang Ketenagakerjaan "
    "sebagaimana telah diubah dengan Undang-Undang Nomor 6 Tahun 2023",
})

# Letters to companies are Sifat: Rahasia; their numbers carry the R. prefix.
DEFAULT_CONFIDENTIAL = frozenset({DocKind.nota_1, DocKind.nota_2, DocKind.penetapan, DocKind.reminder,
                                  DocKind.sanction_recommendation})

# Sequences are per office, kind and year, so the kind's code is part of the number (e.g. 560/02/NP/VI/2011).
DEFAULT_KIND_CODES: dict[DocKind, str] = {
    DocKind.complaint_receipt: "TTP", DocKind.spt: "SPT", DocKind.lhp: "LHP", DocKind.nota_1: "NP-I",
    DocKind.nota_2: "NP-II", DocKind.penetapan: "PEN", DocKind.sanction_recommendation: "REK",
    DocKind.incident_report: "LK", DocKind.sprindik: "SPRINDIK", DocKind.spdp: "SPDP", DocKind.summons: "PGL",
    DocKind.tahap_1_cover: "TAHAP-I", DocKind.tahap_2_record: "BA-TAHAP-II", DocKind.tipiring_referral: "TPR",
    DocKind.rj_agreement: "RJ", DocKind.sp3: "SP3", DocKind.reminder: "PGN", DocKind.chronology: "KRN",
}
# Copies (tembusan) that stay inside the labour administration; a letter marked Rahasia goes to nobody else unless
# the office's policy says so ([copies] confidential_outside in its configuration file).
INTERNAL_COPY_PREFIXES = ("Menteri Ketenagakerjaan", "Direktur Jenderal Pembinaan Pengawasan Ketenagakerjaan",
                          "Kepala Dinas Tenaga Kerja", "Kepala Dinas Ketenagakerjaan", "Kepala UPTD",
                          "Kepala Bidang Pengawasan", "Pengawas Ketenagakerjaan", "Arsip", "Pertinggal")


def outside_copies(items) -> list[str]:
    """The copy recipients outside the labour administration."""
    return [i for i in items if not i.strip().startswith(INTERNAL_COPY_PREFIXES)]


DEFAULT_NUMBER_PATTERN = "{prefix}{classification}/{seq:04d}/{code}/{unit}/{month_roman}/{year}"
# The PPNS keep a register of their own beside the administrative one (e.g. LK/03/IV/2026/PPNS-UPTD-WIL.I).
DEFAULT_PPNS_PATTERNS: dict[DocKind, str] = {
    DocKind.incident_report: "LK/{seq:02d}/{month_roman}/{year}/{ppns_unit}",
    DocKind.sprindik: "SP.Sidik/{seq:02d}/{month_roman}/{year}/{ppns_unit}",
    DocKind.spdp: "SPDP/{seq:02d}/{month_roman}/{year}/{ppns_unit}",
    DocKind.summons: "S.Pgl/{seq:02d}/{month_roman}/{year}/{ppns_unit}",
    DocKind.tahap_1_cover: "B/{seq:02d}/Berkas/{month_roman}/{year}/{ppns_unit}",
    DocKind.tahap_2_record: "BA/{seq:02d}/Tahap-II/{month_roman}/{year}/{ppns_unit}",
    DocKind.tipiring_referral: "B/{seq:02d}/Tipiring/{month_roman}/{year}/{ppns_unit}",
    DocKind.rj_agreement: "KP/{seq:02d}/{month_roman}/{year}/{ppns_unit}",
    DocKind.sp3: "S.Tap/{seq:02d}/SP3/{month_roman}/{year}/{ppns_unit}",
}
DEFAULT_CASE_NUMBER_PATTERN = "WAS/{unit}/{year}/{seq:04d}"


@dataclass(frozen=True)
class Policy:
    timer_rules: dict[TimerKind, TimerRule] = field(default_factory=lambda: dict(DEFAULT_TIMER_RULES))
    rj_eligible_articles: frozenset[str] = DEFAULT_RJ_ELIGIBLE_ARTICLES
    confidential_kinds: frozenset[DocKind] = DEFAULT_CONFIDENTIAL
    number_pattern: str = DEFAULT_NUMBER_PATTERN
    kind_codes: dict[DocKind, str] = field(default_factory=lambda: dict(DEFAULT_KIND_CODES))
    tembusan: dict[DocKind, tuple[str, ...]] = field(default_factory=dict)  # copy lists an office configured
    confidential_copies_outside: bool = False  # may a letter marked Rahasia be copied outside the administration
    kind_patterns: dict[DocKind, str] = field(default_factory=lambda: dict(DEFAULT_PPNS_PATTERNS))
    case_number_pattern: str = DEFAULT_CASE_NUMBER_PATTERN
    classification: str = "560"
    reminder_working_days: int = 3
    notice_audiences: dict[DocKind, tuple[Audience, ...]] = field(
        default_factory=lambda: dict(DEFAULT_NOTICE_AUDIENCES))
    # An e-mailed letter nobody acknowledges counts as received this many days after sending [U]; 0: never.
    email_deemed_receipt_days: int = 3
    digest_horizon_days: int = 7  # the daily digest lists deadlines due within this many days, and overdue ones
    inspection_quota_per_month: int = 5  # inspections an inspector is expected to make each month [U]
    radar_due_soon_days: int = 7  # the deadline radar calls a deadline due soon within this many days [U]
    procedures: dict[Regime, Procedure] = field(default_factory=lambda: dict(DEFAULT_PROCEDURES))
    summons_notice_days: int = 3  # a summons reaches the person at least this many days before the hearing [U]
    ppns_unit: str | None = None  # the PPNS unit in PPNS numbers; default "PPNS-<office code>"
    korwas: str | None = None  # the police coordinator; default "Korwas PPNS Ditreskrimsus Polda <province>"
    prosecutors: dict[str, str] = field(default_factory=dict)  # district -> "Kejaksaan Negeri …"

    def procedure(self, regime: Regime) -> Procedure:
        return self.procedures[regime]

    def prosecutor_for(self, district: str) -> str:
        """The Kejaksaan Negeri of the offence's district (as the office configured it, else its usual name)."""
        return self.prosecutors.get(district) or f"Kejaksaan Negeri {district}"

    def korwas_for(self, province: str) -> str:
        return self.korwas or f"Korwas PPNS Direktorat Reserse Kriminal Khusus Polda {province}"

    def pattern_for(self, kind: DocKind) -> str:
        return self.kind_patterns.get(kind, self.number_pattern)

    def rule(self, kind: TimerKind) -> TimerRule:
        return self.timer_rules[kind]

    def for_office(self, settings: dict) -> "Policy":
        """This policy with an office's numbering and copy lists (its configuration file) applied."""
        numbering = settings.get("numbering", {})
        codes = {**self.kind_codes, **{DocKind(k): v for k, v in numbering.get("codes", {}).items()}}
        confidential = numbering.get("confidential")
        return replace(
            self, number_pattern=numbering.get("pattern", self.number_pattern),
            classification=numbering.get("classification", self.classification), kind_codes=codes,
            confidential_kinds=frozenset(map(DocKind, confidential)) if confidential is not None
            else self.confidential_kinds,
            tembusan={DocKind(k): tuple(v) for k, v in settings.get("tembusan", {}).items()},
            confidential_copies_outside=settings.get("copies", {}).get("confidential_outside", False),
            kind_patterns={**self.kind_patterns,
                           **{DocKind(k): v for k, v in numbering.get("patterns", {}).items()}},
            **settings.get("service", {}), **_criminal(settings.get("criminal", {})),
        )


def _criminal(section: dict) -> dict:
    return {k: v for k, v in section.items() if k in ("ppns_unit", "korwas", "prosecutors", "summons_notice_days")}


DEFAULT_POLICY = Policy()
