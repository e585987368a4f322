"""The "what needs you" panel is kept in the fragments cache, and never shows yesterday's data:
a new or read message, a change to the cases, or a new day gives a fresh panel."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext

from gpai_cases.cases import services
from gpai_cases.reminders import needs
from gpai_cases.reminders.models import InboxMessage

pytestmark = pytest.mark.django_db(transaction=True)


def at(day: datetime.date):
    return time_machine.travel(datetime.datetime.combine(day, datetime.time(9), datetime.UTC))


def labels(panels) -> list[str]:
    return [need.label for items in panels.values() for need in items]


def test_a_cached_panel_costs_two_queries_and_follows_every_change(
    member_a, assessing_a, caseworker
):
    caches["fragments"].clear()
    with at(datetime.date(2026, 12, 1)):
        services.information_request_send(
            actor=caseworker, case=assessing_a, questions=["Which chips?"]
        )
    with at(datetime.date(2026, 12, 2)):
        first = needs.for_user(member_a)
        assert any(assessing_a.reference in label for label in labels(first))
        with CaptureQueriesContext(connection) as hit:
            assert needs.for_user(member_a) == first
        assert len(hit.captured_queries) == 2  # the data version and the unread messages

        # a new message, then the same message read: the panel changes each time, at once
        letter = InboxMessage.objects.create(
            user=member_a, kind="letter_ready", subject="Zeta letter ready", body="."
        )
        assert "Zeta letter ready" in labels(needs.for_user(member_a))
        InboxMessage.objects.filter(pk=letter.pk).update(
            read_at=datetime.datetime.now(datetime.UTC)
        )
        assert "Zeta letter ready" not in labels(needs.for_user(member_a))

        # the request answered: the deadline leaves the panel
        request = assessing_a.information_requests.get()
        services.information_request_answer(actor=member_a, request=request, response="H100 chips.")
        after = needs.for_user(member_a)
    assert not any("Which chips" in label or "answer the" in label for label in labels(after))
    # a new day: counted again (a fresh key, not yesterday's panel)
    with at(datetime.date(2026, 12, 3)), CaptureQueriesContext(connection) as next_day:
        needs.for_user(member_a)
    assert len(next_day.captured_queries) > 2
