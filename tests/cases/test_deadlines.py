"""Tests of gpai_cases.cases.deadlines: the AI Act's deadlines (notification, requests for
information, reassessment, open source, the assessment clock), and the properties that hold for
every date (`make fuzz` explores those). Reg. 1182/71 counting itself: test_periods.py.

Plain pytest, no Django, no database. The worked examples are those of DOMAIN.md ("Worked
examples").
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gpai_cases.cases.deadlines import (
    add_months,
    assessment_days_used,
    days_left,
    default_holidays,
    due_in_words,
    earliest_reassessment,
    is_late,
    is_working_day,
    notification_due,
    open_source_notified_after_release,
    period_for_acting,
    reassessment_refusal,
    rfi_due,
)

from .deadline_helpers import holiday_names, holidays

# Default holidays of every year the property tests can reach.
ALL_HOLIDAYS = holidays(*range(1999, 2102))
dates = st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 12, 31))


# --------------------------------------------------------------------------------------------------
# Worked examples of DOMAIN.md
# --------------------------------------------------------------------------------------------------


def test_notification_due_two_weeks_after_christmas_eve_is_a_working_wednesday():
    assert notification_due(date(2025, 12, 24), holidays(2025, 2026)).value == date(2026, 1, 7)


def test_notification_due_on_a_saturday_moves_to_next_working_day():
    # Sat 14 Feb 2026 + two weeks = Sat 28 Feb 2026 → Mon 2 Mar 2026
    due = notification_due(date(2026, 2, 14), holidays(2026))
    assert due.value == date(2026, 3, 2)
    assert "Sat 28 Feb 2026, a Saturday → next working day: Mon 2 Mar 2026" in due.rule


def test_notification_submitted_after_the_due_date_is_late():
    due = notification_due(date(2026, 3, 2), holidays(2026))
    assert due.value == date(2026, 3, 16)
    assert is_late(due.value, date(2026, 3, 20)) is True


def test_notification_submitted_on_the_due_date_is_not_late():
    assert is_late(date(2026, 3, 16), date(2026, 3, 16)) is False
    assert is_late(date(2026, 3, 16), date(2026, 3, 15)) is False


def test_notification_due_on_new_years_eve_skips_the_holidays_and_the_weekend():
    # 17 Dec 2025 + 14 = Wed 31 Dec 2025 (holiday); 1-2 Jan holidays; 3-4 Jan weekend → Mon 5 Jan
    due = notification_due(date(2025, 12, 17), holidays(2025, 2026))
    assert due.value == date(2026, 1, 5)
    assert due.rule == (
        "Two weeks after Wed 17 Dec 2025 (Art 52(1) AI Act; Reg. 1182/71 Art 3) = Wed 31 Dec 2025,"
        " a public holiday → next working day: Mon 5 Jan 2026"
    )


def test_notification_due_rule_names_the_holiday_when_given_names():
    due = notification_due(date(2025, 12, 17), holiday_names(2025, 2026))
    assert due.value == date(2026, 1, 5)
    assert "a public holiday (New Year's Eve)" in due.rule


def test_earliest_reassessment_after_31_january_is_1_august():
    assert earliest_reassessment(date(2026, 1, 31)).value == date(2026, 8, 1)


def test_earliest_reassessment_when_six_months_end_on_28_february_is_1_march():
    earliest = earliest_reassessment(date(2025, 8, 29))
    assert earliest.value == date(2026, 3, 1)
    assert "end on Sat 28 Feb 2026" in earliest.rule


def test_earliest_reassessment_after_31_march_is_1_october():
    assert earliest_reassessment(date(2026, 3, 31)).value == date(2026, 10, 1)


def test_earliest_reassessment_after_a_decision_to_maintain_is_six_months_and_a_day_later():
    assert earliest_reassessment(date(2026, 9, 15)).value == date(2027, 3, 16)


def test_reassessment_requested_too_early_is_refused_with_the_rule_and_the_date():
    earliest = earliest_reassessment(date(2026, 9, 15))
    message = reassessment_refusal(earliest, date(2027, 3, 10))
    assert message is not None
    assert message.startswith("A reassessment may be requested from Tue 16 Mar 2027 (")
    assert "Art 52(5) AI Act" in message
    assert "Wed 10 Mar 2027" in message


def test_reassessment_requested_on_or_after_the_earliest_date_is_not_refused():
    earliest = earliest_reassessment(date(2026, 9, 15))
    assert reassessment_refusal(earliest, date(2027, 3, 16)) is None
    assert reassessment_refusal(earliest, date(2027, 6, 1)) is None


# --------------------------------------------------------------------------------------------------
# Requests for information and the reassessment waiting period
# --------------------------------------------------------------------------------------------------


def test_rfi_due_counts_a_period_for_acting_in_days():
    due = rfi_due(date(2026, 3, 2), 14, holidays(2026))
    assert due.value == date(2026, 3, 16)
    assert "request for information" in due.rule


def test_rfi_due_over_christmas_moves_past_the_holidays():
    assert rfi_due(date(2025, 12, 22), 2, holidays(2025, 2026)).value == date(2026, 1, 5)


def test_rfi_due_refuses_a_period_of_zero_days():
    with pytest.raises(ValueError):
        rfi_due(date(2026, 3, 2), 0, holidays(2026))


def test_earliest_reassessment_does_not_shift_to_a_working_day_by_default():
    # 1 Aug 2026 is a Saturday: a waiting period is not moved
    assert earliest_reassessment(date(2026, 1, 31), holidays=holidays(2026)).value == date(
        2026, 8, 1
    )


def test_earliest_reassessment_shifts_to_a_working_day_when_the_setting_is_on():
    earliest = earliest_reassessment(
        date(2026, 1, 31), shift_to_working_day=True, holidays=holidays(2026)
    )
    assert earliest.value == date(2026, 8, 3)
    assert "a Saturday → next working day (setting): Mon 3 Aug 2026" in earliest.rule


def test_earliest_reassessment_with_another_number_of_months():
    assert earliest_reassessment(date(2026, 1, 31), months=1).value == date(2026, 3, 1)


# --------------------------------------------------------------------------------------------------
# Rule 8: open source
# --------------------------------------------------------------------------------------------------


def test_open_source_notified_before_release_is_not_flagged():
    assert open_source_notified_after_release(date(2026, 6, 1), date(2026, 5, 31)) is False


def test_open_source_notified_on_the_release_day_is_flagged():
    assert open_source_notified_after_release(date(2026, 6, 1), date(2026, 6, 1)) is True


def test_open_source_notified_after_release_is_flagged():
    assert open_source_notified_after_release(date(2026, 6, 1), date(2026, 6, 20)) is True


def test_open_source_without_a_planned_release_is_not_flagged():
    assert open_source_notified_after_release(None, date(2026, 6, 20)) is False


# --------------------------------------------------------------------------------------------------
# Assessment clock, days left
# --------------------------------------------------------------------------------------------------


def test_assessment_days_used_without_stops_counts_calendar_days():
    assert assessment_days_used(date(2026, 3, 2), date(2026, 3, 12), []) == 10


def test_assessment_days_used_subtracts_a_closed_stop():
    # stop from 5 to 8 March covers 6, 7, 8 March
    used = assessment_days_used(
        date(2026, 3, 2), date(2026, 3, 12), [(date(2026, 3, 5), date(2026, 3, 8))]
    )
    assert used == 7


def test_assessment_days_used_open_stop_runs_to_today():
    used = assessment_days_used(date(2026, 3, 2), date(2026, 3, 12), [(date(2026, 3, 5), None)])
    assert used == 3


def test_assessment_days_used_does_not_count_overlapping_stops_twice():
    stops = [
        (date(2026, 3, 5), date(2026, 3, 8)),
        (date(2026, 3, 7), date(2026, 3, 10)),
        (date(2026, 3, 6), date(2026, 3, 7)),
    ]
    # stopped 6..10 March = 5 days
    assert assessment_days_used(date(2026, 3, 2), date(2026, 3, 12), stops) == 5


def test_assessment_days_used_ignores_stop_days_outside_the_assessment():
    stops = [(date(2026, 2, 20), date(2026, 3, 4)), (date(2026, 3, 10), date(2026, 3, 30))]
    # counted days 3..12 March; stopped 3, 4 and 11, 12 → 6
    assert assessment_days_used(date(2026, 3, 2), date(2026, 3, 12), stops) == 6


def test_assessment_days_used_is_zero_before_the_start():
    assert assessment_days_used(date(2026, 3, 2), date(2026, 3, 1), []) == 0
    assert assessment_days_used(date(2026, 3, 2), date(2026, 3, 2), []) == 0


def test_days_left_is_negative_when_overdue():
    assert days_left(date(2025, 12, 8), date(2025, 12, 3)) == 5
    assert days_left(date(2025, 12, 8), date(2025, 12, 8)) == 0
    assert days_left(date(2025, 12, 8), date(2025, 12, 11)) == -3


def test_due_in_words_with_days_left():
    assert due_in_words(date(2025, 12, 8), date(2025, 12, 3)) == (
        "due by Monday 8 December 2025, 23:59 Brussels time; 5 days left"
    )


def test_due_in_words_with_one_day_left():
    assert due_in_words(date(2025, 12, 8), date(2025, 12, 7)).endswith("; 1 day left")


def test_due_in_words_on_the_due_date():
    assert due_in_words(date(2025, 12, 8), date(2025, 12, 8)).startswith("due today")


def test_due_in_words_when_overdue():
    assert due_in_words(date(2025, 12, 8), date(2025, 12, 11)).endswith("; 3 days overdue")
    assert due_in_words(date(2025, 12, 8), date(2025, 12, 9)).endswith("; 1 day overdue")


# --------------------------------------------------------------------------------------------------
# Properties
# --------------------------------------------------------------------------------------------------

# The longest run of days that are not working days in the default calendar is 12: when 24
# December is a Wednesday, 24-31 December, 1-2 January (Thu, Fri) and the weekend of 3-4 January
# are all off, so a period ending on 24 December ends on Monday 5 January (12 days later). Easter
# (Thu-Mon, 5 days) and Ascension (Thu-Sun, 4 days) are shorter, and no holidays of the pattern
# chain into a longer run (the century-long test below checks the bound is exact).
MAX_SHIFT_DAYS = 12


@given(st.integers(min_value=1900, max_value=2200))
def test_default_holidays_are_sorted_unique_and_in_the_year(year):
    days = [day for day, _ in default_holidays(year)]
    assert days == sorted(set(days))
    assert all(day.year == year for day in days)
    assert {date(year, 12, day) for day in range(24, 32)} <= set(days)


@given(dates)
def test_notification_due_is_a_working_day_within_the_christmas_bound(trigger):
    due = notification_due(trigger, ALL_HOLIDAYS).value
    assert is_working_day(due, ALL_HOLIDAYS)
    assert trigger + timedelta(days=14) <= due <= trigger + timedelta(days=14 + MAX_SHIFT_DAYS)


def test_notification_due_bound_is_reached_but_never_exceeded_over_a_century():
    hols = ALL_HOLIDAYS
    shifts = [
        (notification_due(day, hols).value - day).days - 14
        for day in (date(2000, 1, 1) + timedelta(days=n) for n in range(365 * 100))
    ]
    assert max(shifts) == MAX_SHIFT_DAYS


@given(dates, st.integers(min_value=2, max_value=120))
def test_period_for_acting_contains_two_working_days_and_ends_on_one(start, days):
    due = period_for_acting(start, days=days, holidays=ALL_HOLIDAYS, label="Test").value
    assert is_working_day(due, ALL_HOLIDAYS)
    assert due >= start + timedelta(days=days)
    working = [
        start + timedelta(days=n)
        for n in range(1, (due - start).days + 1)
        if is_working_day(start + timedelta(days=n), ALL_HOLIDAYS)
    ]
    assert len(working) >= 2


@given(dates)
def test_earliest_reassessment_is_the_day_after_six_months(decided_on):
    earliest = earliest_reassessment(decided_on).value
    assert earliest > decided_on
    assert earliest == add_months(decided_on, 6) + timedelta(days=1)
    # six months are 181 to 184 days, so the earliest date is 182 to 185 days later
    assert 182 <= (earliest - decided_on).days <= 185


@given(dates)
def test_earliest_reassessment_with_shift_is_a_working_day_soon_after(decided_on):
    unshifted = earliest_reassessment(decided_on).value
    shifted = earliest_reassessment(
        decided_on, shift_to_working_day=True, holidays=ALL_HOLIDAYS
    ).value
    assert is_working_day(shifted, ALL_HOLIDAYS)
    assert unshifted <= shifted <= unshifted + timedelta(days=MAX_SHIFT_DAYS)


@given(
    st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31)),
    st.integers(min_value=-1200, max_value=1200),
)
def test_add_months_never_raises_and_lands_in_the_right_month(start, months):
    result = add_months(start, months)
    assert (result.year * 12 + result.month) - (start.year * 12 + start.month) == months
    assert result.day == start.day or (result.day < start.day and (result + timedelta(1)).day == 1)


stops_strategy = st.lists(
    st.tuples(dates, st.one_of(st.none(), dates)),
    max_size=6,
)


@given(dates, dates, stops_strategy)
def test_assessment_days_used_is_between_zero_and_elapsed_days(start, today, stops):
    used = assessment_days_used(start, today, stops)
    assert 0 <= used <= max(0, (today - start).days)


@given(dates, dates)
def test_assessment_days_used_without_stops_is_the_elapsed_days(start, today):
    assert assessment_days_used(start, today, []) == max(0, (today - start).days)


@given(
    st.dates(min_value=date(2026, 1, 1), max_value=date(2026, 3, 1)),
    st.dates(min_value=date(2026, 1, 1), max_value=date(2026, 4, 30)),
    st.lists(
        st.tuples(
            st.dates(min_value=date(2025, 12, 1), max_value=date(2026, 5, 31)),
            st.one_of(
                st.none(), st.dates(min_value=date(2025, 12, 1), max_value=date(2026, 5, 31))
            ),
        ),
        max_size=5,
    ),
)
def test_assessment_days_used_matches_a_day_by_day_count(start, today, stops):
    stopped: set[date] = set()
    for stop_start, stop_end in stops:
        day = stop_start + timedelta(days=1)
        while day <= (stop_end or today):
            stopped.add(day)
            day += timedelta(days=1)
    counted = {start + timedelta(days=n) for n in range(1, (today - start).days + 1)}
    assert assessment_days_used(start, today, stops) == len(counted - stopped)
