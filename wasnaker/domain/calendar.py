"""Legal calendar: counting *hari* and *hari kerja* for statutory deadlines.

Pure domain module (stdlib + ``holidays`` only). Rules, from the product spec:

* *hari* are calendar days; *hari kerja* are working days, i.e. not Saturday, not Sunday,
  not a national public holiday, not *cuti bersama* and not an office closure.
* The start day is day 0: N *hari* from 12 March fall due on 12 + N; N *hari kerja* fall due on
  the N-th working day strictly after the start day.
* Whether a due date on a non-working day rolls to the next working day is the rule's
  ``roll_forward`` flag (policy decides: yes for company deadlines, no for criminal procedure).
* A deadline runs to the END of the due date in the office's time zone.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from functools import lru_cache
from types import MappingProxyType
from zoneinfo import ZoneInfo

import holidays as holidays_pkg

_ONE_DAY = timedelta(days=1)
# "government" is the category the holidays package uses for Indonesian cuti bersama.
_CATEGORIES = ("public", "government")
_BASE_NAME = "ID-public+government"
# Wide enough for open cases and their archives; the package only publishes cuti bersama for
# years already decreed (SKB), and later Islamic holidays are estimates ("perkiraan").
DEFAULT_YEARS = range(2020, 2036)
OFFICE_CLOSURE_NAME = "Penutupan kantor"


class DayUnit(StrEnum):
    days = "days"
    working_days = "working_days"


DAY_UNIT_LABELS: dict[DayUnit, str] = {
    DayUnit.days: "hari",
    DayUnit.working_days: "hari kerja",
}


def _require_non_negative(value: int, what: str) -> None:
    if value < 0:
        raise ValueError(f"{what} must not be negative (got {value})")


@lru_cache(maxsize=32)
def _national_holidays(years: tuple[int, ...]) -> Mapping[date, str]:
    """Indonesian public holidays and cuti bersama for ``years``, names in Indonesian."""
    found = holidays_pkg.country_holidays("ID", years=years, categories=_CATEGORIES, language="id")
    return MappingProxyType(dict(found))


@dataclass(frozen=True)
class LegalCalendar:
    """Which days count as *hari kerja* for one office."""

    name: str
    holidays: frozenset[date]
    closures: frozenset[date] = frozenset()

    def is_working_day(self, day: date) -> bool:
        """False on weekends, national holidays, cuti bersama and office closures."""
        return day.weekday() < 5 and day not in self.holidays and day not in self.closures

    def next_working_day(self, day: date) -> date:
        """``day`` itself if it is a working day, otherwise the first working day after it."""
        while not self.is_working_day(day):
            day += _ONE_DAY
        return day

    def add_working_days(self, start: date, n: int) -> date:
        """The ``n``-th working day strictly after ``start`` (``start`` itself when ``n == 0``)."""
        _require_non_negative(n, "number of working days")
        return self._step_working_days(start, n, _ONE_DAY)

    def subtract_working_days(self, due: date, n: int) -> date:
        """The ``n``-th working day strictly before ``due`` (``due`` itself when ``n == 0``)."""
        _require_non_negative(n, "number of working days")
        return self._step_working_days(due, n, -_ONE_DAY)

    def holiday_name(self, day: date) -> str | None:
        """Name of the holiday or closure on ``day``; None for working days and plain weekends."""
        if day in self.holidays:
            return _national_holidays((day.year,)).get(day, "Hari libur")
        if day in self.closures:
            return OFFICE_CLOSURE_NAME
        return None

    def _step_working_days(self, day: date, n: int, step: timedelta) -> date:
        remaining = n
        while remaining:
            day += step
            if self.is_working_day(day):
                remaining -= 1
        return day


def indonesian_calendar(
    years: Iterable[int] | None = None, closures: Iterable[date] = ()
) -> LegalCalendar:
    """The national calendar (public holidays + cuti bersama) plus optional office closures.

    ``years`` defaults to ``DEFAULT_YEARS``; days outside the chosen years are treated as having
    no holidays, so pass the years you need if they fall outside that window.
    """
    wanted = tuple(sorted(set(DEFAULT_YEARS if years is None else years)))
    if not wanted:
        raise ValueError("years must not be empty")
    office = frozenset(closures)
    return LegalCalendar(
        name=f"{_BASE_NAME}+office" if office else _BASE_NAME,
        holidays=frozenset(_national_holidays(wanted)),
        closures=office,
    )


@dataclass(frozen=True)
class DeadlineRule:
    """A statutory period: ``length`` days of ``unit``, optionally rolled to a working day."""

    length: int
    unit: DayUnit
    roll_forward: bool

    def __post_init__(self) -> None:
        _require_non_negative(self.length, "deadline length")
        # Accept plain strings (e.g. from the database) but reject unknown units early.
        object.__setattr__(self, "unit", DayUnit(self.unit))

    def describe(self) -> str:
        """Short Indonesian description, e.g. for documents and the timer list."""
        if self.unit is DayUnit.working_days:
            # A count of working days always ends on a working day, so rolling is moot.
            return f"{self.length} hari kerja sejak hari berikutnya"
        if self.roll_forward:
            rolling = "digeser ke hari kerja berikutnya"
        else:
            rolling = "tidak digeser bila jatuh pada hari libur"
        return f"{self.length} hari kalender sejak hari berikutnya; {rolling}"


def due_date(start: date, rule: DeadlineRule, calendar: LegalCalendar) -> date:
    """The last day of the period that starts on ``start`` (day 0)."""
    if rule.unit is DayUnit.working_days:
        due = calendar.add_working_days(start, rule.length)
    else:
        due = start + timedelta(days=rule.length)
    return calendar.next_working_day(due) if rule.roll_forward else due


def expiry_moment(due: date, tz: str) -> datetime:
    """The instant the period ends: midnight after ``due`` in office time zone ``tz``, in UTC."""
    midnight = datetime.combine(due + _ONE_DAY, time(0), tzinfo=ZoneInfo(tz))
    return midnight.astimezone(UTC)


def is_expired(due: date, tz: str, now: datetime) -> bool:
    """True once ``now`` (timezone-aware) has reached the end of ``due`` in ``tz``."""
    if now.tzinfo is None or now.utcoffset() is None:
        raise ValueError("now must be timezone-aware")
    return now >= expiry_moment(due, tz)


def reminder_date(due: date, working_days_before: int, calendar: LegalCalendar) -> date:
    """The ``working_days_before``-th working day before ``due`` ("3 hari kerja sebelum")."""
    _require_non_negative(working_days_before, "working days before due")
    return calendar.subtract_working_days(due, working_days_before)
