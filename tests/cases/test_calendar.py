"""The holiday calendar is data; when it changes, the dates that depend on it are recomputed."""

from __future__ import annotations

import datetime

import pytest
import time_machine

from gpai_cases.cases import services
from gpai_cases.cases.calendar import holidays_around
from gpai_cases.cases.models import CalendarYear, CaseEvent, PublicHoliday

from ..conftest import file_draft_notification

pytestmark = pytest.mark.django_db


def test_the_default_calendar_is_seeded_with_the_commission_pattern():
    holidays = holidays_around(datetime.date(2026, 1, 1))
    assert datetime.date(2026, 4, 2) in holidays  # Maundy Thursday 2026
    assert datetime.date(2026, 5, 9) in holidays  # Europe Day
    assert datetime.date(2026, 12, 24) in holidays
    assert datetime.date(2026, 3, 2) not in holidays


def test_a_year_nobody_set_up_is_seeded_when_first_needed():
    assert not CalendarYear.objects.filter(year=2041).exists()
    holidays = holidays_around(datetime.date(2041, 7, 1))
    assert datetime.date(2041, 7, 21) in holidays
    assert CalendarYear.objects.filter(year=2041).exists()


def test_adding_a_holiday_recomputes_a_draft_notification_due_date(
    member_a, model_a, django_capture_on_commit_callbacks
):
    # Trigger Mon 2 Mar 2026 → due Mon 16 Mar 2026. Declare 16 Mar a holiday → due Tue 17 Mar.
    case = file_draft_notification(member_a, model_a, trigger_date=datetime.date(2026, 3, 2))
    assert case.notification.notification_due == datetime.date(2026, 3, 16)
    with django_capture_on_commit_callbacks(execute=True):
        PublicHoliday.objects.create(
            calendar_year=CalendarYear.objects.get(year=2026),
            date=datetime.date(2026, 3, 16),
            name="Extra",
        )
    case.notification.refresh_from_db()
    assert case.notification.notification_due == datetime.date(2026, 3, 17)
    assert "holiday" in case.notification.notification_due_rule
    event = CaseEvent.objects.get(case=case, action="dates_recomputed")
    assert event.payload["old"] == "2026-03-16"
    assert event.payload["new"] == "2026-03-17"


def test_removing_a_holiday_recomputes_an_open_request_due_date(
    assessing_a, caseworker, django_capture_on_commit_callbacks
):
    with time_machine.travel(datetime.datetime(2026, 4, 20, 9, tzinfo=datetime.UTC)):
        request = services.information_request_send(
            actor=caseworker, case=assessing_a, questions=["Q"]
        )
    # 14 days after Mon 20 Apr 2026 = Mon 4 May 2026 (not a holiday): make 4 May one, then remove it.
    assert request.due_date == datetime.date(2026, 5, 4)
    with django_capture_on_commit_callbacks(execute=True):
        extra = PublicHoliday.objects.create(
            calendar_year=CalendarYear.objects.get(year=2026),
            date=datetime.date(2026, 5, 4),
            name="Extra",
        )
    request.refresh_from_db()
    assert request.due_date == datetime.date(2026, 5, 5)
    with django_capture_on_commit_callbacks(execute=True):
        extra.delete()
    request.refresh_from_db()
    assert request.due_date == datetime.date(2026, 5, 4)


def test_a_due_date_set_by_hand_moves_when_its_day_becomes_a_holiday(
    assessing_a, caseworker, django_capture_on_commit_callbacks
):
    with time_machine.travel(datetime.datetime(2026, 4, 20, 9, tzinfo=datetime.UTC)):
        request = services.information_request_send(
            actor=caseworker, case=assessing_a, questions=["Q"], due_date=datetime.date(2026, 5, 4)
        )
    with django_capture_on_commit_callbacks(execute=True):
        PublicHoliday.objects.create(
            calendar_year=CalendarYear.objects.get(year=2026),
            date=datetime.date(2026, 5, 4),
            name="Extra",
        )
    request.refresh_from_db()
    # docs/rules.md § periods: a typed date follows Reg. 1182/71 too, under the calendar of now
    assert request.due_date_set == datetime.date(2026, 5, 4)
    assert request.due_date == datetime.date(2026, 5, 5)
    assert "not a working day" in request.due_rule and "Tue 5 May 2026" in request.due_rule
