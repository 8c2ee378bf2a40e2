"""Identifier formats of Indonesian registries."""

import re

from wasnaker.domain.errors import InvalidData

_DIGITS = re.compile(r"[.\-\s]")


def digits(value: str) -> str:
    return _DIGITS.sub("", value or "")


def nib(value: str) -> str:
    """Nomor Induk Berusaha (OSS): 13 digits."""
    v = digits(value)
    if not re.fullmatch(r"\d{13}", v):
        raise InvalidData(f"malformed NIB {value!r}: an NIB has 13 digits")
    return v


def npwp(value: str) -> str:
    """NPWP: 15 digits (old format, often written 00.000.000.0-000.000) or 16 (NIK-based, from 2024)."""
    v = digits(value)
    if not re.fullmatch(r"\d{15}|\d{16}", v):
        raise InvalidData(f"malformed NPWP {value!r}: an NPWP has 15 or 16 digits")
    return v


def nip(value: str) -> str:
    """Civil-servant number (NIP): 18 digits."""
    v = digits(value)
    if not re.fullmatch(r"\d{18}", v):
        raise InvalidData(f"malformed NIP {value!r}: a NIP has 18 digits")
    return v


_EMAIL = re.compile(r"[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")


def email(value: str) -> str:
    """An address a notice can be sent to (ASCII: internationalised domains are written in their xn-- form)."""
    value = value.strip()
    if not _EMAIL.fullmatch(value):
        raise InvalidData(f"malformed e-mail address {value!r}")
    return value


def nik(value: str) -> str:
    """Nomor Induk Kependudukan (KTP): 16 digits, the first two a province code (11-94)."""
    v = digits(value)
    if not re.fullmatch(r"\d{16}", v) or not 11 <= int(v[:2]) <= 94:
        raise InvalidData(f"malformed NIK {value!r}: a NIK has 16 digits and starts with a province code")
    return v


# Text typed into a record: a single-line field (a name, an address, a title) holds no control character at all
# — a CR/LF would fold an e-mail header or split a listed row, an ESC would drive the officer's terminal; long
# free text (facts, an account) may hold line breaks and nothing else. Bidirectional controls (U+202A–U+202E,
# U+2066–U+2069) reorder what a letter shows, so neither holds them.
SINGLE_LINE_MAX, LONG_TEXT_MAX = 300, 5000
BIDI_CONTROLS = frozenset(chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A)))


def _control(ch: str) -> bool:
    return ord(ch) < 0x20 or 0x7F <= ord(ch) <= 0x9F or ch in BIDI_CONTROLS


def text(value: str, field: str, *, multiline: bool = False) -> str:
    """Text as typed, refused when it holds a control character (a line break is allowed in long text) or is
    longer than the field allows; CR/LF line ends are kept as LF."""
    if multiline:
        value = value.replace("\r\n", "\n")
    limit = LONG_TEXT_MAX if multiline else SINGLE_LINE_MAX
    if len(value) > limit:
        raise InvalidData(f"{field} is {len(value)} characters long; at most {limit}")
    bad = next((ch for ch in value if _control(ch) and not (multiline and ch == "\n")), None)
    if bad is not None:
        kind = "a bidirectional control" if bad in BIDI_CONTROLS else "a control character"
        where = "" if multiline else " (a single line)"
        raise InvalidData(f"{field}{where} holds {kind} (U+{ord(bad):04X}); retype it without")
    return value


def visible(value: str, *, keep: str = "\n\t") -> str:
    """Text safe to print on a terminal or in one line: every control character (bar those in `keep`) shown as
    its code (`\\x1b`, `\\u202e`) instead of acting."""
    return "".join(ch if ch in keep or not _control(ch) else _escape(ch) for ch in value)


def _escape(ch: str) -> str:
    return f"\\x{ord(ch):02x}" if ord(ch) < 0x100 else f"\\u{ord(ch):04x}"


def without_bidi(value: str) -> str:
    """Text with its bidirectional controls removed: a letter prints words in the order they were typed."""
    return value.translate({ord(ch): None for ch in BIDI_CONTROLS})


MAX_NUMBER = 10**15  # Rp 1 kuadriliun: more than any amount, count or number of days a case records


def number(value: int, field: str) -> int:
    """A whole number of the data (rupiah, workers, days) within what a case can hold and a letter can spell."""
    if abs(value) > MAX_NUMBER:
        raise InvalidData(f"{field} {value} is too large (at most {MAX_NUMBER:,})".replace(",", "."))
    return value


def calendar_date(day, field: str = "date"):
    """A date wasnaker can count deadlines around: years 1900-2100 (a birth date is old; a year 0001 or 9999 is a
    typing error)."""
    if not 1900 <= day.year <= 2100:
        raise InvalidData(f"{field} {day.isoformat()} is outside the years 1900-2100")
    return day
