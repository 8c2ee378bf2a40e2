"""Indonesian formatting for documents: dates, rupiah, amounts in words (*terbilang*), periods.

Pure functions over plain values; the document templates use them as Jinja2 filters.
"""

import re
from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from babel.dates import format_date
from babel.numbers import format_decimal
from num2words import num2words

DateLike = date | datetime | str | None

_PERIOD_UNITS = {
    "days": "hari",
    "working_days": "hari kerja",
    "months": "bulan",
    "hours": "jam",
}

_ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")

# num2words writes 1.001.000 as "satu juta satu ribu"; Indonesian says "satu juta seribu"
# (*se-* replaces *satu* before ribu when the thousands group is exactly one).
_SATU_RIBU = re.compile(r"(^|(?:juta|miliar|triliun) )satu ribu\b")


def _as_date(value: DateLike) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value)
    return date.fromisoformat(text) if len(text) == 10 else datetime.fromisoformat(text).date()


def tanggal(value: DateLike) -> str:
    """`2023-09-25` → "25 September 2023"; None → ""."""
    day = _as_date(value)
    return format_date(day, "d MMMM y", locale="id") if day else ""


def hari_tanggal(value: DateLike) -> str:
    """`2023-09-25` → "Senin, 25 September 2023"; None → ""."""
    day = _as_date(value)
    return format_date(day, "EEEE, d MMMM y", locale="id") if day else ""


def hari_dan_tanggal(value: DateLike) -> str:
    """`2023-09-25` → "hari Senin tanggal 25 September 2023" (how a record or a summons names its day); None → ""."""
    day = _as_date(value)
    return format_date(day, "'hari' EEEE 'tanggal' d MMMM y", locale="id") if day else ""


def rupiah(amount: int | Decimal | None) -> str:
    """4750000 → "Rp 4.750.000"; cents only when the amount is not whole rupiah."""
    if amount is None:
        return ""
    value = Decimal(amount)
    pattern = "#,##0" if value == value.to_integral_value() else "#,##0.00"
    sign = "-" if value < 0 else ""
    return f"{sign}Rp {format_decimal(abs(value), pattern, locale='id')}"


def terbilang(n: int | Decimal) -> str:
    """4750000 → "empat juta tujuh ratus lima puluh ribu"."""
    value = Decimal(n)
    number = int(value) if value == value.to_integral_value() else value
    return _SATU_RIBU.sub(r"\1seribu", num2words(number, lang="id"))


def rupiah_terbilang(amount: int | Decimal) -> str:
    """4750000 → "Rp 4.750.000 (empat juta tujuh ratus lima puluh ribu rupiah)"."""
    return f"{rupiah(amount)} ({terbilang(amount)} rupiah)"


def jangka_waktu(n: int, unit: str = "days") -> str:
    """14 → "14 (empat belas) hari"; (3, "working_days") → "3 (tiga) hari kerja"."""
    if unit not in _PERIOD_UNITS:
        raise ValueError(f"unknown period unit {unit!r}; expected one of {sorted(_PERIOD_UNITS)}")
    return f"{n} ({terbilang(n)}) {_PERIOD_UNITS[unit]}"


def bulan_romawi(month: int) -> str:
    """9 → "IX" (the month part of an official letter number)."""
    if not 1 <= int(month) <= 12:
        raise ValueError(f"month must be 1..12, got {month!r}")
    return _ROMAN[int(month) - 1]


def nip(value: str | None) -> str:
    """An 18-digit civil-servant number grouped as printed on letters: "19850312 201001 1 004"."""
    digits = (value or "").replace(" ", "")
    if len(digits) != 18 or not digits.isdigit():
        return value or ""
    return f"{digits[:8]} {digits[8:14]} {digits[14]} {digits[15:]}"


_ZONES = {"Asia/Jakarta": "WIB", "Asia/Pontianak": "WIB", "Asia/Makassar": "WITA", "Asia/Jayapura": "WIT"}


def zona_waktu(tz: str) -> str:
    """An Indonesian time zone's name as printed after a time: "Asia/Makassar" → "WITA" (WIB when unknown)."""
    return _ZONES.get(tz, "WIB")


def tanggal_jam(moment: datetime, tz: str) -> str:
    """An aware moment in an office's time zone: "30 November 2026 pukul 13.40 WIB"."""
    local = moment.astimezone(ZoneInfo(tz))
    return f"{tanggal(local)} pukul {local:%H.%M} {zona_waktu(tz)}"
