"""The compiled queries' kept cursor (core/cursors.py): one driver cursor per database session,
queries still counted and logged, a new cursor after a reconnection or an error."""

from __future__ import annotations

import pytest
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections, transaction
from django.test.utils import CaptureQueriesContext

from gpai_cases.core import cursors
from gpai_cases.core.compiled import Compiled
from gpai_cases.reminders.models import InboxMessage

pytestmark = pytest.mark.django_db(transaction=True)

SUBJECTS = Compiled(
    lambda shape, user_id: (
        InboxMessage.objects.filter(user_id=user_id)
        .order_by("pk")
        .values_list("subject", flat=True)
    )
)


connection = connections[DEFAULT_DB_ALIAS]  # the wrapper itself (not the proxy): the key


def _driver_cursor():
    return cursors._KEPT[connection][1]


def test_one_driver_cursor_serves_the_sessions_compiled_queries_and_each_is_counted(member_a):
    InboxMessage.objects.create(user=member_a, kind="letter_ready", subject="one")
    assert SUBJECTS.rows((), member_a.pk) == [("one",)]
    kept = _driver_cursor()
    with CaptureQueriesContext(connection) as ctx:
        assert SUBJECTS.rows((), member_a.pk) == [("one",)]
        assert SUBJECTS.rows((), member_a.pk + 1000) == []
    assert len(ctx.captured_queries) == 2  # logged as connection.cursor() logs them
    assert _driver_cursor() is kept


def test_a_reconnection_gets_a_new_cursor(member_a):
    SUBJECTS.rows((), member_a.pk)
    before = _driver_cursor()
    connection.close()
    InboxMessage.objects.create(user=member_a, kind="letter_ready", subject="after")
    assert SUBJECTS.rows((), member_a.pk) == [("after",)]
    assert _driver_cursor() is not before


def test_a_failed_query_leaves_the_next_one_working(member_a):
    InboxMessage.objects.create(user=member_a, kind="letter_ready", subject="kept")
    SUBJECTS.rows((), member_a.pk)
    with pytest.raises(DatabaseError), transaction.atomic():
        cursors.kept_cursor(connection).execute("SELECT no_such_column FROM reminders_inboxmessage")
    assert SUBJECTS.rows((), member_a.pk) == [("kept",)]
