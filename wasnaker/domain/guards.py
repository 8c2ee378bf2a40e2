"""Named guards over a case snapshot. Each returns None when satisfied, else the reason in one line."""

import re
from collections.abc import Callable
from dataclasses import dataclass

from wasnaker.domain.facts import CaseFacts
from wasnaker.domain.formatting import tanggal
from wasnaker.domain.payloads import Payload, Sp3Ground, missing_basis
from wasnaker.domain.vocabulary import DocKind, DocStatus, Role, TimerKind, TimerStatus

Check = Callable[[CaseFacts, Payload], str | None]


class Reason(str):
    """A guard's refusal: the English line (the CLI, the logs) carrying its Indonesian words for the web pages."""

    indonesian: str

    def __new__(cls, english: str, indonesian: str):
        made = super().__new__(cls, english)
        made.indonesian = indonesian
        return made


def say(english: str, indonesian: str) -> Reason:
    return Reason(english, indonesian)


@dataclass(frozen=True)
class Guard:
    name: str
    description: str
    check: Check

    def __call__(self, facts: CaseFacts, payload: Payload) -> str | None:
        return self.check(facts, payload)


def all_of(*guards: Guard) -> Guard:
    def check(facts: CaseFacts, payload: Payload) -> str | None:
        return next((err for g in guards if (err := g(facts, payload))), None)

    return Guard(" & ".join(g.name for g in guards), "; ".join(g.description for g in guards), check)


def guard(description: str):
    def wrap(fn: Check) -> Guard:
        return Guard(fn.__name__, description, fn)

    return wrap


@guard("the acting inspector is assigned to the case")
def actor_assigned(facts, payload):
    if facts.actor.role in (Role.inspector, Role.ppns) and not facts.actor.assigned:
        return say(f"{facts.actor.username} is not assigned to this case",
                   f"{facts.actor.username} tidak ditugaskan pada perkara ini")
    return None


@guard("every named officer is an inspector of this office")
def inspectors_of_office(facts, payload):
    unknown = [u for u in payload.inspectors if u not in facts.office_inspectors]
    return say(f"not inspectors of this office: {', '.join(unknown)}",
               f"Bukan Pengawas Ketenagakerjaan kantor ini: {', '.join(unknown)}") if unknown else None


@guard("the inspection (date, place) is recorded")
def inspection_recorded(facts, payload):
    return None if facts.last("record_inspection") else say("record the inspection first (record_inspection)",
                                                            "catat pemeriksaan lebih dahulu")


@guard("the inspection is not dated before the SPT that orders it")
def inspection_after_spt(facts, payload):
    spt = facts.last("sign_spt")
    if spt and payload.inspection_date < spt:
        return say(f"inspection date {payload.inspection_date} is before the SPT of {spt}",
                   f"tanggal pemeriksaan {tanggal(payload.inspection_date)} sebelum SPT tanggal {tanggal(spt)}")
    return None


@guard("the SPT is not dated after the start of the period it orders")
def spt_precedes_period(facts, payload):
    if facts.on > payload.period_start:
        return say(f"an SPT signed on {facts.on} cannot order a period starting {payload.period_start}, before it "
                   "was signed", f"SPT yang ditandatangani {tanggal(facts.on)} tidak dapat memerintahkan masa tugas "
                   f"yang mulai {tanggal(payload.period_start)}, sebelum SPT ditandatangani")
    return None


def _spt_periods(facts) -> list[tuple[str, str]]:
    spts = facts.details.get("spts") or ([facts.details["spt"]] if "spt" in facts.details else [])
    return [(s["period_start"], s["period_end"]) for s in spts]


@guard("the re-inspection falls within the period of an SPT")
def recheck_covered_by_spt(facts, payload):
    day = facts.on.isoformat()
    periods = _spt_periods(facts)
    if any(start <= day <= end for start, end in periods):
        return None
    ordered = "; ".join(f"{a} to {b}" for a, b in periods) or "none"
    masa = "; ".join(f"{tanggal(a)} s.d. {tanggal(b)}" for a, b in periods) or "tidak ada"
    return say(f"the re-inspection on {day} is not covered by an SPT (periods ordered: {ordered}); the Kepala Dinas "
               "signs an SPT for it first (sign_spt)", f"pemeriksaan ulang tanggal {tanggal(facts.on)} tidak dicakup "
               f"SPT (masa tugas: {masa}); Kepala Dinas menandatangani SPT untuknya lebih dahulu")


@guard("at least one open finding with its article and corrective order")
def has_actionable_finding(facts, payload):
    if any(f.article and f.order for f in facts.open_findings()):
        return None
    return say("a Nota needs at least one open finding with its article and corrective order",
               "Nota memerlukan sekurang-kurangnya satu temuan terbuka dengan pasal dan perintah perbaikannya")


@guard("no open finding")
def no_open_finding(facts, payload):
    n = len(facts.open_findings())
    return say(f"{n} finding(s) still open", f"{n} temuan masih terbuka") if n else None


@guard("an open finding has amounts per worker, each with its basis (period, due, paid)")
def has_worker_amounts(facts, payload):
    with_workers = [f for f in facts.open_findings() if f.has_worker_amounts]
    if not with_workers:
        return say("a Penetapan needs amounts per worker on an open finding",
                   "Penetapan memerlukan jumlah hak per pekerja pada temuan yang terbuka")
    if missing := [f"finding {f.no}, {m}" for f in with_workers for m in f.missing_basis]:
        return say("a Penetapan shows the computation of each worker's rights (period, due, paid); missing: "
                   + "; ".join(missing), "Penetapan memuat perhitungan hak setiap pekerja (masa, terutang, "
                   "dibayar); belum ada: " + "; ".join(missing))
    return None


@guard("each re-determined worker's rights carry their basis (period, due, paid)")
def redetermined_with_basis(facts, payload):
    if missing := missing_basis([w.model_dump() for w in payload.workers]):
        return say("a re-determination shows the computation of each worker's rights; missing: " + "; ".join(missing),
                   "penetapan ulang memuat perhitungan hak setiap pekerja; belum ada: " + "; ".join(missing))
    return None


_IN_INDONESIAN = {"prosecutor's review": "penelitian berkas oleh Penuntut Umum"}


def _expired(kind: TimerKind, label: str, facts: CaseFacts) -> str | None:
    timer, english, label = facts.timer(kind), label, _IN_INDONESIAN.get(label, label)
    if timer is None or timer.due_date is None:
        return say(f"{english} has no running deadline", f"{label} tidak mempunyai jangka waktu yang berjalan")
    if facts.on <= timer.due_date:
        return say(f"{english} deadline runs until {timer.due_date}; it has not expired on {facts.on}",
                   f"jangka waktu {label} berjalan sampai {tanggal(timer.due_date)}; belum habis pada "
                   f"{tanggal(facts.on)}")
    return None


def _expired_not_complied(kind: TimerKind, label: str, recheck: bool) -> Guard:
    """Escalation needs the deadline expired, and (for a Nota) a re-check after it that found orders unfulfilled."""
    def check(facts, payload):
        if reason := _expired(kind, label, facts):
            return reason
        rechecked = facts.last("record_recheck")
        if recheck and not (rechecked and rechecked > facts.timer(kind).due_date):
            return say(f"record the re-check made after the {label} deadline first (record_recheck)",
                       f"catat lebih dahulu pemeriksaan ulang sesudah jangka waktu {label} habis")
        if not facts.open_findings():
            return say("every finding is complied; record compliance instead",
                       "semua temuan telah dipatuhi; catat kepatuhan")
        return None

    what = f"{label} deadline expired" + (", re-checked after it" if recheck else "") + ", not complied"
    return Guard(f"{kind.value}_expired_not_complied", what, check)


nota_1_expired = _expired_not_complied(TimerKind.nota_1_compliance, "Nota I", recheck=True)
nota_2_expired = _expired_not_complied(TimerKind.nota_2_compliance, "Nota II", recheck=True)
penetapan_unpaid = _expired_not_complied(TimerKind.penetapan_payment, "Penetapan", recheck=False)


def _law_expired(kind: TimerKind, label: str) -> Guard:
    def check(facts, payload):
        return _expired(kind, label, facts)

    return Guard(f"{kind.value}_expired", f"the {label} period has run out", check)


prosecutor_silent = _law_expired(TimerKind.prosecutor_review, "prosecutor's review")
tahap_2_lapsed = _law_expired(TimerKind.tahap_2, "Tahap II")


@guard("Nota II or Penetapan deadline expired unfulfilled, and no recommendation sent yet")
def escalation_due(facts, payload):
    if any(d.kind == DocKind.sanction_recommendation and d.status != DocStatus.draft for d in facts.documents):
        return say("a sanction recommendation was already sent", "rekomendasi sanksi sudah dikirim")
    for g in (nota_2_expired, penetapan_unpaid):
        if g(facts, payload) is None:
            return None
    return say("no Nota II or Penetapan deadline expired unfulfilled",
               "tidak ada jangka waktu Nota II atau Penetapan yang habis tanpa dipenuhi")


def deadline_within_policy(kind: TimerKind, field: str) -> Guard:
    def check(facts, payload):
        rule = facts.policy.rule(kind)
        asked = getattr(payload, field)
        if asked is not None and rule.max_length is not None and asked > rule.max_length:
            return say(f"{field}={asked} exceeds the policy maximum of {rule.max_length} days for {rule.label}",
                       f"{asked} hari melebihi batas kebijakan {rule.max_length} hari untuk {rule.label}")
        return None

    return Guard(f"{field}_within_policy", f"{field} within the policy maximum for {kind.value}", check)


@guard("a deadline awaits the receipt, or a reason is given for changing it")
def receipt_awaited(facts, payload):
    if any(t.status == TimerStatus.awaiting_receipt for t in facts.timers):
        return None
    if payload.reason:
        if any(t.status == TimerStatus.running for t in facts.timers):
            return None
        return say("no running deadline to move", "tidak ada jangka waktu berjalan yang dapat digeser")
    return say("no letter awaits its receipt date; give --data reason=... to change a recorded receipt",
               "tidak ada surat yang menunggu tanggal terima; isi alasan untuk mengubah tanggal terima yang tercatat")


@guard("the re-determination window (after receipt of the Penetapan) is open")
def redetermination_window_open(facts, payload):
    timer = facts.timer(TimerKind.redetermination_request)
    if timer and timer.status == TimerStatus.running and timer.due_date and facts.on <= timer.due_date:
        return None
    return say("the period to request a re-determination is not running",
               "jangka waktu permohonan penetapan ulang tidak sedang berjalan")


@guard("a re-determination was requested")
def redetermination_requested(facts, payload):
    if facts.happened_since("request_redetermination", "record_redetermination"):
        return None
    return say("no pending request for re-determination", "tidak ada permohonan penetapan ulang yang menunggu")


@guard("the actor holds PPNS status")
def actor_is_ppns(facts, payload):
    if facts.actor.role == Role.system or facts.actor.is_ppns:
        return None
    return say(f"{facts.actor.username} is not a PPNS", f"{facts.actor.username} bukan PPNS")


@guard("every investigator named in the Sprindik is a PPNS of this office")
def investigators_are_ppns(facts, payload):
    bad = [u for u in payload.investigators if u not in facts.office_ppns]
    return say(f"Sprindik needs PPNS investigators; not PPNS: {', '.join(bad)}",
               f"Bukan PPNS kantor ini: {', '.join(bad)}") if bad else None


def _sprindik_current(facts: CaseFacts) -> bool:
    return facts.happened_since("start_investigation", "lapse_tahap_2") or facts.happened_since(
        "issue_new_sprindik", "lapse_tahap_2"
    )


@guard("a current Sprindik exists")
def has_sprindik(facts, payload):
    return None if _sprindik_current(facts) else say("a current Sprindik is needed (issue_new_sprindik)",
                                                     "diperlukan Sprindik yang berlaku (terbitkan Sprindik baru)")


@guard("the Sprindik lapsed with the returned file")
def sprindik_lapsed(facts, payload):
    return say("the current Sprindik is still valid", "Sprindik yang ada masih berlaku") if _sprindik_current(
        facts) else None


def _spdp_sent(facts: CaseFacts) -> bool:
    latest = max(
        (i for i, (t, _) in enumerate(facts.history) if t in ("start_investigation", "issue_new_sprindik")),
        default=-1,
    )
    return any(t == "send_spdp" for t, _ in facts.history[latest + 1:])


@guard("the SPDP for the current Sprindik is not sent yet")
def spdp_not_sent(facts, payload):
    return say("the SPDP for this Sprindik was already sent", "SPDP untuk Sprindik ini sudah dikirim") if _spdp_sent(
        facts) else None


@guard("the SPDP for the current Sprindik was sent")
def spdp_sent(facts, payload):
    return None if _spdp_sent(facts) else say("send the SPDP first (send_spdp)", "kirim SPDP lebih dahulu")


@guard("SP3 states a ground the case's regime allows (RJ ground only through the RJ track)")
def sp3_ground_allowed(facts, payload):
    if payload.ground == Sp3Ground.restorative_justice:
        return say("the RJ ground is recorded through record_rj_fulfilment",
                   "dasar keadilan restoratif dicatat melalui pemenuhan kesepakatan perdamaian")
    procedure = facts.policy.procedure(facts.regime)
    if not procedure.ground_allowed(payload.ground):
        return say(f"{payload.ground.value} is not a ground for terminating an investigation under {procedure.law}",
                   f"{payload.ground.value} bukan dasar penghentian penyidikan menurut {procedure.law}")
    return None


@guard("every article of the case is one the RJ policy marks eligible, and the complainant agrees")
def rj_eligible(facts, payload):
    if not payload.complainant_agrees:
        return say("restorative justice needs the complainant's (victim's) agreement",
                   "keadilan restoratif memerlukan persetujuan pengadu (korban)")
    articles = facts.details.get("criminal_articles", [])
    eligible = [offence_key(a) for a in facts.policy.rj_eligible_articles]
    barred = [a for a in articles if not any(_within(offence_key(a), key) for key in eligible)]
    if not articles or barred:
        return say(f"not RJ-eligible under the policy: {', '.join(barred) or 'no article recorded'}",
                   "tidak dapat diselesaikan dengan keadilan restoratif menurut kebijakan: "
                   f"{', '.join(barred) or 'belum ada pasal yang dicatat'}")
    return None


_LAW = re.compile(r"(?:UU|Undang-Undang Nomor)\s+(\d+)(?:/|\s+Tahun\s+)(\d{4})")
_ARTICLE = re.compile(r"Pasal\s+(\d+[A-Z]?)(\s+ayat\s+\(\d+\))?")


def offence_key(article: str) -> str:
    """The offence an article citation names, however it is written: "UU 13/2003 Pasal 187" and "Pasal 187
    ayat (1) jo Pasal 78 Undang-Undang Nomor 13 Tahun 2003 …" both start with "UU 13/2003 Pasal 187"."""
    law, first = _LAW.search(article), _ARTICLE.search(article)
    key = f"UU {law.group(1)}/{law.group(2)}" if law else article.strip()
    return f"{key} Pasal {first.group(1)}{first.group(2) or ''}" if first and law else key


def _within(key: str, eligible: str) -> bool:
    return key == eligible or key.startswith(eligible + " ")


@guard("the tipiring file was brought to court")
def tipiring_filed(facts, payload):
    return None if facts.last("file_tipiring_to_court") else say("bring the file to court first",
                                                                 "limpahkan berkas ke pengadilan lebih dahulu")


@guard("a serious offence: worst forms of child labour, obstruction, fatal accident or repeat offence")
def serious_ground(facts, payload):
    if payload.ground in (None, "warnings_ignored"):
        return say("an incident report straight from the inspection needs a serious ground (--data ground=...)",
                   "Laporan Kejadian langsung dari pemeriksaan memerlukan dasar yang berat")
    return None


@guard("the hearing falls on a working day, far enough after the summons for it to reach the person")
def hearing_on_working_day(facts, payload):
    day, notice = payload.appointment_date, facts.policy.summons_notice_days
    if facts.calendar and not facts.calendar.is_working_day(day):
        why = facts.calendar.holiday_name(day) or ("Sabtu" if day.weekday() == 5 else "Minggu")
        return say(f"the hearing on {day} falls on a non-working day ({why}): summon for a working day",
                   f"pemeriksaan tanggal {tanggal(day)} jatuh pada hari libur ({why}): panggil untuk hari kerja")
    if (day - facts.on).days < notice:
        return say(f"the hearing on {day} is less than {notice} days after the summons of {facts.on} (policy)",
                   f"pemeriksaan tanggal {tanggal(day)} kurang dari {notice} hari sesudah panggilan tanggal "
                   f"{tanggal(facts.on)} (kebijakan)")
    return None


@guard("the Laporan Kejadian names the suspect with their identity")
def suspect_identified(facts, payload):
    return None if facts.details.get("incident", {}).get("suspect") else say(
        "the case's Laporan Kejadian names no suspect with an identity: record it with report_incident",
        "Laporan Kejadian perkara ini belum menyebut tersangka dengan identitasnya")
