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
