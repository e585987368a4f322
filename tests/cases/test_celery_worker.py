"""A real Celery worker on the real broker recomputes dates after the holiday calendar changes."""

from __future__ import annotations

import datetime

import pytest

from gpai_cases.cases.models import CalendarYear, Notification, PublicHoliday

from ..conftest import file_draft_notification, wait_for


@pytest.mark.broker
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_recomputes_due_dates_when_a_holiday_is_added(
    celery_worker, member_a, model_a
):
    case = file_draft_notification(member_a, model_a, trigger_date=datetime.date(2026, 3, 2))
    assert case.notification.notification_due == datetime.date(2026, 3, 16)
    PublicHoliday.objects.create(
        calendar_year=CalendarYear.objects.get_or_create(year=2026)[0],
        date=datetime.date(2026, 3, 16),
        name="Extra holiday",
    )
    due = wait_for(
        lambda: Notification.objects.filter(
            case=case, notification_due=datetime.date(2026, 3, 17)
        ).exists()
    )
    assert due
    assert celery_worker.poll() is None  # the worker is still alive
