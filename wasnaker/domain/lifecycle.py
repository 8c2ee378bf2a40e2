"""The lifecycle of a labour-enforcement case as ONE declarative table.

Services, flows, CLI, web UI, README table and Mermaid diagram all read `TRANSITIONS`. A row whose source is
None creates a case. A row whose target equals its source is an action that does not move the case (summons,
BAP, receipt of a letter ...): it still checks roles and guard, issues documents, opens/closes timers and is
audited.
"""

from dataclasses import dataclass
from enum import StrEnum

from wasnaker.domain import guards as g
from wasnaker.domain import payloads as p
from wasnaker.domain.vocabulary import CloseReason as R
from wasnaker.domain.vocabulary import DocKind as D
from wasnaker.domain.vocabulary import Role
from wasnaker.domain.vocabulary import State as S
from wasnaker.domain.vocabulary import TimerKind as T


class Stage(StrEnum):
    intake = "intake"
    inspection = "inspection"
    warning_letters = "warning_letters"
    penetapan = "penetapan"
    investigation = "investigation"
    prosecution = "prosecution"
    restorative_justice = "restorative_justice"


@dataclass(frozen=True)
class TimerOpen:
    """A timer a transition opens. Length comes from `length_field` of the payload when given (a per-notice
    deadline), else from policy. Receipt-based rules wait for the receipt unless the payload carries
    `received_on`; `start_field` names a payload date that starts the clock instead of the act date."""

    kind: T
    length_field: str | None = None
    start_field: str | None = None


@dataclass(frozen=True)
class Transition:
    source: S | None
    trigger: str
    target: S
    roles: frozenset[Role]
    stage: Stage
    payload: type[p.Payload] = p.NoData
    guard: g.Guard | None = None
    opens: tuple[TimerOpen, ...] = ()
    closes: tuple[T, ...] = ()
    documents: tuple[D, ...] = ()
    close_reason: R | None = None
    basis: str = ""
    description: str = ""

    @property
    def moves(self) -> bool:
        return self.source != self.target


def _roles(*roles: Role) -> frozenset[Role]:
    return frozenset(roles)


DESK, INSPECTOR, PPNS, HEAD, KADIS, SYSTEM = (Role.desk, Role.inspector, Role.ppns, Role.head, Role.kadis,
                                              Role.system)
LETTER_TIMERS = (T.nota_1_compliance, T.nota_2_compliance, T.penetapan_payment, T.redetermination_request)


def _each(sources, trigger, **kw) -> list[Transition]:
    """One row per source for actions that keep the case where it is."""
    return [Transition(s, trigger, s, **kw) for s in sources]


def _withdraw(source: S) -> Transition:
    return Transition(source, "withdraw_complaint", S.closed, _roles(DESK, HEAD), Stage.intake, p.Reasoned,
                      close_reason=R.withdrawn, description="Pengadu mencabut pengaduan sebelum pemeriksaan")


_INTAKE = [
    Transition(None, "file_complaint", S.complaint_received, _roles(DESK), Stage.intake, p.FileComplaint,
               documents=(D.complaint_receipt,), basis="UU 25/2009 (pelayanan publik)",
               description="Pengaduan dicatat; tanda terima diberikan kepada pengadu"),
    Transition(None, "plan_inspection", S.planned, _roles(HEAD), Stage.intake, p.PlanInspection,
               basis="Permenaker 33/2016 (rencana kerja)",
               description="Pemeriksaan rutin dari rencana kerja atau skor merah Norma 100"),
    Transition(S.complaint_received, "verify_complaint", S.under_verification, _roles(DESK, HEAD), Stage.intake,
               p.Note, description="Pemeriksaan kelengkapan dan kewenangan pengaduan"),
    Transition(S.under_verification, "assign_inspectors", S.assigned, _roles(HEAD), Stage.intake,
               p.AssignInspectors, g.inspectors_of_office, description="Kepala UPTD menunjuk pengawas"),
    Transition(S.planned, "assign_inspectors", S.assigned, _roles(HEAD), Stage.intake, p.AssignInspectors,
               g.inspectors_of_office, description="Kepala UPTD menunjuk pengawas"),
    Transition(S.under_verification, "refer_to_mediation", S.closed, _roles(DESK, HEAD), Stage.intake,
               p.Reasoned, close_reason=R.referred_to_mediation, basis="UU 2/2004; Permenakertrans 17/2014",
               description="Perselisihan hubungan industrial: dilimpahkan ke mediator"),
    Transition(S.under_verification, "close_out_of_jurisdiction", S.closed, _roles(DESK, HEAD), Stage.intake,
               p.Reasoned, close_reason=R.out_of_jurisdiction, description="Di luar kewenangan kantor"),
    Transition(S.under_verification, "close_unreachable", S.closed, _roles(DESK, HEAD), Stage.intake,
               p.Reasoned, close_reason=R.unreachable_complainant, description="Pengadu tidak dapat dihubungi"),
    *(_withdraw(s) for s in (S.complaint_received, S.under_verification, S.assigned)),
    Transition(S.assigned, "sign_spt", S.inspecting, _roles(KADIS), Stage.intake, p.SignSpt,
               g.spt_precedes_period, documents=(D.spt,), basis="UU 3/1951; Permenaker 33/2016",
               description="Kepala Dinas menandatangani Surat Perintah Tugas"),
]

_INSPECTION = [
    Transition(S.inspecting, "record_finding", S.inspecting, _roles(INSPECTOR, PPNS), Stage.inspection,
               p.RecordFinding, g.actor_assigned,
               description="Temuan pelanggaran: norma, pasal yang dilanggar, perintah, pekerja, jumlah"),
    Transition(S.inspecting, "record_inspection", S.inspecting, _roles(INSPECTOR, PPNS), Stage.inspection,
               p.RecordInspection, g.all_of(g.actor_assigned, g.inspection_after_spt), documents=(D.lhp,),
               description="Pemeriksaan dilaksanakan; Laporan Hasil Pemeriksaan kepada Kepala UPTD"),
    Transition(S.inspecting, "close_not_proven", S.closed, _roles(INSPECTOR, PPNS), Stage.inspection, p.Note,
               g.all_of(g.actor_assigned, g.inspection_recorded, g.no_open_finding), close_reason=R.not_proven,
               description="Tidak ditemukan pelanggaran"),
    Transition(S.inspecting, "record_compliance", S.closed, _roles(INSPECTOR, PPNS), Stage.inspection, p.Note,
               g.all_of(g.actor_assigned, g.inspection_recorded), close_reason=R.complied,
               description="Pelanggaran diperbaiki di tempat"),
    Transition(S.inspecting, "issue_nota_1", S.nota_1, _roles(INSPECTOR, PPNS), Stage.warning_letters,
               p.IssueNota, g.all_of(g.actor_assigned, g.inspection_recorded, g.has_actionable_finding,
                                     g.deadline_within_policy(T.nota_1_compliance, "deadline_days")),
               opens=(TimerOpen(T.nota_1_compliance, "deadline_days"),), documents=(D.nota_1,),
               basis="Permenaker 33/2016 jo 1/2020", description="Nota Pemeriksaan I dengan jangka waktu"),
    Transition(S.inspecting, "issue_penetapan", S.penetapan, _roles(INSPECTOR, PPNS), Stage.penetapan,
               p.IssuePenetapan, g.all_of(g.actor_assigned, g.inspection_recorded, g.has_worker_amounts),
               opens=(TimerOpen(T.penetapan_payment), TimerOpen(T.redetermination_request)),
               documents=(D.penetapan,), basis="Permenaker 33/2016 jo 1/2020",
               description="Penetapan hak pekerja; dibayar dalam 14 hari sejak diterima"),
    Transition(S.inspecting, "report_incident", S.incident_report, _roles(INSPECTOR, PPNS, HEAD),
               Stage.investigation, p.ReportIncident, g.all_of(g.inspection_recorded, g.serious_ground),
               documents=(D.incident_report,),
               basis="UU 13/2003 Pasal 182",
               description="Pelanggaran berat (BPTA, menghalangi pengawas, kecelakaan fatal, pengulangan)"),
]

# The system records a receipt the company confirmed on the acknowledgement page, or one the policy deems.
_RECEIPT = dict(roles=_roles(INSPECTOR, PPNS, DESK, SYSTEM), payload=p.RecordReceipt, guard=g.receipt_awaited,
                description="Tanggal diterimanya surat (tanda terima): jangka waktu mulai berjalan")
_RECHECK = dict(roles=_roles(INSPECTOR, PPNS), payload=p.RecordRecheck,
                guard=g.all_of(g.actor_assigned, g.recheck_covered_by_spt),
                description="Hasil pemeriksaan ulang per temuan (dipenuhi / sebagian)")
# A re-inspection is ordered by an SPT of its own, as the first inspection was.
_RECHECK_SPT = dict(roles=_roles(KADIS), payload=p.SignSpt, guard=g.spt_precedes_period, documents=(D.spt,),
                    basis="UU 3/1951; Permenaker 33/2016",
                    description="Kepala Dinas menandatangani Surat Perintah Tugas pemeriksaan ulang")

_WARNING = [
    *_each((S.nota_1, S.nota_2, S.penetapan), "record_receipt", stage=Stage.warning_letters, **_RECEIPT),
    *_each((S.file_at_prosecutor,), "record_receipt", stage=Stage.prosecution, **_RECEIPT),
    *_each((S.nota_1, S.nota_2), "sign_spt", stage=Stage.warning_letters, **_RECHECK_SPT),
    *_each((S.penetapan,), "sign_spt", stage=Stage.penetapan, **_RECHECK_SPT),
    *_each((S.nota_1, S.nota_2), "record_recheck", stage=Stage.warning_letters, **_RECHECK),
    *(Transition(s, "record_compliance", S.closed, _roles(INSPECTOR, PPNS), Stage.warning_letters, p.Note,
                 g.actor_assigned, closes=LETTER_TIMERS, close_reason=R.complied,
                 description="Pemeriksaan ulang: seluruh perintah dipenuhi") for s in (S.nota_1, S.nota_2)),
    Transition(S.nota_1, "issue_nota_2", S.nota_2, _roles(INSPECTOR, PPNS), Stage.warning_letters, p.IssueNota,
               g.all_of(g.actor_assigned, g.nota_1_expired,
                        g.deadline_within_policy(T.nota_2_compliance, "deadline_days")),
               opens=(TimerOpen(T.nota_2_compliance, "deadline_days"),), closes=(T.nota_1_compliance,),
               documents=(D.nota_2,), basis="Permenaker 33/2016 jo 1/2020",
               description="Nota Pemeriksaan II (peringatan terakhir) atas temuan yang belum dipenuhi"),
    Transition(S.nota_2, "recommend_sanction", S.sanction_recommended, _roles(INSPECTOR, KADIS),
               Stage.warning_letters, p.RecommendSanction, g.nota_2_expired, closes=(T.nota_2_compliance,),
               documents=(D.sanction_recommendation,), basis="PP 37/2021 Pasal 47 ayat (4)-(5)",
               description="Laporan ketidakpatuhan dan rekomendasi sanksi kepada pejabat pemberi izin"),
    Transition(S.nota_2, "report_incident", S.incident_report, _roles(INSPECTOR, PPNS, HEAD),
               Stage.investigation, p.ReportIncident, g.nota_2_expired, closes=(T.nota_2_compliance,),
               documents=(D.incident_report,), basis="UU 13/2003 Pasal 182",
               description="Nota II tidak dipenuhi: jalur pidana"),
    Transition(S.sanction_recommended, "record_sanction_decision", S.closed, _roles(INSPECTOR, HEAD, KADIS),
               Stage.warning_letters, p.RecordSanctionDecision, close_reason=R.sanctioned,
               basis="PP 37/2021 Pasal 47 ayat (5)-(6)", description="Keputusan pejabat pemberi izin dicatat"),
    *_each((S.incident_report, S.investigation), "send_sanction_recommendation", stage=Stage.warning_letters,
           roles=_roles(INSPECTOR, KADIS), payload=p.RecommendSanction, guard=g.escalation_due,
           documents=(D.sanction_recommendation,), basis="PP 37/2021 Pasal 47",
           description="Rekomendasi sanksi administratif dikirim sementara jalur pidana berjalan"),
]

_PENETAPAN = [
    Transition(S.penetapan, "record_payment", S.closed, _roles(INSPECTOR, PPNS), Stage.penetapan,
               p.RecordPayment, g.actor_assigned, closes=LETTER_TIMERS, close_reason=R.complied,
               description="Hak pekerja dibayar sesuai Penetapan"),
    Transition(S.penetapan, "request_redetermination", S.penetapan, _roles(INSPECTOR, DESK, HEAD),
               Stage.penetapan, p.Reasoned, g.redetermination_window_open, closes=(T.redetermination_request,),
               description="Permohonan penetapan ulang oleh salah satu pihak"),
    Transition(S.penetapan, "record_redetermination", S.penetapan, _roles(INSPECTOR, PPNS), Stage.penetapan,
               p.RecordRedetermination, g.all_of(g.redetermination_requested, g.redetermined_with_basis),
               opens=(TimerOpen(T.penetapan_payment),), closes=(T.penetapan_payment,), documents=(D.penetapan,),
               description="Penetapan ulang: jumlah baru dan jangka waktu baru"),
    Transition(S.penetapan, "recommend_sanction", S.sanction_recommended, _roles(INSPECTOR, KADIS),
               Stage.penetapan, p.RecommendSanction, g.penetapan_unpaid, closes=LETTER_TIMERS,
               documents=(D.sanction_recommendation,), basis="PP 37/2021 Pasal 47",
               description="Penetapan tidak dibayar: rekomendasi sanksi"),
    Transition(S.penetapan, "report_incident", S.incident_report, _roles(INSPECTOR, PPNS, HEAD),
               Stage.investigation, p.ReportIncident, g.penetapan_unpaid, closes=LETTER_TIMERS,
               documents=(D.incident_report,), description="Penetapan tidak dibayar: jalur pidana"),
]

_INVESTIGATION = [
    Transition(S.incident_report, "start_investigation", S.investigation, _roles(PPNS, HEAD),
               Stage.investigation, p.StartInvestigation, g.investigators_are_ppns,
               opens=(TimerOpen(T.spdp_delivery),), documents=(D.sprindik,), basis="KUHAP; Perkap 6/2010",
               description="Surat Perintah Penyidikan diterbitkan"),
    Transition(S.incident_report, "open_tipiring", S.tipiring, _roles(PPNS), Stage.investigation,
               p.OpenTipiring, g.actor_is_ppns, opens=(TimerOpen(T.tipiring_to_court, start_field="bap_date"),),
               basis="KUHAP Pasal 205", description="Acara pemeriksaan cepat (tipiring); BAP selesai"),
    Transition(S.tipiring, "file_tipiring_to_court", S.tipiring, _roles(PPNS, KADIS), Stage.investigation,
               p.Note, closes=(T.tipiring_to_court,), documents=(D.tipiring_referral,),
               basis="KUHAP Pasal 205-207", description="Berkas tipiring dilimpahkan ke Pengadilan Negeri"),
    Transition(S.tipiring, "record_court_verdict", S.closed, _roles(PPNS), Stage.investigation,
               p.RecordCourtVerdict, g.tipiring_filed, close_reason=R.court_verdict,
               description="Putusan pengadilan dicatat"),
    Transition(S.investigation, "issue_new_sprindik", S.investigation, _roles(PPNS, HEAD), Stage.investigation,
               p.StartInvestigation, g.all_of(g.sprindik_lapsed, g.investigators_are_ppns),
               opens=(TimerOpen(T.spdp_delivery),), documents=(D.sprindik,),
               basis="Surat JAM Pidum B-1310/E/EJP/05/2022",
               description="Sprindik baru setelah berkas dikembalikan (Tahap II lewat 60 hari)"),
    Transition(S.investigation, "send_spdp", S.investigation, _roles(PPNS), Stage.investigation, p.NoData,
               g.all_of(g.actor_is_ppns, g.has_sprindik, g.spdp_not_sent), closes=(T.spdp_delivery,),
               documents=(D.spdp,), basis="Putusan MK 130/PUU-XIII/2015",
               description="SPDP kepada Penuntut Umum (melalui Korwas), terlapor dan pelapor"),
    Transition(S.investigation, "summon", S.investigation, _roles(PPNS), Stage.investigation, p.Summon,
               g.all_of(g.actor_is_ppns, g.has_sprindik, g.suspect_identified, g.hearing_on_working_day),
               documents=(D.summons,), basis="KUHAP Pasal 112",
               description="Surat panggilan saksi, tersangka atau ahli"),
    Transition(S.investigation, "record_bap", S.investigation, _roles(PPNS), Stage.investigation, p.RecordBap,
               g.all_of(g.actor_is_ppns, g.has_sprindik), basis="KUHAP Pasal 75",
               description="Berita Acara Pemeriksaan dicatat"),
    Transition(S.investigation, "record_seizure", S.investigation, _roles(PPNS), Stage.investigation,
               p.RecordSeizure, g.all_of(g.actor_is_ppns, g.has_sprindik), basis="KUHAP Pasal 38",
               description="Penyitaan barang bukti dicatat"),
    Transition(S.investigation, "terminate_investigation", S.investigation_terminated, _roles(PPNS, HEAD),
               Stage.investigation, p.Terminate, g.sp3_ground_allowed, closes=(T.spdp_delivery,),
               opens=(TimerOpen(T.sp3_notification),), documents=(D.sp3,), basis="UU 20/2025 Pasal 24",
               description="Penyidikan dihentikan (SP3) dengan alasan"),
    Transition(S.investigation, "start_restorative_justice", S.restorative_justice, _roles(PPNS, HEAD),
               Stage.restorative_justice, p.StartRestorativeJustice,
               g.all_of(g.rj_eligible, g.deadline_within_policy(T.rj_fulfilment, "fulfilment_days")),
               opens=(TimerOpen(T.rj_fulfilment, "fulfilment_days"),), documents=(D.rj_agreement,),
               basis="UU 20/2025 Pasal 79-88; Perpol 8/2021",
               description="Kesepakatan perdamaian dan pemulihan hak pekerja"),
    Transition(S.restorative_justice, "record_rj_fulfilment", S.investigation_terminated, _roles(PPNS, HEAD),
               Stage.restorative_justice, p.Note, closes=(T.rj_fulfilment, T.spdp_delivery),
               opens=(TimerOpen(T.sp3_notification),), documents=(D.sp3,), basis="UU 20/2025 Pasal 24 ayat (2)",
               description="Kesepakatan dipenuhi: SP3 atas dasar keadilan restoratif"),
    Transition(S.restorative_justice, "record_rj_breach", S.investigation, _roles(PPNS, HEAD),
               Stage.restorative_justice, p.Reasoned, closes=(T.rj_fulfilment,),
               description="Kesepakatan tidak dipenuhi: penyidikan dilanjutkan"),
    Transition(S.investigation_terminated, "notify_sp3", S.closed, _roles(PPNS, HEAD), Stage.investigation,
               p.Note, closes=(T.sp3_notification,), close_reason=R.sp3, basis="UU 20/2025 Pasal 24 ayat (4)",
               description="SP3 diberitahukan (closed/restorative_justice bila dasarnya keadilan restoratif)"),
]

_PROSECUTION = [
    Transition(S.investigation, "submit_file", S.file_at_prosecutor, _roles(PPNS, HEAD), Stage.prosecution,
               p.SubmitFile, g.all_of(g.has_sprindik, g.spdp_sent),
               opens=(TimerOpen(T.prosecutor_review),), documents=(D.tahap_1_cover,),
               basis="Perkap 6/2010 Pasal 53-54", description="Tahap I: berkas perkara ke Penuntut Umum via Korwas"),
    Transition(S.file_at_prosecutor, "receive_p19", S.file_returned, _roles(PPNS), Stage.prosecution,
               p.ReceiveP19, closes=(T.prosecutor_review,),
               opens=(TimerOpen(T.p19_completion, start_field="received_on"),),
               basis="KUHAP Pasal 138 ayat (2)", description="P-18/P-19: berkas dikembalikan dengan petunjuk"),
    Transition(S.file_at_prosecutor, "receive_p21", S.file_complete, _roles(PPNS), Stage.prosecution,
               p.ReceiveP21, closes=(T.prosecutor_review,), opens=(TimerOpen(T.tahap_2),),
               basis="KUHAP Pasal 139", description="P-21: berkas lengkap"),
    Transition(S.file_at_prosecutor, "deem_file_complete", S.file_complete, _roles(SYSTEM), Stage.prosecution,
               guard=g.prosecutor_silent, closes=(T.prosecutor_review,), opens=(TimerOpen(T.tahap_2),),
               basis="KUHAP Pasal 110 ayat (4)",
               description="14 hari tanpa pemberitahuan Penuntut Umum: berkas dianggap lengkap"),
    Transition(S.file_returned, "resubmit_file", S.file_at_prosecutor, _roles(PPNS, HEAD), Stage.prosecution,
               p.ResubmitFile, closes=(T.p19_completion,), opens=(TimerOpen(T.prosecutor_review),),
               documents=(D.tahap_1_cover,), basis="KUHAP Pasal 138 ayat (2)",
               description="Berkas dilengkapi sesuai petunjuk dan dikirim kembali"),
    Transition(S.file_complete, "hand_over", S.handed_over, _roles(PPNS), Stage.prosecution, p.HandOver,
               closes=(T.tahap_2,), documents=(D.tahap_2_record, D.chronology), basis="KUHAP Pasal 8 ayat (3)",
               description="Tahap II: tersangka dan barang bukti diserahkan kepada Penuntut Umum"),
    Transition(S.file_complete, "lapse_tahap_2", S.investigation, _roles(SYSTEM), Stage.prosecution,
               guard=g.tahap_2_lapsed, closes=(T.tahap_2,), basis="Surat JAM Pidum B-1310/E/EJP/05/2022",
               description="60 hari tanpa Tahap II: berkas dikembalikan, perlu Sprindik baru"),
    Transition(S.handed_over, "close_case", S.closed, _roles(PPNS, HEAD), Stage.prosecution, p.Note,
               close_reason=R.handed_over, description="Perkara keluar dari tangan PPNS"),
]

TRANSITIONS: tuple[Transition, ...] = tuple(
    _INTAKE + _INSPECTION + _WARNING + _PENETAPAN + _INVESTIGATION + _PROSECUTION
)

_INDEX: dict[tuple[S | None, str], Transition] = {(t.source, t.trigger): t for t in TRANSITIONS}
TRIGGERS: frozenset[str] = frozenset(t.trigger for t in TRANSITIONS)


def find(source: S | None, trigger: str) -> Transition | None:
    return _INDEX.get((source, trigger))


def available(source: S | None) -> tuple[Transition, ...]:
    return tuple(t for t in TRANSITIONS if t.source == source)


def close_reason_for(transition: Transition, details: dict) -> R | None:
    """The SP3's ground decides how a terminated investigation closes."""
    if transition.trigger == "notify_sp3" and details.get("sp3_ground") == "restorative_justice":
        return R.restorative_justice
    return transition.close_reason


def text_fields(trigger: str) -> frozenset[str]:
    """The fields of a trigger's payload that are written as text (strings, dates, choices): a front end reading
    `key=value` keeps their values as typed rather than guessing a number."""
    row = next((t for t in TRANSITIONS if t.trigger == trigger), None)
    if row is None:
        return frozenset()
    schema = row.payload.model_json_schema()
    defs = schema.get("$defs", {})

    def is_text(prop: dict) -> bool:
        options = prop.get("anyOf", [prop])
        resolved = [defs.get(o.get("$ref", "").rsplit("/", 1)[-1], o) for o in options]
        return any(o.get("type") == "string" for o in resolved)

    return frozenset(name for name, prop in schema.get("properties", {}).items() if is_text(prop))
