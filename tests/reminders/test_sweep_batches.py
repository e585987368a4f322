"""The sweep at volume: a rerun sends nothing, the number of queries does not grow with the number
of reminders sent, each reader gets the reminder in their language, and a reminder written from
its pattern reads exactly as its template renders it."""

from __future__ import annotations

import datetime
import re

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from gpai_cases.cases.models import CaseEvent
from gpai_cases.reminders.models import InboxMessage, Reminder
from gpai_cases.reminders.sweep import due_notifications, sweep
from gpai_cases.reminders.writing import Writer

from ..factories import GPAIModelFactory, UserFactory
from .test_sweep import D, drafts

pytestmark = pytest.mark.django_db


def _counts() -> tuple[int, int, int, int]:
    return (
        Reminder.objects.count(),
        InboxMessage.objects.count(),
        CaseEvent.objects.filter(action="reminder_sent").count(),
        len(mail.outbox),
    )


def test_a_rerun_of_the_sweep_sends_nothing_again(
    member_a, provider_a, django_capture_on_commit_callbacks
):
    drafts(member_a, provider_a, 6, "R")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert sweep(D(2026, 3, 17)) == 6  # overdue: to the caseworkers' mailbox
    after_first = _counts()
    assert after_first == (6, 0, 6, 6)
    with django_capture_on_commit_callbacks(execute=True):
        assert sweep(D(2026, 3, 17)) == 0
        assert sweep(D(2026, 3, 18)) == 0  # escalated once: not again the next day
    assert _counts() == after_first


def _sweep_queries(day: datetime.date, capture) -> tuple[int, list[str]]:
    """How many reminders a sweep sent, and its statements in order: each named by its words
    before its values (savepoint names dropped), a run of the same statement counted once — SQLite splits a
    bulk insert of many rows into several (its limit on parameters); PostgreSQL does not."""
    with CaptureQueriesContext(connection) as queries, capture(execute=True):
        sent = sweep(day)
    names: list[str] = []
    for query in queries.captured_queries:
        name = re.split(r'"s\d|\bVALUES\b|\bWHERE\b|\bUNNEST\b', query["sql"])[0][:80]
        if not names or names[-1] != name or connection.vendor != "sqlite":
            names.append(name)
    return sent, names


def test_the_number_of_queries_does_not_grow_with_the_reminders_sent(
    member_a, provider_a, django_capture_on_commit_callbacks
):
    # a second reader of another language: the messages are written in two languages
    from gpai_cases.providers.models import Membership

    german = UserFactory(language="de")
    Membership.objects.create(user=german, provider=provider_a)
    # a first sweep: what is read or created once (periods, the freshness counters) is
    drafts(member_a, provider_a, 1, "W")
    _sweep_queries(D(2026, 3, 9), django_capture_on_commit_callbacks)
    drafts(member_a, provider_a, 5, "F")
    few = _sweep_queries(D(2026, 3, 9), django_capture_on_commit_callbacks)
    drafts(member_a, provider_a, 50, "M")
    many = _sweep_queries(D(2026, 3, 9), django_capture_on_commit_callbacks)
    assert (few[0], many[0]) == (5, 50)
    assert many[1] == few[1]
    assert InboxMessage.objects.filter(user=german).count() == 56


def test_each_reader_gets_the_reminder_in_their_language(
    member_a, provider_a, model_a, django_capture_on_commit_callbacks
):
    from gpai_cases.providers.models import Membership

    german = UserFactory(language="de")
    Membership.objects.create(user=german, provider=provider_a)
    drafts(member_a, provider_a, 2, "L")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert sweep(D(2026, 3, 9)) == 2
    by_reader = {tuple(m.to): m for m in mail.outbox}
    assert len(mail.outbox) == 4
    english, deutsch = by_reader[(member_a.email,)], by_reader[(german.email,)]
    assert english.subject.startswith("Reminder: your notification")
    assert deutsch.subject.startswith("Erinnerung: Ihre Mitteilung")
    assert 'lang="de"' in deutsch.alternatives[0][0]
    assert 'lang="en"' in english.alternatives[0][0]
    inbox = InboxMessage.objects.filter(user=german).first()
    assert inbox is not None and inbox.subject.startswith("Erinnerung")
    # the due day in the reader's words too (the sweep runs in the default language)
    assert "March" in english.body and "März" not in english.body
    assert "März" in deutsch.body and "March" not in deutsch.body, deutsch.body


@pytest.mark.parametrize("language", ["en", "de", "fr"])
def test_a_reminder_written_from_its_pattern_reads_as_its_template_renders_it(
    member_a, provider_a, language
):
    from ..conftest import file_draft_notification

    for name in ["Plain", "Tom & Jerry <b>", 'Quote\'s "model"']:
        file_draft_notification(
            member_a,
            GPAIModelFactory(provider=provider_a, name=name),
            trigger_date=D(2026, 3, 2),
            evidence=False,
        )
    writer = Writer(D(2026, 3, 17))
    dues = due_notifications(D(2026, 3, 17)) + due_notifications(D(2026, 3, 9))
    assert len(dues) == 6
    for due in dues:
        assert writer.write(due, language) == writer.render(due, language)
    assert all(pattern is not None for pattern in writer._patterns.values())
