"""The caseworker's "what needs you" panels: the first unread messages of each kind of panel,
oldest first, at most LIMIT per panel, read in one query whatever the number of messages."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from gpai_cases.reminders import needs
from gpai_cases.reminders.models import InboxMessage

pytestmark = pytest.mark.django_db


def message(user, kind: str, subject: str, minutes: int) -> InboxMessage:
    m = InboxMessage.objects.create(user=user, kind=kind, subject=subject, body=".")
    at = timezone.now() - datetime.timedelta(minutes=minutes)
    InboxMessage.objects.filter(pk=m.pk).update(created_at=at)
    return m


def test_each_panel_shows_its_oldest_unread_messages_up_to_the_limit(caseworker):
    for i in range(needs.LIMIT + 3):  # answers received, the oldest first in the panel
        message(caseworker, "answer_received", f"answer {i:02}", minutes=1000 - i)
    message(caseworker, "request_lapsed", "lapsed newest", minutes=1)
    message(caseworker, "request_lapsed", "lapsed oldest", minutes=2000)
    read = message(caseworker, "request_lapsed", "lapsed but read", minutes=5)
    InboxMessage.objects.filter(pk=read.pk).update(read_at=timezone.now())

    with CaptureQueriesContext(connection) as ctx:
        panels = needs._panels(caseworker)
    received = [n.label for n in panels["Answers and filings received"]]
    lapsed = [n.label for n in panels["Requests that lapsed unanswered"]]
    assert received == [f"answer {i:02}" for i in range(needs.LIMIT)]
    assert lapsed == ["lapsed oldest", "lapsed newest"]
    # the caseworker's deadlines, and every unread panel in one query
    assert len(ctx.captured_queries) == 2


def test_the_panels_query_count_does_not_grow_with_the_messages(caseworker):
    message(caseworker, "answer_received", "one", minutes=3)
    with CaptureQueriesContext(connection) as few:
        needs._panels(caseworker)
    for i in range(30):
        message(caseworker, "correction_received", f"c{i}", minutes=i)
        message(caseworker, "request_lapsed", f"l{i}", minutes=i)
    with CaptureQueriesContext(connection) as many:
        needs._panels(caseworker)
    assert len(many.captured_queries) == len(few.captured_queries)


def test_a_dated_need_carries_its_day_as_the_panel_prints_it(caseworker):
    from django.template.loader import render_to_string
    from django.utils import translation

    from gpai_cases.cases.dayformat import format_day

    due = datetime.date(2027, 3, 1)
    m = message(caseworker, "request_lapsed", "lapsed & late", minutes=3)
    InboxMessage.objects.filter(pk=m.pk).update(due_date=due, due_rule="Art. 52(1) <rule>")
    for language in ("en", "fr"):
        with translation.override(language):
            (need,) = needs._panels(caseworker)[
                str(needs.gettext_lazy("Requests that lapsed unanswered"))
            ]
            assert need.day == format_day(due) and need["day"] == need.day
            html = render_to_string("reminders/_needs.html", {"needs": {"Lapsed": [need]}})
            assert f'title="Art. 52(1) &lt;rule&gt;">{format_day(due)}</span>' in html
            assert "lapsed &amp; late</a>" in html
    undated = needs._panels(caseworker)  # a need without a date prints no day
    assert all(n.day == "" for items in undated.values() for n in items if n.date is None)
