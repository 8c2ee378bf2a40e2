"""Legal calendar: hari vs hari kerja, roll-forward, expiry in office time zones, reminders.

Holiday dates below are as the ``holidays`` package reports them for Indonesia
(categories public + government, the latter being cuti bersama).
"""

from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from wasnaker.domain.calendar import (
    DAY_UNIT_LABELS,
    DayUnit,
    DeadlineRule,
    LegalCalendar,
    due_date,
    expiry_moment,
    indonesian_calendar,
    is_expired,
    reminder_date,
)


@pytest.fixture(scope="module")
def cal() -> LegalCalendar:
    return indonesian_calendar()


def days(n: int, roll_forward: bool) -> DeadlineRule:
    return DeadlineRule(length=n, unit=DayUnit.days, roll_forward=roll_forward)


def working_days(n: int) -> DeadlineRule:
    return DeadlineRule(length=n, unit=DayUnit.working_days, roll_forward=True)


# --- the national calendar --------------------------------------------------------------------


@pytest.mark.parametrize(
    "day",
    [
        date(2025, 3, 31),  # Idul Fitri
        date(2025, 4, 1),  # Idul Fitri, second day
        date(2025, 4, 2),  # cuti bersama Idul Fitri
        date(2025, 4, 7),  # cuti bersama Idul Fitri
        date(2026, 3, 18),  # cuti bersama Nyepi
        date(2026, 3, 19),  # Nyepi
        date(2026, 3, 20),  # cuti bersama Idul Fitri
        date(2026, 3, 23),  # cuti bersama Idul Fitri
        date(2026, 3, 24),  # cuti bersama Idul Fitri
        date(2025, 12, 26),  # cuti bersama Natal
        date(2026, 1, 1),  # Tahun Baru
        date(2026, 3, 14),  # plain Saturday
        date(2026, 3, 15),  # plain Sunday
    ],
)
def test_non_working_days(cal: LegalCalendar, day: date) -> None:
    assert not cal.is_working_day(day)


@pytest.mark.parametrize("day", [date(2026, 3, 17), date(2026, 3, 25), date(2025, 4, 8)])
def test_ordinary_weekdays_are_working_days(cal: LegalCalendar, day: date) -> None:
    assert cal.is_working_day(day)


def test_default_window_reaches_2020_and_2035(cal: LegalCalendar) -> None:
    assert date(2020, 8, 17) in cal.holidays  # Monday, Hari Kemerdekaan
    assert not cal.is_working_day(date(2035, 1, 1))  # Monday, Tahun Baru


def test_holiday_names(cal: LegalCalendar) -> None:
    assert cal.holiday_name(date(2026, 3, 20)) == "Cuti Bersama Hari Raya Idul Fitri"
    assert cal.holiday_name(date(2025, 3, 31)) == "Hari Raya Idul Fitri"
    assert cal.holiday_name(date(2026, 3, 14)) is None  # a weekend is not a holiday
    assert cal.holiday_name(date(2026, 3, 25)) is None


def test_next_working_day(cal: LegalCalendar) -> None:
    assert cal.next_working_day(date(2026, 3, 25)) == date(2026, 3, 25)
    assert cal.next_working_day(date(2026, 3, 18)) == date(2026, 3, 25)


def test_day_unit_labels() -> None:
    assert DAY_UNIT_LABELS == {DayUnit.days: "hari", DayUnit.working_days: "hari kerja"}


# --- calendar-day counting (start day is day 0) ------------------------------------------------


def test_calendar_days_count_from_the_day_after_start(cal: LegalCalendar) -> None:
    assert due_date(date(2026, 3, 12), days(3, roll_forward=False), cal) == date(2026, 3, 15)


def test_calendar_days_across_month_end(cal: LegalCalendar) -> None:
    assert due_date(date(2026, 1, 25), days(10, roll_forward=False), cal) == date(2026, 2, 4)


def test_calendar_days_across_year_end(cal: LegalCalendar) -> None:
    assert due_date(date(2025, 12, 20), days(14, roll_forward=False), cal) == date(2026, 1, 3)


def test_zero_calendar_days_is_the_start_day(cal: LegalCalendar) -> None:
    assert due_date(date(2026, 3, 12), days(0, roll_forward=True), cal) == date(2026, 3, 12)


# --- roll_forward -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "n", "lands_on", "rolled_to"),
    [
        # Sunday 15 March 2026 -> Monday 16 March
        (date(2026, 3, 12), 3, date(2026, 3, 15), date(2026, 3, 16)),
        # Saturday 3 January 2026 -> Monday 5 January
        (date(2025, 12, 20), 14, date(2026, 1, 3), date(2026, 1, 5)),
        # national holiday: Labour Day, Friday 1 May 2026 -> Monday 4 May
        (date(2026, 4, 17), 14, date(2026, 5, 1), date(2026, 5, 4)),
        # cuti bersama Friday 26 December 2025 -> Monday 29 December
        (date(2025, 12, 12), 14, date(2025, 12, 26), date(2025, 12, 29)),
        # cuti bersama Wed 18 March 2026, then Nyepi, cuti bersama, Idul Fitri weekend and two
        # more cuti bersama days -> Wednesday 25 March
        (date(2026, 3, 4), 14, date(2026, 3, 18), date(2026, 3, 25)),
    ],
)
def test_roll_forward_to_next_working_day(
    cal: LegalCalendar, start: date, n: int, lands_on: date, rolled_to: date
) -> None:
    assert due_date(start, days(n, roll_forward=True), cal) == rolled_to
    assert due_date(start, days(n, roll_forward=False), cal) == lands_on


def test_roll_forward_leaves_a_working_day_alone(cal: LegalCalendar) -> None:
    # Thursday 12 March 2026 + 5 = Tuesday 17 March, an ordinary working day.
    assert due_date(date(2026, 3, 12), days(5, roll_forward=True), cal) == date(2026, 3, 17)


# --- working days -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        # Idul Fitri 2025: 28 Mar cuti bersama Nyepi, 31 Mar-1 Apr Idul Fitri, 2-4 and 7 Apr cuti
        # bersama -> after Thursday 27 March the next working day is Tuesday 8 April.
        (date(2025, 3, 27), 1, date(2025, 4, 8)),
        (date(2025, 3, 26), 3, date(2025, 4, 9)),
        # Idul Fitri 2026: 18 cuti bersama, 19 Nyepi, 20 cuti bersama, 21-22 Idul Fitri
        # (weekend), 23-24 cuti bersama -> after Tuesday 17 March the next is Wednesday 25 March.
        (date(2026, 3, 17), 1, date(2026, 3, 25)),
        (date(2026, 3, 16), 5, date(2026, 3, 30)),
        # New year: 25 Dec Natal, 26 Dec cuti bersama, weekend, 29-31 Dec, 1 Jan Tahun Baru.
        (date(2025, 12, 24), 3, date(2025, 12, 31)),
        (date(2025, 12, 24), 5, date(2026, 1, 5)),
        # Plain weekend: Friday 13 March 2026 + 1 -> Monday 16 March.
        (date(2026, 3, 13), 1, date(2026, 3, 16)),
    ],
)
def test_add_working_days(cal: LegalCalendar, start: date, n: int, expected: date) -> None:
    assert cal.add_working_days(start, n) == expected
    assert due_date(start, working_days(n), cal) == expected


def test_zero_working_days_is_the_start_day(cal: LegalCalendar) -> None:
    assert cal.add_working_days(date(2026, 3, 21), 0) == date(2026, 3, 21)
    assert cal.subtract_working_days(date(2026, 3, 21), 0) == date(2026, 3, 21)


def test_zero_working_days_rule_rolls_a_holiday_start(cal: LegalCalendar) -> None:
    assert due_date(date(2026, 3, 21), working_days(0), cal) == date(2026, 3, 25)


# --- office closures --------------------------------------------------------------------------


def test_office_closures_are_not_working_days() -> None:
    plain = indonesian_calendar()
    closed = indonesian_calendar(closures=[date(2026, 3, 26)])
    assert plain.add_working_days(date(2026, 3, 17), 2) == date(2026, 3, 26)
    assert closed.add_working_days(date(2026, 3, 17), 2) == date(2026, 3, 27)
    assert not closed.is_working_day(date(2026, 3, 26))
    assert closed.holiday_name(date(2026, 3, 26)) == "Penutupan kantor"


def test_office_closures_change_the_calendar_name() -> None:
    assert indonesian_calendar().name == "ID-public+government"
    assert indonesian_calendar(closures=[date(2026, 3, 26)]).name == "ID-public+government+office"


def test_explicit_years_limit_the_holidays() -> None:
    only_2026 = indonesian_calendar(years=[2026])
    assert date(2026, 3, 20) in only_2026.holidays
    assert date(2025, 3, 31) not in only_2026.holidays


# --- expiry at the end of the due date in the office time zone --------------------------------


@pytest.mark.parametrize(
    ("tz", "expected"),
    [
        ("Asia/Jakarta", datetime(2026, 3, 15, 17, 0, tzinfo=UTC)),  # WIB, UTC+7
        ("Asia/Makassar", datetime(2026, 3, 15, 16, 0, tzinfo=UTC)),  # WITA, UTC+8
        ("Asia/Jayapura", datetime(2026, 3, 15, 15, 0, tzinfo=UTC)),  # WIT, UTC+9
    ],
)
def test_expiry_moment_is_midnight_after_due_in_office_zone(tz: str, expected: datetime) -> None:
    moment = expiry_moment(date(2026, 3, 15), tz)
    assert moment == expected
    assert moment.utcoffset() == timedelta(0)


def test_is_expired_just_before_and_at_the_end_of_the_due_date() -> None:
    due = date(2026, 3, 15)
    assert not is_expired(due, "Asia/Jakarta", datetime(2026, 3, 15, 16, 59, 59, tzinfo=UTC))
    assert is_expired(due, "Asia/Jakarta", datetime(2026, 3, 15, 17, 0, tzinfo=UTC))
    # The same instant is still before the deadline for an office in Jakarta but after it in
    # Jayapura, two hours ahead.
    wib = timezone(timedelta(hours=7))
    late_evening_wib = datetime(2026, 3, 15, 23, 30, tzinfo=wib)
    assert not is_expired(due, "Asia/Jakarta", late_evening_wib)
    assert is_expired(due, "Asia/Jayapura", late_evening_wib)


def test_is_expired_rejects_naive_now() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        is_expired(date(2026, 3, 15), "Asia/Jakarta", datetime(2026, 3, 16))


# --- reminders --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("due", "expected"),
    [
        # Thursday 19 Feb 2026: 18 Feb, then 17 (Imlek) and 16 (cuti bersama) and the weekend
        # are skipped -> 13 Feb, 12 Feb.
        (date(2026, 2, 19), date(2026, 2, 12)),
        # Wednesday 25 March 2026: 17 and 16 March, weekend, 13 March.
        (date(2026, 3, 25), date(2026, 3, 13)),
        # Monday 5 January 2026: 2 Jan, (1 Jan holiday), 31 Dec, 30 Dec.
        (date(2026, 1, 5), date(2025, 12, 30)),
    ],
)
def test_reminder_three_working_days_before(cal: LegalCalendar, due: date, expected: date) -> None:
    assert reminder_date(due, 3, cal) == expected


# --- rule descriptions and validation ---------------------------------------------------------


def test_describe() -> None:
    assert days(14, roll_forward=True).describe() == (
        "14 hari kalender sejak hari berikutnya; digeser ke hari kerja berikutnya"
    )
    assert "tidak digeser" in days(14, roll_forward=False).describe()
    assert working_days(7).describe() == "7 hari kerja sejak hari berikutnya"


def test_rule_accepts_unit_as_plain_string() -> None:
    rule = DeadlineRule(length=3, unit="working_days", roll_forward=False)  # type: ignore[arg-type]
    assert rule.unit is DayUnit.working_days


def test_negative_lengths_raise(cal: LegalCalendar) -> None:
    with pytest.raises(ValueError, match="negative"):
        DeadlineRule(length=-1, unit=DayUnit.days, roll_forward=True)
    with pytest.raises(ValueError, match="negative"):
        cal.add_working_days(date(2026, 3, 12), -1)
    with pytest.raises(ValueError, match="negative"):
        cal.subtract_working_days(date(2026, 3, 12), -1)
    with pytest.raises(ValueError, match="negative"):
        reminder_date(date(2026, 3, 12), -3, cal)
