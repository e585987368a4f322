"""The kinds of harm and the periods are data the admins edit — through the services, audited,
the open incidents recomputed; what was filed is append-only (in the code and, on PostgreSQL, in
the database); the provider's next reports appear under "What needs you" and in its calendar."""

from __future__ import annotations

import pytest
from django.db import connection, transaction
from django.urls import reverse

from gpai_cases.core.errors import ImmutableError
from gpai_cases.obligations.models import IncidentKind, ObligationEvent
from gpai_cases.reminders import deadlines_of

from .conftest import D, at, file_model_report, report_incident

pytestmark = pytest.mark.django_db


def _kind_form(kind: IncidentKind, **changes) -> dict:
    data = {
        "label": kind.label,
        "severity": kind.severity,
        "citation": kind.citation,
        "initial_days": kind.initial_days,
        "initial_source": kind.initial_source,
        "intermediate_days": kind.intermediate_days,
        "intermediate_source": kind.intermediate_source,
        "final_days": kind.final_days,
        "final_source": kind.final_source,
        "active": "on",
        "reason": "",
    }
    data.update(changes)
    return data


def test_an_admin_edits_a_period_with_a_reason_and_open_incidents_follow(
    client, office_admin, designation_a, member_a
):
    office_admin.is_superuser = True
    office_admin.save()
    with at(D(2026, 10, 5)):
        incident = report_incident(member_a, designation_a, kind="death", aware_on=D(2026, 10, 5))
    client.force_login(office_admin)
    kind = IncidentKind.objects.get(code="death")
    url = reverse("admin:obligations_incidentkind_change", args=["death"])
    refused = client.post(url, _kind_form(kind, initial_days=0))
    assert refused.status_code == 200  # the reason is missing, and a period is one day at least
    assert "A period is at least one day (or month)." in refused.content.decode()
    done = client.post(url, _kind_form(kind, initial_days=7, reason="Code's text checked"))
    assert done.status_code == 302
    kind.refresh_from_db()
    incident.refresh_from_db()
    assert kind.initial_days == 7
    assert incident.initial_due == D(2026, 10, 12)  # Mon 5 Oct + 7 days
    event = ObligationEvent.objects.get(action="period_changed")
    assert event.payload["changes"] == {"initial_days": ["10", "7"]}
    assert event.payload["reason"] == "Code's text checked" and event.actor == office_admin
    delete = reverse("admin:obligations_incidentkind_delete", args=["death"])
    assert client.post(delete, {"post": "yes"}).status_code == 403


def test_filed_records_are_append_only(designation_a, member_a):
    report = file_model_report(member_a, designation_a)
    with pytest.raises(ImmutableError):
        report.summary = "changed"
        report.save()
    with pytest.raises(ImmutableError):
        type(report).objects.filter(pk=report.pk).update(summary="changed")
    with pytest.raises(ImmutableError):
        report.delete()


@pytest.mark.postgres
def test_postgresql_refuses_raw_sql_that_edits_a_filed_report(designation_a, member_a):
    if connection.vendor != "postgresql":
        pytest.skip("database trigger exists on PostgreSQL only; runs in the PostgreSQL pass")
    report = file_model_report(member_a, designation_a)
    with pytest.raises(Exception, match="append-only"), transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE obligations_modelreport SET summary = 'x' WHERE id = %s", [report.pk]
            )


def test_the_providers_next_reports_are_among_its_deadlines(designation_a, member_a, client):
    with at(D(2026, 10, 5)):
        incident = report_incident(member_a, designation_a, kind="death", aware_on=D(2026, 10, 5))
    [deadline] = [d for d in deadlines_of.for_user(member_a) if d.uid.startswith("incident-")]
    assert (deadline.date, deadline.rule) == (incident.next_due, incident.next_due_rule)
    assert deadline.link == f"/portal/incidents/{incident.pk}/"
    with at(D(2026, 10, 6)):
        client.force_login(member_a)
        home = client.get("/portal/").content.decode()
    assert "intermediate report on the serious incident" in home
