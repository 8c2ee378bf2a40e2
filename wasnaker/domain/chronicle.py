"""The chronology's rows in words: what each act of a case did, told from the data it stored (the event's payload),
the letters it issued and who acted. Pure: plain values in, one Indonesian sentence per event out.

Every trigger of the lifecycle table has a sentence (`SENTENCES`); so do the system's own records (a deadline that
ran out, a reminder, a letter sent or received). Text an officer typed is quoted after a label ("catatan: “…”"),
never made a clause of the sentence; codes (states, grounds, methods) are told by their Indonesian labels.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from wasnaker.domain.formatting import jangka_waktu, rupiah, tanggal
from wasnaker.domain.lifecycle import TRANSITIONS
from wasnaker.domain.payloads import SP3_GROUND_LABELS, IncidentGround, PersonStatus, PlanReason, Sp3Ground
from wasnaker.domain.vocabulary import DOC_TITLES, FINDING_STATUS_LABELS, DocKind, FindingStatus

SYSTEM_NAME = "Sistem wasnaker"
_KINDS = {t.trigger: t.documents for t in TRANSITIONS}

CHANNEL_LABELS = {"walk-in": "datang langsung", "surat": "surat", "email": "pos-el", "e-mail": "pos-el",
                  "telepon": "telepon", "phone": "telepon", "web": "laman pengaduan", "online": "laman pengaduan"}
PLAN_REASON_LABELS = {PlanReason.work_plan: "rencana kerja", PlanReason.norma100_red: "skor merah Norma 100",
                      PlanReason.accident: "kecelakaan kerja", PlanReason.superior_order: "perintah atasan"}
GROUND_LABELS = {IncidentGround.worst_forms_child_labour: "bentuk pekerjaan terburuk untuk anak",
                 IncidentGround.obstruction: "menghalangi tugas pengawas ketenagakerjaan",
                 IncidentGround.fatal_accident: "kecelakaan kerja yang mengakibatkan kematian",
                 IncidentGround.repeat_offence: "pengulangan pelanggaran",
                 IncidentGround.warnings_ignored: "Nota Pemeriksaan tidak dipenuhi"}
METHOD_LABELS = {"hand": "diserahkan langsung", "post": "pos tercatat", "email": "pos-el, dikonfirmasi penerima",
                 "email_deemed": "pos-el, dianggap diterima"}
# Letters whose receipt starts a deadline, and who receives them.
RECEIVED_BY = {DocKind.nota_1: "perusahaan", DocKind.nota_2: "perusahaan", DocKind.penetapan: "perusahaan",
               DocKind.reminder: "perusahaan", DocKind.tahap_1_cover: "Penuntut Umum"}


@dataclass(frozen=True)
class Letter:
    """A document of the case: `event_id` is the act that issued it; `deadline` {length, unit} the one it set."""

    kind: str
    number: str | None
    event_id: int | None = None
    received_on: str | None = None
    deadline: dict | None = None

    @property
    def title(self) -> str:
        return DOC_TITLES[DocKind(self.kind)]

    @property
    def named(self) -> str:
        return f"{self.title} Nomor {self.number}" if self.number else self.title


@dataclass(frozen=True)
class Event:
    """One entry of the audit trail: `data` is what the act stored; `actor` the name of who acted;
    `closed_as` the Indonesian close reason when the act closed the case."""

    id: int
    trigger: str
    data: dict
    actor: str = SYSTEM_NAME
    from_state: str | None = None
    closed_as: str | None = None


@dataclass
class _Story:
    """What the earlier rows told: the letters of the case, the findings and their status, who is who."""

    letters: list[Letter]
    people: Mapping[str, str]
    findings: dict[int, FindingStatus] = field(default_factory=dict)

    def issued_by(self, event: Event) -> list[Letter]:
        return [x for x in self.letters if x.event_id == event.id]

    def names(self, usernames) -> str:
        return ", ".join(self.people.get(u, u) for u in usernames or [])


def _q(label: str, text) -> str:
    """Officer-typed text, quoted after its label."""
    return f"{label}: “{str(text).strip()}”" if text and str(text).strip() else ""


def _on(label: str, day) -> str:
    return f"{label} {tanggal(day)}" if day else ""


def _issued(ev: Event, story: _Story, verb: str = "diterbitkan") -> str:
    """The letters the act issued, by number; by title alone when none was recorded with the act."""
    named = [x.named for x in story.issued_by(ev)] or [DOC_TITLES[k] for k in _KINDS.get(ev.trigger, ())]
    return f"{' dan '.join(named)} {verb}" if named else ""


def _deadline(ev: Event, story: _Story) -> str:
    for letter in story.issued_by(ev):
        if letter.deadline:
            return f"dengan jangka waktu {jangka_waktu(letter.deadline['length'], letter.deadline['unit'])}"
    return ""


def _received(d: dict, by: str = "perusahaan") -> str:
    return _on(f"diterima {by} pada", d.get("received_on"))


# --- intake ---

def _file_complaint(ev, d, story):
    channel = d.get("channel")
    via = f" ({CHANNEL_LABELS.get(channel, channel)})" if channel else ""
    who = d.get("complainant_name") or "pengadu"
    return [f"{ev.actor} menerima pengaduan dari {who}{via}", _q("pokok pengaduan", d.get("summary")),
            _issued(ev, story)]


def _plan_inspection(ev, d, story):
    reason = PLAN_REASON_LABELS.get(d.get("reason"), PLAN_REASON_LABELS[PlanReason.work_plan])
    return [f"{ev.actor} merencanakan pemeriksaan berdasarkan {reason}", _q("catatan", d.get("note"))]


def _verify(ev, d, story):
    return [f"{ev.actor} memeriksa kelengkapan dan kewenangan pengaduan", _q("catatan", d.get("note"))]


def _assign(ev, d, story):
    names = story.names(d.get("inspectors"))
    return [f"{ev.actor} menunjuk pengawas ketenagakerjaan" + (f": {names}" if names else "")]


def _closing(what: str):
    def sentence(ev, d, story):
        return [what.format(actor=ev.actor), _q("alasan", d.get("reason"))]
    return sentence


def _sign_spt(ev, d, story):
    period = (f"masa tugas {tanggal(d['period_start'])} sampai dengan {tanggal(d['period_end'])}"
              if d.get("period_start") and d.get("period_end") else "")
    return [f"{ev.actor} menandatangani {_issued(ev, story, '').strip() or 'Surat Perintah Tugas'}", period]


# --- inspection and letters to the company ---

def _finding(ev, d, story):
    no = len(story.findings) + 1
    story.findings[no] = FindingStatus.open
    told = " — ".join(x for x in (d.get("norm"), d.get("facts")) if x)
    return [f"{ev.actor} mencatat temuan {no}" + (f": {told}" if told else ""), _q("pasal", d.get("article"))]


def _inspection(ev, d, story):
    return [f"{ev.actor} melaksanakan pemeriksaan {_on('pada', d.get('inspection_date'))}".strip(),
            _q("tempat", d.get("place")), _q("rekomendasi", d.get("recommendation")), _issued(ev, story)]


def _set_all(story: _Story, status: FindingStatus) -> None:
    story.findings = {no: status for no in story.findings}


def _not_proven(ev, d, story):
    return [f"{ev.actor} menyatakan tidak ditemukan pelanggaran", _q("catatan", d.get("note"))]


def _compliance(ev, d, story):
    _set_all(story, FindingStatus.complied)
    what = ("pelanggaran diperbaiki di tempat" if ev.from_state == "inspecting"
            else "pemeriksaan ulang: seluruh perintah dipenuhi")
    return [f"{ev.actor} mencatat {what}", _q("catatan", d.get("note"))]


def _nota(ev, d, story):
    return [f"{_issued(ev, story)} {_deadline(ev, story)}".strip(), _received(d)]


def _receipt(ev, d, story):
    letter = _letter_received(ev, d, story)
    by = f" {RECEIVED_BY.get(DocKind(letter.kind), '')}" if letter else ""
    method = METHOD_LABELS.get(d.get("method"), "")
    how = f" ({method})" if method else ""
    when = f" {_on('pada', d.get('received_on'))}" if d.get("received_on") else ""
    return [f"{letter.named if letter else 'Surat'} diterima{by}{when}{how}",
            _q("alasan perubahan", d.get("reason"))]


def _letter_received(ev: Event, d: dict, story: _Story) -> Letter | None:
    """The letter named in the data; else the one received that day; else the last letter that awaits one."""
    before = [x for x in story.letters if x.event_id is not None and x.event_id < ev.id and x.number]
    for match in (lambda x: x.number == d.get("letter"),
                  lambda x: x.received_on == d.get("received_on") and DocKind(x.kind) in RECEIVED_BY,
                  lambda x: DocKind(x.kind) in RECEIVED_BY):
        found = [x for x in before if match(x)]
        if found:
            return found[-1]
    return None


def _recheck(ev, d, story):
    complied, partly = set(d.get("complied") or []), set(d.get("partly") or [])
    for no, status in story.findings.items():
        if status != FindingStatus.complied:
            story.findings[no] = (FindingStatus.complied if no in complied
                                  else FindingStatus.partly if no in partly else status)
    told = "; ".join(f"temuan {no} {FINDING_STATUS_LABELS[s]}" for no, s in sorted(story.findings.items()))
    return [f"Pemeriksaan ulang oleh {ev.actor}" + (f": {told}" if told else ""), _q("catatan", d.get("note"))]


def _penetapan(ev, d, story):
    deadline = _deadline(ev, story)
    return [_issued(ev, story), f"hak pekerja dibayar {deadline} sejak diterima" if deadline else "",
            _received(d)]


def _recommend(ev, d, story):
    to = f" kepada {d['licensing_official']}" if d.get("licensing_official") else ""
    return [f"{_issued(ev, story, 'dikirim')}{to}".strip(), _q("sanksi yang direkomendasikan",
                                                               d.get("recommended_sanction"))]


def _sanction_decision(ev, d, story):
    number = f" Nomor {d['decision_number']}" if d.get("decision_number") else ""
    return [f"{ev.actor} mencatat keputusan pejabat pemberi izin{number}", _q("pejabat", d.get("official")),
            _q("sanksi", d.get("sanction"))]


def _payment(ev, d, story):
    _set_all(story, FindingStatus.complied)
    amount = f" sebesar {rupiah(d['amount'])}" if d.get("amount") else ""
    return [f"{ev.actor} mencatat hak pekerja telah dibayar{amount} sesuai Penetapan", _q("catatan", d.get("note"))]


def _request_redetermination(ev, d, story):
    return [f"{ev.actor} mencatat permohonan penetapan ulang", _q("alasan", d.get("reason"))]


def _redetermination(ev, d, story):
    total = sum(i.get("amount", 0) for w in d.get("workers") or [] for i in w.get("items") or [])
    about = f" atas temuan {d['finding_no']}" if d.get("finding_no") else ""
    return [f"Penetapan ulang{about}: {_issued(ev, story)}", f"jumlah baru {rupiah(total)}" if total else "",
            _received(d)]


# --- the criminal track ---

def _incident(ev, d, story):
    ground = GROUND_LABELS.get(d.get("ground"))
    name = _suspect_name(d)
    offence = d.get("offence") or {}
    return [f"{ev.actor} membuat {_issued(ev, story, '').strip() or 'Laporan Kejadian'}",
            f"dasar: {ground}" if ground else "", f"terlapor {name}" if name else "",
            _on("waktu kejadian", offence.get("date")), _q("pasal", "; ".join(d.get("articles") or []))]


def _suspect_name(d) -> str:
    """The suspect a report names (a person, or a corporation); reports recorded before identities were
    captured stored the name alone."""
    s = d.get("suspect") or {}
    if s.get("corporation"):
        return s["corporation"]["name"]
    return (s.get("person") or {}).get("name") or d.get("suspect_name", "")


def _sprindik(ev, d, story):
    return [_issued(ev, story), f"penyidik: {story.names(d.get('investigators'))}" if d.get("investigators") else ""]


def _new_sprindik(ev, d, story):
    return ["Berkas dikembalikan setelah lewat waktu Tahap II", *_sprindik(ev, d, story)]


def _tipiring(ev, d, story):
    return [f"{ev.actor} membuka acara pemeriksaan cepat (tindak pidana ringan)", _on("BAP selesai", d.get("bap_date")),
            _q("pengadilan", d.get("court"))]


def _tipiring_to_court(ev, d, story):
    return [f"Berkas tindak pidana ringan dilimpahkan ke pengadilan: {_issued(ev, story)}".rstrip(": "),
            _q("catatan", d.get("note"))]


def _verdict(ev, d, story):
    number = f" Nomor {d['verdict_number']}" if d.get("verdict_number") else ""
    fine = f"denda {rupiah(d['fine'])}" if d.get("fine") else ""
    return [f"{ev.actor} mencatat putusan pengadilan{number}", _q("amar putusan", d.get("verdict")), fine]


def _spdp(ev, d, story):
    recipients = "; ".join(d.get("recipients") or [])
    return [_issued(ev, story, "dikirim"), _q("kepada", recipients)]


def _summon(ev, d, story):
    status = PersonStatus(d["status"]).value if d.get("status") in set(PersonStatus) else "saksi"
    when = (f"untuk hadir pada {tanggal(d['appointment_date'])} pukul {d.get('appointment_time', '')}".strip()
            if d.get("appointment_date") else "")
    name = (d.get("person") or {}).get("name") or d.get("name")
    who = f"{name} dipanggil sebagai {status}" if name else "tersangka dipanggil" if status == "tersangka" else ""
    return [_issued(ev, story), who, when]


def _bap(ev, d, story):
    status = d.get("status") if d.get("status") in set(PersonStatus) else "saksi"
    examined = f"{ev.actor} memeriksa {d['name']} sebagai {status}" if d.get("name") else ""
    return [examined, "Berita Acara Pemeriksaan dibuat"]


def _seizure(ev, d, story):
    return [f"{ev.actor} menyita barang bukti", _q("barang bukti", "; ".join(d.get("items") or [])),
            f"izin penyitaan Nomor {d['court_permit']}" if d.get("court_permit") else ""]


def _terminate(ev, d, story):
    ground = SP3_GROUND_LABELS.get(Sp3Ground(d["ground"])) if d.get("ground") in set(Sp3Ground) else ""
    return ["Penyidikan dihentikan", _issued(ev, story), _q("dasar", ground), _q("uraian", d.get("detail"))]


def _restorative(ev, d, story):
    duties = "; ".join(f"{o.get('description', '')}" + (f" {rupiah(o['amount'])}" if o.get("amount") else "")
                       + (f" paling lambat {tanggal(o['due_date'])}" if o.get("due_date") else "")
                       for o in d.get("obligations") or [])
    parties = [f"{r['person']['name']} ({r['capacity']})" for r in (d.get("employer"), d.get("workers")) if r]
    return [_issued(ev, story, "ditandatangani"), _q("para pihak", "; ".join(parties or d.get("parties") or [])),
            _q("kewajiban", duties), _deadline(ev, story).replace("dengan", "pemenuhan dalam")]


def _rj_fulfilled(ev, d, story):
    return ["Kesepakatan perdamaian dipenuhi", _issued(ev, story), _q("catatan", d.get("note"))]


def _rj_breach(ev, d, story):
    return ["Kesepakatan perdamaian tidak dipenuhi; penyidikan dilanjutkan", _q("alasan", d.get("reason"))]


def _notify_sp3(ev, d, story):
    return ["Surat Ketetapan Penghentian Penyidikan diberitahukan",
            _q("kepada", "; ".join(d.get("recipients") or [])), _q("catatan", d.get("note"))]


def _submit(ev, d, story):
    office = f" kepada {d['prosecutor_office']}" if d.get("prosecutor_office") else ""
    via = f" melalui {d['via']}" if d.get("via") else ""
    return [f"Tahap I: {_issued(ev, story, 'dikirim')}{office}{via}".rstrip(": "),
            _q("isi berkas", "; ".join(d.get("file_contents") or [])), _received(d, "Penuntut Umum")]


def _p19(ev, d, story):
    number = f" Nomor {d['p19_number']}" if d.get("p19_number") else ""
    return [f"P-19{number} diterima {_on('pada', d.get('received_on'))}".strip(),
            _q("petunjuk Penuntut Umum", d.get("instructions"))]


def _p21(ev, d, story):
    number = f" Nomor {d['p21_number']}" if d.get("p21_number") else ""
    return [f"P-21{number} diterima: berkas perkara dinyatakan lengkap"]


def _deemed_complete(ev, d, story):
    return ["Penuntut Umum tidak memberitahukan hasil penelitian berkas dalam 14 (empat belas) hari: berkas perkara "
            "dianggap lengkap (KUHAP Pasal 110 ayat (4))"]


def _resubmit(ev, d, story):
    return [f"Berkas perkara dilengkapi sesuai petunjuk P-19 dan dikirim kembali: {_issued(ev, story)}".rstrip(": "),
            _q("isi berkas", "; ".join(d.get("file_contents") or [])), _received(d, "Penuntut Umum")]


def _hand_over(ev, d, story):
    to = f" kepada Penuntut Umum {d['prosecutor_name']}" if d.get("prosecutor_name") else " kepada Penuntut Umum"
    return [f"Tahap II: tersangka dan barang bukti diserahkan{to}", _q("tempat", d.get("place")),
            _issued(ev, story)]


def _lapse_tahap_2(ev, d, story):
    return ["Tahap II tidak dilaksanakan dalam jangka waktu setelah P-21: berkas dikembalikan dan Surat Perintah "
            "Penyidikan baru diperlukan"]


def _close_case(ev, d, story):
    return [f"{ev.actor} menutup perkara", _q("catatan", d.get("note"))]


Sentence = Callable[[Event, dict, _Story], list[str]]

SENTENCES: dict[str, Sentence] = {
    "file_complaint": _file_complaint, "plan_inspection": _plan_inspection, "verify_complaint": _verify,
    "assign_inspectors": _assign,
    "refer_to_mediation": _closing("{actor} melimpahkan perselisihan kepada mediator hubungan industrial"),
    "close_out_of_jurisdiction": _closing("{actor} menyatakan pengaduan di luar kewenangan kantor"),
    "close_unreachable": _closing("{actor} mencatat pengadu tidak dapat dihubungi"),
    "withdraw_complaint": _closing("{actor} mencatat pencabutan pengaduan oleh pengadu"),
    "sign_spt": _sign_spt, "record_finding": _finding, "record_inspection": _inspection,
    "close_not_proven": _not_proven, "record_compliance": _compliance, "issue_nota_1": _nota,
    "issue_nota_2": _nota, "issue_penetapan": _penetapan, "report_incident": _incident, "record_receipt": _receipt,
    "record_recheck": _recheck, "recommend_sanction": _recommend, "send_sanction_recommendation": _recommend,
    "record_sanction_decision": _sanction_decision, "record_payment": _payment,
    "request_redetermination": _request_redetermination, "record_redetermination": _redetermination,
    "start_investigation": _sprindik, "issue_new_sprindik": _new_sprindik, "open_tipiring": _tipiring,
    "file_tipiring_to_court": _tipiring_to_court, "record_court_verdict": _verdict, "send_spdp": _spdp,
    "summon": _summon, "record_bap": _bap, "record_seizure": _seizure, "terminate_investigation": _terminate,
    "start_restorative_justice": _restorative, "record_rj_fulfilment": _rj_fulfilled,
    "record_rj_breach": _rj_breach, "notify_sp3": _notify_sp3, "submit_file": _submit, "receive_p19": _p19,
    "receive_p21": _p21, "deem_file_complete": _deemed_complete, "resubmit_file": _resubmit,
    "hand_over": _hand_over, "lapse_tahap_2": _lapse_tahap_2, "close_case": _close_case,
}


# --- the system's own records (services.sweep, reminders, serving, delivery) ---

def _timer_expired(ev, d, story):
    return [d.get("message") or "Jangka waktu habis", _on("jatuh tempo", d.get("due_date"))]


def _reminder_sent(ev, d, story):
    return [f"{_issued(ev, story, 'dikirim') or 'Surat Pengingat dikirim'} kepada perusahaan",
            _on("jatuh tempo", d.get("due_date"))]


def _notice_served(ev, d, story):
    return [*_receipt(ev, d, story)[:1], _q("penerima", d.get("to")), _q("alasan perubahan", d.get("reason"))]


def _notice(what: str):
    def sentence(ev, d, story):
        return [what, _q("kepada", d.get("to")), _q("perihal", d.get("subject"))]
    return sentence


RECORDS: dict[str, Sentence] = {
    "timer_expired": _timer_expired, "reminder_sent": _reminder_sent, "notice_served": _notice_served,
    "notice_sent": _notice("Surat dikirim melalui pos-el"),
    "notice_failed": _notice("Pengiriman surat melalui pos-el gagal; surat perlu disampaikan dengan cara lain"),
    "notice_bounced": _notice("Surat melalui pos-el ditolak server penerima; surat perlu disampaikan dengan cara "
                              "lain"),
}


def _sentence(ev: Event) -> Sentence | None:
    return SENTENCES.get(ev.trigger) or RECORDS.get(ev.trigger.split(":", 1)[0])


def describe(ev: Event, story: _Story) -> str:
    """One row: the act's own sentence, then how it closed the case and why it was recorded late."""
    sentence = _sentence(ev)
    parts = sentence(ev, ev.data or {}, story) if sentence else [f"{ev.actor} mencatat suatu tindakan"]
    parts += [f"perkara ditutup: {ev.closed_as}" if ev.closed_as else "",
              _q("dicatat terlambat", (ev.data or {}).get("late_reason"))]
    text = "; ".join(p.strip() for p in parts if p and p.strip())
    return text[:1].upper() + text[1:] + ("" if text.endswith(".") else ".")


def describe_all(events: list[Event], letters: list[Letter], people: Mapping[str, str]) -> list[str]:
    """The rows of the chronology in order: each told with what the rows before it established."""
    story = _Story(letters=letters, people=people)
    return [describe(ev, story) for ev in events]
