"""Tests of gpai_cases.cases.deadlines, the counting rules of Reg. 1182/71: holidays and working
days, periods, and how days are written. The AI Act's deadlines and the properties that hold for
every date: test_deadlines.py.

Plain pytest, no Django, no database.
"""

from __future__ import annotations

from datetime import date

import pytest

from gpai_cases.cases.deadlines import (
    ComputedDate,
    add_months,
    default_holidays,
    format_date,
    format_day,
    format_day_long,
    is_working_day,
    next_working_day,
    period_end,
    period_for_acting,
)

from .deadline_helpers import holidays

# --------------------------------------------------------------------------------------------------
# Formatting and ComputedDate
# --------------------------------------------------------------------------------------------------


def test_format_day_is_short_english():
    assert format_day(date(2026, 3, 2)) == "Mon 2 Mar 2026"


def test_format_day_long_is_long_english():
    assert format_day_long(date(2026, 3, 2)) == "Monday 2 March 2026"


def test_computed_date_str_is_the_iso_date():
    assert str(ComputedDate(date(2026, 1, 5), "rule")) == "2026-01-05"


def test_computed_date_is_frozen():
    computed = ComputedDate(date(2026, 1, 5), "rule")
    with pytest.raises(AttributeError):
        computed.value = date(2026, 1, 6)  # type: ignore[misc]


def test_days_are_written_in_english_with_and_without_the_weekday():
    assert format_date(date(2026, 3, 2)) == "2 March 2026"
    assert format_day_long(date(2026, 3, 2)) == "Monday 2 March 2026"
    assert format_day(date(2026, 3, 2)) == "Mon 2 Mar 2026"


# --------------------------------------------------------------------------------------------------
# Holidays and working days
# --------------------------------------------------------------------------------------------------


def test_default_holidays_2026_follow_the_commission_pattern():
    days = [day for day, _ in default_holidays(2026)]
    assert days == [
        date(2026, 1, 1),
        date(2026, 1, 2),
        date(2026, 4, 2),  # Maundy Thursday (Easter is 5 April 2026)
        date(2026, 4, 3),  # Good Friday
        date(2026, 4, 6),  # Easter Monday
        date(2026, 5, 1),
        date(2026, 5, 9),
        date(2026, 5, 14),  # Ascension
        date(2026, 5, 15),  # the Friday after
        date(2026, 5, 25),  # Whit Monday
        date(2026, 7, 21),
        date(2026, 8, 15),
        date(2026, 11, 1),
        date(2026, 11, 2),
        *[date(2026, 12, day) for day in range(24, 32)],
    ]


def test_default_holidays_have_english_names():
    names = dict(default_holidays(2026))
    assert names[date(2026, 5, 9)] == "Europe Day"
    assert names[date(2026, 4, 3)] == "Good Friday"
    assert names[date(2026, 5, 25)] == "Whit Monday"


def test_default_holidays_merge_names_when_ascension_falls_on_1_may():
    # Easter 2008 was 23 March: Ascension Thursday 1 May 2008
    entries = default_holidays(2008)
    assert len({day for day, _ in entries}) == len(entries)
    assert dict(entries)[date(2008, 5, 1)] == "Labour Day / Ascension Day"


def test_weekends_and_holidays_are_not_working_days():
    hols = holidays(2026)
    assert is_working_day(date(2026, 3, 2), hols)  # Monday
    assert not is_working_day(date(2026, 2, 28), hols)  # Saturday
    assert not is_working_day(date(2026, 3, 1), hols)  # Sunday
    assert not is_working_day(date(2026, 5, 1), hols)  # Friday, Labour Day


def test_next_working_day_is_the_day_itself_when_working():
    assert next_working_day(date(2026, 3, 2), holidays(2026)) == date(2026, 3, 2)


def test_next_working_day_accepts_a_list_of_holidays():
    assert next_working_day(date(2026, 4, 2), list(holidays(2026))) == date(2026, 4, 7)


# --------------------------------------------------------------------------------------------------
# Periods
# --------------------------------------------------------------------------------------------------


def test_add_months_keeps_the_date_or_takes_the_last_day_of_the_month():
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert add_months(date(2028, 1, 31), 1) == date(2028, 2, 29)
    assert add_months(date(2026, 1, 15), 6) == date(2026, 7, 15)
    assert add_months(date(2026, 11, 30), 3) == date(2027, 2, 28)
    assert add_months(date(2026, 3, 31), -1) == date(2026, 2, 28)


def test_period_end_does_not_count_the_event_day():
    start = date(2026, 3, 2)
    assert period_end(start, days=1) == date(2026, 3, 3)
    assert period_end(start, days=10) == date(2026, 3, 12)
    assert period_end(start, weeks=2) == date(2026, 3, 16)
    assert period_end(start, months=1) == date(2026, 4, 2)
    assert period_end(date(2026, 8, 31), months=6) == date(2027, 2, 28)


@pytest.mark.parametrize(
    "kwargs", [{}, {"days": 1, "weeks": 1}, {"days": -3}, {"weeks": 1, "months": 1}]
)
def test_period_end_needs_exactly_one_non_negative_unit(kwargs):
    with pytest.raises(ValueError):
        period_end(date(2026, 3, 2), **kwargs)


def test_period_for_acting_ending_on_a_working_day_is_not_moved():
    due = period_for_acting(date(2026, 3, 2), days=11, holidays=holidays(2026), label="Test rule")
    assert due.value == date(2026, 3, 13)
    assert (
        due.rule == "11 days after Mon 2 Mar 2026 (Test rule; Reg. 1182/71 Art 3) = Fri 13 Mar 2026"
    )


def test_period_rule_writes_small_numbers_in_words():
    due = period_for_acting(date(2026, 3, 2), days=10, holidays=holidays(2026), label="Test rule")
    assert str(due.rule).startswith("Ten days after Mon 2 Mar 2026")


def test_period_of_two_days_contains_at_least_two_working_days():
    # Thu 2 Apr 2026 + 2 days = Sat 4 Apr; next working day Tue 7 Apr (Easter Monday 6 Apr), which
    # is the only working day in 3..7 Apr (Good Friday 3 Apr) → extended to Wed 8 Apr.
    due = period_for_acting(date(2026, 4, 2), days=2, holidays=holidays(2026), label="Test")
    assert due.value == date(2026, 4, 8)
    assert "at least two working days" in due.rule


def test_period_of_one_day_needs_only_one_working_day():
    due = period_for_acting(date(2026, 4, 2), days=1, holidays=holidays(2026), label="Test")
    assert due.value == date(2026, 4, 7)


def test_period_in_months_ending_on_a_missing_date_takes_the_month_end_then_shifts():
    due = period_for_acting(date(2025, 8, 31), months=6, holidays=holidays(2026), label="Test")
    # 28 Feb 2026 is a Saturday → Mon 2 Mar 2026
    assert due.value == date(2026, 3, 2)
    assert "last day of the month" in due.rule
