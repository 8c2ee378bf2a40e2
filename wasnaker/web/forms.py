"""An act's form generated from its payload schema (the pydantic models of `domain/payloads.py`): each field a
widget with an Indonesian label, the form's data back into the payload's dict, and pydantic's errors as Indonesian
messages beside the fields they concern.

Form names are the payload's paths, dotted and indexed (`witnesses.0.person.nik`); a date is three inputs
(`….tanggal`, `….bulan`, `….tahun`); a list keeps its row count in `_baris.<name>`, and the button `_tambah=<name>`
re-renders the form with one more row (without JavaScript; htmx swaps it in place)."""

import re
import types
import typing
from dataclasses import dataclass, field
from datetime import date
from enum import Enum

from pydantic import BaseModel, ValidationError
from pydantic_core import PydanticUndefined

from wasnaker.domain import validation
from wasnaker.domain.chronicle import METHOD_LABELS, PLAN_REASON_LABELS
from wasnaker.domain.errors import InvalidData
from wasnaker.domain.payloads import INCIDENT_GROUND_LABELS, PERSON_STATUS_LABELS, SP3_GROUND_LABELS
from wasnaker.domain.payloads import LONG_TEXT as PAYLOAD_LONG_TEXT
from wasnaker.web.form_messages import LINE_LIMIT, LONG_LIMIT, message, too_long

# Labels of the payloads' fields: `Model.field` where a name means different things in different payloads.
LABELS = {
    "account": "Uraian singkat kejadian", "address": "Alamat", "amount": "Jumlah (Rp)",
    "appointment_date": "Tanggal menghadap", "appointment_time": "Jam menghadap", "article": "Pasal yang dilanggar",
    "articles": "Pasal yang disangkakan", "authority": "Dasar kewenangan", "bap_date": "Tanggal BAP selesai",
    "birth_date": "Tanggal lahir", "birth_place": "Tempat lahir", "capacity": "Jabatan / kedudukan",
    "channel": "Saluran pengaduan", "company_nib": "NIB perusahaan", "complainant_agrees": "Pengadu menyetujui",
    "complainant_consents": "Pengadu bersedia identitasnya dicantumkan dalam surat kepada perusahaan",
    "complainant_contact": "Kontak pengadu", "complainant_name": "Nama pengadu", "complied": "Temuan yang dipenuhi",
    "corporation": "Tersangka korporasi", "court": "Pengadilan Negeri", "court_permit": "Izin penyitaan pengadilan",
    "date": "Tanggal", "deadline_days": "Jangka waktu (hari)", "decision_number": "Nomor keputusan",
    "description": "Uraian kewajiban", "detail": "Uraian alasan penghentian", "district": "Kabupaten/kota",
    "due": "Yang seharusnya dibayar (Rp)", "due_date": "Batas waktu", "earlier": "Surat perkara terdahulu",
    "employer": "Pihak pengusaha", "evidence": "Barang bukti", "expertise": "Keahlian",
    "experts": "Keterangan ahli", "facts": "Fakta", "file_contents": "Isi berkas perkara",
    "finding_no": "Nomor temuan", "fine": "Denda (Rp)", "fulfilment_days": "Jangka waktu pemenuhan (hari)",
    "ground": "Dasar", "inspection_date": "Tanggal pemeriksaan", "inspectors": "Pengawas yang ditunjuk",
    "instructions": "Petunjuk Penuntut Umum", "investigators": "Penyidik (PPNS)", "items": "Barang yang disita",
    "label": "Hak", "letter": "Nomor surat", "licensing_official": "Pejabat pemberi izin",
    "method": "Cara penyampaian", "name": "Nama lengkap", "nationality": "Kewarganegaraan", "nib": "NIB",
    "nik": "NIK", "norm": "Norma", "norms": "Norma yang diadukan", "note": "Catatan", "number": "Nomor surat",
    "obligations": "Kewajiban pengusaha", "occupation": "Pekerjaan", "offence": "Waktu dan tempat kejadian",
    "official": "Pejabat yang memutus", "order": "Perintah", "p19_number": "Nomor P-19", "p21_number": "Nomor P-21",
    "paid": "Yang telah dibayar (Rp)", "partly": "Temuan yang dipenuhi sebagian", "pengurus": "Pengurus korporasi",
    "pengurus_position": "Jabatan pengurus", "period": "Periode", "period_end": "Akhir masa tugas",
    "period_start": "Awal masa tugas", "person": "Identitas", "place": "Tempat", "position": "Jabatan",
    "prosecutor_name": "Nama Penuntut Umum", "prosecutor_nip": "NIP Penuntut Umum", "purpose": "Maksud penugasan",
    "reason": "Alasan", "received_on": "Tanggal surat diterima", "recommendation": "Rekomendasi",
    "recommended_sanction": "Sanksi yang direkomendasikan", "sanction": "Sanksi yang dijatuhkan",
    "schedule": "Pekerja dan haknya", "sex": "Jenis kelamin", "statement": "Pokok keterangan",
    "status": "Status", "summary": "Ringkasan pengaduan", "suspect": "Tersangka", "time": "Jam kejadian",
    "title": "Judul surat", "verdict": "Amar putusan", "verdict_number": "Nomor putusan",
    "victim": "Korban", "witnesses": "Saksi", "workers": "Pekerja dan kekurangan haknya",
    "workers_affected": "Jumlah pekerja terdampak",
    "Corporation.name": "Nama korporasi", "WorkerAmount.name": "Nama pekerja", "WorkerShare.name": "Nama pekerja",
    "RecordBap.name": "Nama yang diperiksa", "WorkerAmount.items": "Rincian hak", "Obligation.amount": "Jumlah (Rp)",
    "RecordPayment.amount": "Jumlah yang dibayar (Rp)", "RecordFinding.amount": "Jumlah kekurangan (Rp)",
    "WorkerItem.amount": "Kekurangan (Rp)", "Obligation.method": "Cara pembayaran",
    "PlanInspection.reason": "Alasan pemeriksaan", "RecordReceipt.reason": "Keterangan penyampaian",
    "StartRestorativeJustice.workers": "Pihak pekerja/buruh", "StartRestorativeJustice.place": "Tempat kesepakatan",
    "Suspect.person": "Tersangka orang perseorangan", "Statement.person": "Identitas saksi",
    "ExpertStatement.person": "Identitas ahli", "Summon.person": "Identitas yang dipanggil",
    "Representative.person": "Identitas penanda tangan", "Terminate.ground": "Dasar penghentian (SP3)",
    "ReportIncident.ground": "Dasar laporan", "ReportIncident.evidence": "Barang bukti",
    "Summon.status": "Dipanggil sebagai", "RecordBap.status": "Diperiksa sebagai", "Summon.place": "Tempat menghadap",
    "HandOver.place": "Tempat serah terima",
    "RecordInspection.place": "Tempat pemeriksaan", "FileComplaint.evidence": "Bukti yang dilampirkan",
    "Offence.date": "Tanggal kejadian", "Offence.place": "Tempat kejadian", "Reference.date": "Tanggal surat",
}
HINTS = {
    "nik": "16 angka, sesuai KTP", "nib": "13 angka", "company_nib": "13 angka (Nomor Induk Berusaha)",
    "time": "JJ.MM, mis. 14.30", "appointment_time": "JJ.MM, mis. 09.00", "channel": "mis. walk-in, surat, email",
    "inspectors": "nama pengguna pengawas, satu per baris", "investigators": "nama pengguna PPNS, satu per baris",
    "complied": "nomor temuan, satu per baris", "partly": "nomor temuan, satu per baris",
    "suspect": "Isi salah satu bagian saja: orang perseorangan atau korporasi.",
    "letter": "kosongkan untuk semua surat yang menunggu tanda terima",
    "deadline_days": "kosongkan untuk jangka waktu menurut kebijakan kantor",
    "received_on": "isi bila tanggal diterimanya surat sudah diketahui",
}
ENUM_LABELS: dict[str, str] = {**{k.value: v for k, v in PLAN_REASON_LABELS.items()}, **METHOD_LABELS,
                               **{k.value: v.capitalize() for k, v in INCIDENT_GROUND_LABELS.items()},
                               **{k.value: v for k, v in SP3_GROUND_LABELS.items()},
                               **{k.value: v for k, v in PERSON_STATUS_LABELS.items()}}
LONG_TEXT = PAYLOAD_LONG_TEXT  # a textarea wherever the payload allows lines (a reason, a verdict, a purpose too)
DATE_PARTS = ("tanggal", "bulan", "tahun")
MAX_ROWS = 50


def label(model: type[BaseModel], key: str) -> str | None:
    """The field's Indonesian label, or None when the table has none (a test keeps it complete)."""
    return LABELS.get(f"{model.__name__}.{key}") or LABELS.get(key)


def _label(model, key: str) -> str:
    return label(model, key) or key.replace("_", " ").capitalize()


def _unwrap(annotation) -> tuple[object, bool]:
    """(the type inside `X | None`, whether None is allowed)."""
    if isinstance(annotation, types.UnionType) or typing.get_origin(annotation) is typing.Union:
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        return args[0], True
    return annotation, False


def _is_model(kind) -> bool:
    return isinstance(kind, type) and issubclass(kind, BaseModel)


def _leaf_kind(kind, key: str) -> str:
    if isinstance(kind, type) and issubclass(kind, Enum):
        return "select"
    return {bool: "checkbox", int: "number", date: "date"}.get(kind) or ("textarea" if key in LONG_TEXT else "text")


def _default(info) -> str:
    value = info.default
    if value is PydanticUndefined or value is None or isinstance(value, (list, bool)):
        return ""
    return value.value if isinstance(value, Enum) else str(value)


@dataclass
class Widget:
    kind: str  # text textarea number date select checkbox group list
    name: str
    label: str
    required: bool = False
    value: object = ""
    error: str | None = None
    hint: str | None = None
    choices: list[tuple[str, str]] = field(default_factory=list)
    children: list["Widget"] = field(default_factory=list)
    maxlength: int = 0

    @property
    def id(self) -> str:
        return self.name.replace(".", "-")


class Form:
    """The form of one payload model over the submitted data (empty for a new form)."""

    def __init__(self, model: type[BaseModel], data: typing.Mapping[str, str] | None = None):
        self.model, self.data, self.fresh = model, dict(data or {}), data is None
        self.errors: dict[str, str] = {}
        self.locs: dict[tuple, tuple[str, str]] = {(): ("", "")}

    # -- widgets -------------------------------------------------------------------------------------------
    def widgets(self) -> list[Widget]:
        return self._fields(self.model, "")

    def _fields(self, model, prefix: str) -> list[Widget]:
        return [self._widget(model, key, info, prefix + key) for key, info in model.model_fields.items()]

    def _widget(self, model, key: str, info, name: str) -> Widget:
        kind, optional = _unwrap(info.annotation)
        base = dict(name=name, label=_label(model, key), required=info.is_required(), error=self.errors.get(name),
                    hint=HINTS.get(f"{model.__name__}.{key}") or HINTS.get(key))
        if typing.get_origin(kind) is list:
            item = typing.get_args(kind)[0]
            rows = [self._row(item, f"{name}.{i}") for i in range(self.rows(name, item))]
            return Widget("list", children=rows, **base)
        if _is_model(kind):
            return Widget("group", children=self._fields(kind, name + "."), **base)
        return self._leaf(Widget(_leaf_kind(kind, key), **base), kind, _default(info))

    def _row(self, item, name: str) -> Widget:
        if _is_model(item):
            return Widget("group", name=name, label="", error=self.errors.get(name),
                          children=self._fields(item, name + "."))
        return self._leaf(Widget(_leaf_kind(item, ""), name=name, label="", error=self.errors.get(name)), item, "")

    def _leaf(self, w: Widget, kind, default: str) -> Widget:
        if w.kind == "date":
            w.value = {p: self.data.get(f"{w.name}.{p}", "") for p in DATE_PARTS}
            return w
        w.value = default if self.fresh else self.data.get(w.name, "")
        if w.kind == "select":
            w.choices = [(m.value, ENUM_LABELS.get(m.value, m.value.capitalize())) for m in kind]
        if w.kind in ("text", "textarea"):
            w.maxlength = LONG_LIMIT if w.kind == "textarea" else LINE_LIMIT
            w.value = w.value[:w.maxlength]  # an oversized text is refused, not echoed back whole
        return w

    def rows(self, name: str, item) -> int:
        try:
            count = int(self.data.get(f"_baris.{name}", ""))
        except ValueError:
            count = 1 if _is_model(item) else 2
        return max(1, min(MAX_ROWS, count + (self.data.get("_tambah") == name)))

    # -- data ------------------------------------------------------------------------------------------------
    def payload(self) -> dict | None:
        """The payload's dict for the door, or None with `errors` (form name → Indonesian message) filled."""
        built = self._object(self.model, "", ())
        try:
            self.model.model_validate(built)
        except ValidationError as exc:
            for error in exc.errors():
                self._add_error(error)
        return None if self.errors else built

    def _object(self, model, prefix: str, loc: tuple) -> dict:
        out = {}
        for key, info in model.model_fields.items():
            name, here = prefix + key, (*loc, key)
            self.locs[here] = (name, _label(model, key))
            value = self._value(info.annotation, key, name, here)
            if value is not None:
                out[key] = value
        return out

    def _value(self, annotation, key: str, name: str, loc: tuple):
        kind, optional = _unwrap(annotation)
        if typing.get_origin(kind) is list:
            return self._list(typing.get_args(kind)[0], name, loc)
        if _is_model(kind):
            return self._object(kind, name + ".", loc) if not optional or self._filled(kind, name) else None
        return self._scalar(_leaf_kind(kind, key), name, self.locs[loc][1])

    def _list(self, item, name: str, loc: tuple) -> list:
        out = []
        for i in range(self.rows(name, item)):
            row, lab = f"{name}.{i}", f"{self.locs[loc][1]} baris {i + 1}"
            if _is_model(item) and self._filled(item, row):
                self.locs[(*loc, len(out))] = (row, lab)
                out.append(self._object(item, row + ".", (*loc, len(out))))
            elif not _is_model(item) and (value := self._scalar(_leaf_kind(item, ""), row, lab)) is not None:
                self.locs[(*loc, len(out))] = (row, lab)
                out.append(value)
        return out

    def _filled(self, model, part: str) -> bool:
        """Whether any field of a part that may be left out was given (a prefilled default does not count)."""
        return any(self._given(info, key, f"{part}.{key}") for key, info in model.model_fields.items())

    def _given(self, info, key: str, name: str) -> bool:
        kind, _optional = _unwrap(info.annotation)
        if typing.get_origin(kind) is list:
            item = typing.get_args(kind)[0]
            rows = [f"{name}.{i}" for i in range(self.rows(name, item))]
            return any(self._filled(item, row) if _is_model(item) else self.data.get(row, "").strip() for row in rows)
        if _is_model(kind):
            return self._filled(kind, name)
        if _leaf_kind(kind, key) == "date":
            return any(self.data.get(f"{name}.{p}", "").strip() for p in DATE_PARTS)
        return self.data.get(name, "").strip() not in ("", _default(info))

    def _scalar(self, kind: str, name: str, lab: str):
        if kind == "checkbox":
            return name in self.data
        if kind == "date":
            return self._date(name, lab)
        raw = self.data.get(name, "").strip()
        if not raw:
            return None
        if kind == "number":
            return _number(raw)
        limit = LONG_LIMIT if kind == "textarea" else LINE_LIMIT
        if len(raw) > limit:
            self.errors[name] = too_long(len(raw), limit, lab)
            return None
        return raw

    def _date(self, name: str, lab: str) -> str | None:
        parts = [self.data.get(f"{name}.{p}", "").strip() for p in DATE_PARTS]
        if not any(parts):
            return None
        try:
            return date(int(parts[2]), int(parts[1]), int(parts[0])).isoformat()
        except ValueError:
            self.errors[name] = message({"type": "date_parts"}, lab)
            return None

    def summary(self) -> list[tuple[str, str]]:
        """The error summary's entries: (the anchor of the field, the message with the parts it sits in)."""
        labels = {name: lab for name, lab in self.locs.values() if name}
        out = []
        for name, text in self.errors.items():
            context = [labels[a] for a in sorted(labels, key=len) if name.startswith(a + ".")]
            context = [c for i, c in enumerate(context)  # "Saksi baris 1", not "Saksi › Saksi baris 1"
                       if not context[i + 1:i + 2] or not context[i + 1].startswith(f"{c} baris ")]
            out.append((name.replace(".", "-"), " › ".join([*context, text])))
        return out

    def _add_error(self, error: dict) -> None:
        loc = tuple(error["loc"])
        while loc not in self.locs:
            loc = loc[:-1]
        name, lab = self.locs[loc]
        if name not in self.errors:
            self.errors[name] = message(error, lab)


def _number(raw: str) -> str:
    """Rupiah as officers write them (4.750.000, Rp 4 750 000) become digits; anything else goes to the check."""
    plain = re.sub(r"^rp\.?\s*", "", raw, flags=re.IGNORECASE).replace(".", "").replace(" ", "")
    return plain if re.fullmatch(r"-?\d+", plain) else raw


ACT_DATE = "_on"


def act_date_widget(data: typing.Mapping[str, str] | None, today: date, error: str | None = None) -> Widget:
    """The date of the act itself (not of the payload): today in the office's time zone unless the officer
    records an act done earlier."""
    parts = (dict(zip(DATE_PARTS, (str(today.day), str(today.month), str(today.year)), strict=True)) if data is None
             else {p: data.get(f"{ACT_DATE}.{p}", "") for p in DATE_PARTS})
    return Widget("date", name=ACT_DATE, label="Tanggal tindakan", required=True, value=parts, error=error,
                  hint="hari ini, kecuali tindakan dicatat sesudah dilakukan")


def act_date(data: typing.Mapping[str, str]) -> tuple[date | None, str | None]:
    """The act's date from the form, or an Indonesian message."""
    parts = [data.get(f"{ACT_DATE}.{p}", "").strip() for p in DATE_PARTS]
    if not any(parts):
        return None, message({"type": "missing"}, "Tanggal tindakan")
    try:
        return validation.calendar_date(date(int(parts[2]), int(parts[1]), int(parts[0]))), None
    except ValueError:
        return None, message({"type": "date_parts"}, "Tanggal tindakan")
    except InvalidData as exc:  # a year 0001 or 9999: a typing error, told beside the field as the door would
        return None, message({"type": "value_error", "ctx": {"error": str(exc)}}, "Tanggal tindakan")
