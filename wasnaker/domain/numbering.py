"""Official-letter numbers: <classification>/<sequence>/<kind code>/<unit code>/<month in Roman numerals>/<year>."""

from datetime import date

_ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")


def month_roman(month: int) -> str:
    return _ROMAN[month - 1]


def format_number(pattern: str, *, seq: int, unit: str, on: date, classification: str,
                  confidential: bool, code: str = "") -> str:
    return pattern.format(
        prefix="R." if confidential else "", classification=classification, seq=seq, unit=unit, code=code,
        month_roman=month_roman(on.month), month=on.month, year=on.year,
    )
