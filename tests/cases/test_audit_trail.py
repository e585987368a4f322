"""The audit trail is append-only: no ORM call, admin page or (on PostgreSQL) SQL edits or deletes it."""

from __future__ import annotations

import pytest
from django.db import connection, transaction
from django.db.models import ProtectedError
from django.db.utils import DatabaseError
from django.urls import reverse

from gpai_cases.cases.models import CaseEvent
from gpai_cases.documents.models import ImmutableError

pytestmark = pytest.mark.django_db


def test_every_transition_writes_one_event_with_actor_and_states(assessing_a, member_a, caseworker):
    events = list(CaseEvent.objects.filter(case=assessing_a).order_by("id"))
    assert [(e.action, e.from_state, e.to_state) for e in events] == [
        ("created", "", "draft"),
        ("document_uploaded", "", ""),
        ("submitted", "draft", "submitted"),
        ("taken_up", "submitted", "under_assessment"),
    ]
    assert events[2].actor == member_a
    assert events[3].actor == caseworker
    assert events[1].payload["sha256"] == assessing_a.documents.get().sha256


def test_an_event_cannot_be_changed_through_the_orm(draft_a):
    event = CaseEvent.objects.filter(case=draft_a).first()
    event.action = "forged"
    with pytest.raises(ImmutableError):
        event.save()
    with pytest.raises(ImmutableError):
        CaseEvent.objects.filter(case=draft_a).update(action="forged")
    assert not CaseEvent.objects.filter(action="forged").exists()


def test_an_event_cannot_be_deleted_through_the_orm(draft_a):
    event = CaseEvent.objects.filter(case=draft_a).first()
    with pytest.raises(ImmutableError):
        event.delete()
    with pytest.raises(ImmutableError):
        CaseEvent.objects.filter(case=draft_a).delete()
    assert CaseEvent.objects.filter(pk=event.pk).exists()


def test_a_case_with_events_cannot_be_deleted(draft_a):
    with pytest.raises((ProtectedError, ImmutableError)):
        draft_a.delete()


def test_the_admin_shows_events_read_only(client, draft_a, office_admin):
    office_admin.is_superuser = True
    office_admin.save()
    client.force_login(office_admin)
    event = CaseEvent.objects.filter(case=draft_a).first()
    assert client.get(reverse("admin:cases_caseevent_changelist")).status_code == 200
    change_url = reverse("admin:cases_caseevent_change", args=[event.pk])
    page = client.get(change_url)
    assert page.status_code == 200
    assert b'name="action"' not in page.content  # shown, not editable
    assert client.post(change_url, {"action": "forged"}).status_code == 403
    delete_url = reverse("admin:cases_caseevent_delete", args=[event.pk])
    assert client.post(delete_url, {"post": "yes"}).status_code == 403
    assert client.get(reverse("admin:cases_caseevent_add")).status_code == 403
    event.refresh_from_db()
    assert event.action == "created"


@pytest.mark.postgres
def test_postgresql_refuses_raw_sql_that_edits_or_deletes_events(draft_a):
    if connection.vendor != "postgresql":
        pytest.skip("database trigger exists on PostgreSQL only; runs in the PostgreSQL pass")
    for sql in ("UPDATE cases_caseevent SET action = 'forged'", "DELETE FROM cases_caseevent"):
        with (
            pytest.raises(DatabaseError, match="append-only"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(sql)
    assert CaseEvent.objects.filter(case=draft_a).exclude(action="forged").count() == 2
