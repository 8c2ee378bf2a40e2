"""The stable vocabulary of the enforcement ladder: states, roles, documents, timers and their statuses.

Codes are English and stable (code, CLI, API, documents); labels are the Indonesian legal names.
"""

from enum import StrEnum


class State(StrEnum):
    complaint_received = "complaint_received"
    under_verification = "under_verification"
    planned = "planned"
    assigned = "assigned"
    inspecting = "inspecting"
    nota_1 = "nota_1"
    nota_2 = "nota_2"
    penetapan = "penetapan"
    sanction_recommended = "sanction_recommended"
    incident_report = "incident_report"
    investigation = "investigation"
    tipiring = "tipiring"
    file_at_prosecutor = "file_at_prosecutor"
    file_returned = "file_returned"
    file_complete = "file_complete"
    handed_over = "handed_over"
    restorative_justice = "restorative_justice"
    investigation_terminated = "investigation_terminated"
    closed = "closed"


STATE_LABELS: dict[State, str] = {
    State.complaint_received: "Pengaduan diterima",
    State.under_verification: "Verifikasi pengaduan",
    State.planned: "Rencana pemeriksaan",
    State.assigned: "Penugasan (SPT)",
    State.inspecting: "Pemeriksaan",
    State.nota_1: "Nota Pemeriksaan I",
    State.nota_2: "Nota Pemeriksaan II",
    State.penetapan: "Penetapan",
    State.sanction_recommended: "Rekomendasi sanksi administratif",
    State.incident_report: "Laporan Kejadian",
    State.investigation: "Penyidikan",
    State.tipiring: "Tipiring (acara cepat)",
    State.file_at_prosecutor: "Tahap I",
    State.file_returned: "P-19",
    State.file_complete: "P-21",
    State.handed_over: "Tahap II",
    State.restorative_justice: "Keadilan restoratif",
    State.investigation_terminated: "SP3",
    State.closed: "Selesai",
}

INITIAL_STATES = (State.complaint_received, State.planned)
TERMINAL_STATES = (State.closed,)


class Channel(StrEnum):
    """Where an act came from, recorded with it in the audit trail."""

    web = "web"
    cli = "cli"
    system = "system"


CHANNEL_LABELS: dict[Channel, str] = {Channel.web: "aplikasi web", Channel.cli: "baris perintah",
                                      Channel.system: "sistem"}


class Role(StrEnum):
    desk = "desk"
    inspector = "inspector"
    ppns = "ppns"
    head = "head"
    kadis = "kadis"
    coordinator = "coordinator"
    system = "system"


ROLE_LABELS: dict[Role, str] = {
    Role.desk: "Petugas Pengaduan",
    Role.inspector: "Pengawas Ketenagakerjaan",
    Role.ppns: "PPNS Ketenagakerjaan",
    Role.head: "Kepala UPTD Pengawasan Ketenagakerjaan",
    Role.kadis: "Kepala Dinas",
    Role.coordinator: "Koordinator Pengawasan",
    Role.system: "Sistem",
}


class CloseReason(StrEnum):
    complied = "complied"
    withdrawn = "withdrawn"
    not_proven = "not_proven"
    referred_to_mediation = "referred_to_mediation"
    out_of_jurisdiction = "out_of_jurisdiction"
    unreachable_complainant = "unreachable_complainant"
    sanctioned = "sanctioned"
    handed_over = "handed_over"
    court_verdict = "court_verdict"
    sp3 = "sp3"
    restorative_justice = "restorative_justice"


CLOSE_REASON_LABELS: dict[CloseReason, str] = {
    CloseReason.complied: "Dipatuhi",
    CloseReason.withdrawn: "Pengaduan dicabut",
    CloseReason.not_proven: "Tidak terbukti ada pelanggaran",
    CloseReason.referred_to_mediation: "Dilimpahkan ke mediasi hubungan industrial",
    CloseReason.out_of_jurisdiction: "Di luar kewenangan",
    CloseReason.unreachable_complainant: "Pengadu tidak dapat dihubungi",
    CloseReason.sanctioned: "Sanksi administratif dijatuhkan",
    CloseReason.handed_over: "Diserahkan kepada Penuntut Umum (Tahap II)",
    CloseReason.court_verdict: "Putusan pengadilan",
    CloseReason.sp3: "Penyidikan dihentikan (SP3)",
    CloseReason.restorative_justice: "Keadilan restoratif",
}


class DocKind(StrEnum):
    complaint_receipt = "complaint_receipt"
    spt = "spt"
    lhp = "lhp"
    nota_1 = "nota_1"
    nota_2 = "nota_2"
    penetapan = "penetapan"
    sanction_recommendation = "sanction_recommendation"
    incident_report = "incident_report"
    sprindik = "sprindik"
    spdp = "spdp"
    summons = "summons"
    tahap_1_cover = "tahap_1_cover"
    tahap_2_record = "tahap_2_record"
    tipiring_referral = "tipiring_referral"
    rj_agreement = "rj_agreement"
    sp3 = "sp3"
    reminder = "reminder"
    chronology = "chronology"


DOC_TITLES: dict[DocKind, str] = {
    DocKind.complaint_receipt: "Tanda Terima Pengaduan",
    DocKind.spt: "Surat Perintah Tugas",
    DocKind.lhp: "Laporan Hasil Pemeriksaan",
    DocKind.nota_1: "Nota Pemeriksaan I",
    DocKind.nota_2: "Nota Pemeriksaan II",
    DocKind.penetapan: "Penetapan Pengawas Ketenagakerjaan",
    DocKind.sanction_recommendation: "Laporan Ketidakpatuhan dan Rekomendasi Sanksi Administratif",
    DocKind.incident_report: "Laporan Kejadian",
    DocKind.sprindik: "Surat Perintah Penyidikan",
    DocKind.spdp: "Surat Pemberitahuan Dimulainya Penyidikan",
    DocKind.summons: "Surat Panggilan",
    DocKind.tahap_1_cover: "Surat Pengantar Berkas Perkara",
    DocKind.tahap_2_record: "Berita Acara Serah Terima Tersangka dan Barang Bukti",
    DocKind.tipiring_referral: "Surat Pelimpahan Perkara Tindak Pidana Ringan",
    DocKind.rj_agreement: "Kesepakatan Perdamaian",
    DocKind.sp3: "Surat Ketetapan Penghentian Penyidikan",
    DocKind.reminder: "Surat Pengingat",
    DocKind.chronology: "Kronologi Perkara",
}


class TimerKind(StrEnum):
    nota_1_compliance = "nota_1_compliance"
    nota_2_compliance = "nota_2_compliance"
    penetapan_payment = "penetapan_payment"
    redetermination_request = "redetermination_request"
    spdp_delivery = "spdp_delivery"
    prosecutor_review = "prosecutor_review"
    p19_completion = "p19_completion"
    tahap_2 = "tahap_2"
    tipiring_to_court = "tipiring_to_court"
    sp3_notification = "sp3_notification"
    rj_fulfilment = "rj_fulfilment"


class TimerStatus(StrEnum):
    """A deadline waits for its letter's receipt, runs, expires (the sweep), or is closed by an act."""

    awaiting_receipt = "awaiting_receipt"
    running = "running"
    expired = "expired"
    closed = "closed"


TIMER_STATUS_LABELS: dict[TimerStatus, str] = {
    TimerStatus.awaiting_receipt: "Menunggu tanda terima",
    TimerStatus.running: "Berjalan",
    TimerStatus.expired: "Lewat waktu",
    TimerStatus.closed: "Ditutup",
}

OPEN_TIMER_STATUSES = (TimerStatus.awaiting_receipt, TimerStatus.running)


class DocStatus(StrEnum):
    """A draft has no number; a reserved document has its number and awaits its PDF; an issued one is final."""

    draft = "draft"
    reserved = "reserved"
    issued = "issued"


DOC_STATUS_LABELS: dict[DocStatus, str] = {
    DocStatus.draft: "Draf (belum bernomor)",
    DocStatus.reserved: "Bernomor, PDF sedang disiapkan",
    DocStatus.issued: "Diterbitkan",
}


class FindingStatus(StrEnum):
    open = "open"
    partly = "partly"
    complied = "complied"


FINDING_STATUS_LABELS: dict[FindingStatus, str] = {
    FindingStatus.open: "belum dipenuhi",
    FindingStatus.partly: "dipenuhi sebagian",
    FindingStatus.complied: "dipenuhi",
}


class Regime(StrEnum):
    """Criminal-procedure regime, decided by the date of the procedural act."""

    kuhap_1981 = "kuhap_1981"
    kuhap_2025 = "kuhap_2025"


REGIME_LABELS: dict[Regime, str] = {
    Regime.kuhap_1981: "KUHAP (UU 8/1981)",
    Regime.kuhap_2025: "KUHAP (UU 20/2025)",
}
