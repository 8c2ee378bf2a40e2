"""The act forms' messages in Indonesian: pydantic's errors on a field, and the door's refusals (which are English,
for the CLI and the log) in a sentence an officer reads, keeping the reason."""

import re

from wasnaker.domain import lifecycle
from wasnaker.domain.errors import CaseChanged, FutureDate, NotFound, TriggerNotAllowed, WasnakerError
from wasnaker.domain.formatting import tanggal
from wasnaker.domain.vocabulary import STATE_LABELS, State

LINE_LIMIT = 300  # characters of a one-line text field
LONG_LIMIT = 5000  # of a long text (facts, summary, an account)

_BY_TYPE = {
    "missing": "{label} wajib diisi",
    "string_too_short": "{label} sekurang-kurangnya {min_length} karakter",
    "string_too_long": "{label} paling banyak {max_length} karakter",
    "too_short": "{label}: isi sekurang-kurangnya {min_length} baris",
    "too_long": "{label}: paling banyak {max_length} baris",
    "greater_than_equal": "{label} tidak boleh kurang dari {ge}",
    "greater_than": "{label} harus lebih dari {gt}",
    "less_than_equal": "{label} tidak boleh lebih dari {le}",
    "int_parsing": "{label} harus berupa bilangan bulat, mis. 4750000",
    "int_from_float": "{label} harus berupa bilangan bulat, mis. 4750000",
    "int_type": "{label} harus berupa bilangan bulat, mis. 4750000",
    "int_parsing_size": "{label} terlalu besar",
    "date_parts": "{label} harus tanggal yang benar: tanggal, bulan dan tahun dengan angka, mis. 27 2 2026",
    "date_parsing": "{label} harus tanggal yang benar",
    "date_from_datetime_parsing": "{label} harus tanggal yang benar",
    "date_type": "{label} harus tanggal yang benar",
    "enum": "Pilih {label} dari daftar",
    "literal_error": "Pilih {label} dari daftar",
    "string_pattern_mismatch": "{label} tidak sesuai format: tulis jam sebagai JJ.MM, mis. 09.00",
    "bool_parsing": "{label} tidak valid",
    "extra_forbidden": "Isian {label} tidak dikenal",
}

# Messages of the payloads' own checks (value errors), translated; `label` is the field's or part's label.
_VALUE_ERRORS = [
    (r"must not be empty", "{label} wajib diisi"),
    (r"malformed NIK", "NIK harus 16 angka dan diawali kode provinsi (11–94)"),
    (r"malformed NIB", "NIB harus 13 angka"),
    (r"either a person or a corporation", "Isi salah satu saja: tersangka orang perseorangan atau korporasi"),
    (r"period_end \S+ is before period_start", "Akhir masa tugas tidak boleh sebelum awal masa tugas"),
    (r"(\d+) workers listed but workers_affected is (\d+)",
     "Pekerja yang dicantumkan ({0}) lebih banyak dari jumlah pekerja terdampak ({1})"),
    (r"amount (\d+) is not the total of the workers' shortfalls \((\d+)\)",
     "Jumlah kekurangan (Rp {0}) tidak sama dengan total kekurangan para pekerja (Rp {1})"),
    (r"give both due and paid", "Isi yang seharusnya dibayar dan yang telah dibayar (kekurangan = selisihnya)"),
    (r"give due and paid \(or the amount\)", "Isi yang seharusnya dibayar dan yang telah dibayar, atau kekurangannya"),
    (r"paid \d+ is not less than due", "Yang telah dibayar tidak kurang dari yang seharusnya: tidak ada kekurangan"),
    (r"amount \d+ is not due − paid", "Kekurangan harus sama dengan yang seharusnya dibayar dikurangi yang dibayar"),
    (r"repeat offence cites the earlier", "Pengulangan pelanggaran harus menyebut surat perkara terdahulu (judul, "
                                          "nomor, tanggal)"),
    (r"needs the person's identity", "Panggilan saksi atau ahli memerlukan identitas orang yang dipanggil"),
    (r"needs the expertise", "Panggilan ahli memerlukan keahliannya"),
    (r"the obligations pay (\d+) but the schedule of workers totals (\d+)",
     "Kewajiban pengusaha (Rp {0}) kurang dari jumlah hak para pekerja (Rp {1})"),
    # the shared checks of every text, number and date (domain/validation.py)
    (r"is (\d+) characters long; at most (\d+)", lambda n, limit, label: too_long(int(n), int(limit), label)),
    (r"holds a bidirectional control \((U\+[0-9A-F]+)\)",
     "{label} memuat karakter pembalik arah teks ({0}) yang mengubah urutan tulisan; ketik ulang tanpa karakter itu"),
    (r"\(a single line\) holds a control character \((U\+[0-9A-F]+)\)",
     "{label} harus satu baris, tanpa baris baru atau karakter kendali ({0})"),
    (r"holds a control character \((U\+[0-9A-F]+)\)",
     "{label} tidak boleh memuat karakter kendali ({0}); baris baru boleh"),
    (r"is too large \(at most ([\d.]+)\)", "{label} terlalu besar: paling banyak {0}"),
    (r"is outside the years (\d+)-(\d+)", "{label} harus pada tahun {0} sampai {1}"),
    (r"malformed NIP", "NIP harus 18 angka"),
    (r"a finding's number is 1 or more", "{label}: nomor temuan dimulai dari 1"),
    (r"malformed NPWP", "NPWP harus 15 atau 16 angka"),
    (r"malformed e-mail", "{label}: alamat pos-el tidak valid"),
]


def message(error: dict, label: str) -> str:
    """One pydantic error (or the form's own `date_parts`) as an Indonesian sentence about the field `label`."""
    kind, ctx = error["type"], error.get("ctx") or {}
    label = label or "Isian"
    if kind == "value_error":
        return value_error(str(ctx.get("error", error.get("msg", ""))), label)
    template = _BY_TYPE.get(kind)
    if template is None:  # pydantic's own words are English: they stay in the log
        return f"{label} tidak valid; periksa kembali isiannya"
    return template.format(label=label, **{k: _plain(v) for k, v in ctx.items()})


def _plain(value):
    return value.value if hasattr(value, "value") else value


def value_error(text: str, label: str) -> str:
    """A payload's or the register's check (English) as an Indonesian sentence about the field `label`."""
    for pattern, template in _VALUE_ERRORS:
        if found := re.search(pattern, text):
            if callable(template):
                return template(*found.groups(), label=label)
            return template.format(*found.groups(), label=label)
    return f"{label} tidak valid; periksa kembali isiannya"  # the English reason stays in the log, not on the page


def too_long(length: int, limit: int, label: str) -> str:
    return f"{label} terlalu panjang: paling banyak {_count(limit)} karakter, yang dikirim {_count(length)} karakter"


def _count(n: int) -> str:
    return f"{n:,}".replace(",", ".")


# the door's refusals of what was typed into one field: told beside it
_DOOR_FIELDS = [
    (r"not inspectors of this office: (.+)", "inspectors", "Bukan Pengawas Ketenagakerjaan kantor ini: {0}"),
    (r"not PPNS: (.+)", "investigators", "Bukan PPNS kantor ini: {0}"),
    (r"no finding number (-?\d+)", "finding_no", "Perkara ini tidak mempunyai temuan nomor {0}"),
]


def _dates(exc: WasnakerError, text: str) -> tuple[str, str] | None:
    """The door's refusals of a date typed into the form: its field and the Indonesian message."""
    if isinstance(exc, FutureDate) and (found := re.match(r"(.+?) (\S+) is in the future \(today is (\S+)", text)):
        what, _value, today = found.groups()
        name = "_on" if what == "date of the act" else what
        return name, f"Tanggal tidak boleh sesudah hari ini ({tanggal(today)})"
    if re.match(r"date of the act \S+ is outside the years 1900-2100", text):
        return "_on", "Tahun tanggal tindakan harus di antara 1900 dan 2100"
    if found := re.match(r"date of the act \S+ is before the case's last recorded act \((\S+)\)", text):
        return "_on", f"Tanggal tindakan tidak boleh sebelum tindakan terakhir perkara ini ({tanggal(found[1])})"
    if found := re.search(r"received_on (\S+) is before the letter's date (\S+)", text):
        return "received_on", f"Tanggal terima tidak boleh sebelum tanggal surat ({tanggal(found[2])})"
    return None


def refusal(exc: WasnakerError) -> tuple[str, str]:
    """(the form field the door's refusal concerns, or "" for the whole act; the Indonesian message)."""
    text = str(exc)
    if isinstance(exc, CaseChanged):
        return "", _case_changed(text)
    if dated := _dates(exc, text):
        return dated
    if isinstance(exc, NotFound) and (found := re.match(r"unknown company with NIB '(\d+)'", text)):
        return "company_nib", f"Perusahaan dengan NIB {found[1]} belum terdaftar; daftarkan dulu di menu Perusahaan"
    for pattern, name, template in _DOOR_FIELDS:
        if found := re.search(pattern, text):
            return name, template.format(*found.groups())
    if isinstance(exc, TriggerNotAllowed):
        return "", _not_allowed(text)
    if exc.indonesian:
        return "", f"Tindakan ditolak: {exc.indonesian}."
    return "", f"Tindakan ditolak: {text}"


RELOAD = "muat ulang halaman perkara, lalu periksa kembali sebelum mencoba lagi."


def _case_changed(text: str) -> str:
    by = _by(text)
    return f"Perkara ini baru saja diubah{' oleh ' + by if by else ''} — {RELOAD}"


def _not_allowed(text: str) -> str:
    """The door's 'not allowed in state' in the officer's words: the case's stage now, and who moved it there (an
    officer who raced another to the case learns what happened)."""
    found = re.search(r"is not allowed in state (\w+)", text)
    if not found or found[1] not in State.__members__:
        return f"Tindakan ditolak: tindakan ini tidak tersedia pada tahap perkara sekarang ({text})."
    return f"Tindakan ditolak: tindakan ini tidak tersedia untuk perkara dalam tahap {STATE_LABELS[State(found[1])]}." \
           + last_changed(text)


def last_changed(text: str) -> str:
    """" Perkara ini terakhir diubah oleh budi (Nota Pemeriksaan I …, 2026-11-23 10:00 WIB) — muat ulang …" from
    the door's " by budi (issue_nota_1 at …)", or "" when the text names no act."""
    by = _by(text)
    return f" Perkara ini terakhir diubah oleh {by} — {RELOAD}" if by else ""


def _by(text: str) -> str:
    """"budi (<the act's Indonesian description>, <when>)" from the door's " by budi (issue_nota_1 at <when>)"."""
    found = re.search(r" by (\S+) \((\S+) at ([^)]+)\)", text)
    if not found:
        return ""
    actor, trigger, at = found.groups()
    what = next((t.description for t in lifecycle.TRANSITIONS if t.trigger == trigger), trigger)
    return f"{actor} ({what}, {at})"
