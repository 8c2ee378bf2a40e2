"""Official-letter numbers: <classification>/<sequence>/<kind code>/<unit code>/<month in Roman numerals>/<year>."""

from datetime import date

from wasnaker.domain.formatting import bulan_romawi


def format_number(pattern: str, *, seq: int, unit: str, on: date, classification: str,
                  confidential: bool, code: str = "", ppns_unit: str = "") -> str:
    return pattern.format(
        prefix="R." if confidential else "", classification=classification, seq=seq, unit=unit, code=code,
        ppns_unit=ppns_unit or f"PPNS-{unit}",
        month_roman=bulan_romawi(on.month), month=on.month, year=on.year,
    )
