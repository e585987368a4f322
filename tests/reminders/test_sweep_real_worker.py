"""The reminder sweep through a real broker and worker: queued twice, sent once."""

from __future__ import annotations

import datetime
import time

import pytest
from django.utils import timezone

from gpai_cases.reminders.models import InboxMessage, Reminder
from gpai_cases.reminders.tasks import sweep_reminders

from ..conftest import file_draft_notification, wait_for


@pytest.mark.broker
@pytest.mark.django_db(transaction=True)
def test_a_sweep_queued_twice_sends_the_reminder_once(celery_worker, member_a, model_a):
    today = timezone.localdate()
    case = file_draft_notification(
        member_a, model_a, trigger_date=today - datetime.timedelta(days=10)
    )
    sweep_reminders.delay()
    sweep_reminders.delay()
    wait_for(lambda: Reminder.objects.filter(case=case).exists(), timeout=60)
    time.sleep(2)  # give the second sweep time to finish
    assert Reminder.objects.filter(case=case).count() == 1
    assert InboxMessage.objects.filter(user=member_a, case=case).count() == 1
