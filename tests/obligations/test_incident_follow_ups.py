"""What follows a report on a serious incident: a receipt letter for each report, the caseworkers
told at once, and the incident queue by severity and deadline."""

from __future__ import annotations

import pytest
from django.core import mail
from pypdf import PdfReader

from gpai_cases.letters.models import Letter
from gpai_cases.obligations import services
from gpai_cases.reminders.models import InboxMessage

from .conftest import D, at, report_incident

pytestmark = pytest.mark.django_db


def test_each_report_gets_a_receipt_letter_and_the_caseworkers_are_told(
    designation_a, member_a, settings, django_capture_on_commit_callbacks
):
    with at(D(2026, 10, 8)), django_capture_on_commit_callbacks(execute=True):
        incident = report_incident(
            member_a, designation_a, kind="critical_infrastructure", aware_on=D(2026, 10, 5)
        )
    with at(D(2026, 10, 20)), django_capture_on_commit_callbacks(execute=True):
        update = services.incident_update(
            actor=member_a,
            incident=incident,
            what_happened="Grid restored.",
            corrective_measures="x",
        )
    initial, _update = incident.reports.order_by("number")
    letters = Letter.objects.filter(kind="incident_receipt").order_by("sequence")
    assert [lt.trigger_key for lt in letters] == [
        f"incident_report:{initial.pk}",
        f"incident_report:{update.pk}",
    ]
    assert all(lt.status == "rendered" and lt.case == designation_a.case for lt in letters)
    text = "".join(
        page.extract_text() for page in PdfReader(letters[0].document.file.open("rb")).pages
    )
    assert "Acknowledgement of receipt of a report on a serious incident" in text
    assert "received after that date" in text  # due Wed 7 Oct, filed Thu 8 Oct
    told = InboxMessage.objects.filter(
        kind="incident_reported", email_to=settings.GPAI_CASEWORKER_MAILBOX
    )
    assert told.count() == 1
    assert told.get().link == f"/workspace/incidents/{incident.pk}/"
    assert "came late" in told.get().body
    assert any(settings.GPAI_CASEWORKER_MAILBOX in m.to for m in mail.outbox)
    # the mailbox and the caseworker who assessed the designation's case
    assert set(
        InboxMessage.objects.filter(kind="incident_update_received").values_list(
            "email_to", "user__email"
        )
    ) == {(settings.GPAI_CASEWORKER_MAILBOX, None), ("", designation_a.case.assignee.email)}
    # the provider is told its letters are ready
    assert InboxMessage.objects.filter(user=member_a, kind="letter_ready").count() == 2


def test_the_queue_puts_the_most_severe_kind_first_then_the_nearest_deadline(
    designation_a, member_a, client, caseworker
):
    with at(D(2026, 10, 5)):
        harm = report_incident(member_a, designation_a, kind="serious_harm", title="Harm A")
        death = report_incident(member_a, designation_a, kind="death", title="Death B")
        infra_late = report_incident(
            member_a,
            designation_a,
            kind="critical_infrastructure",
            title="Grid C",
            aware_on=D(2026, 9, 30),  # + 2 days = Fri 2 Oct: reported on the 5th, late
        )
    with at(D(2026, 10, 12)):
        infra_soon = report_incident(
            member_a,
            designation_a,
            kind="critical_infrastructure",
            title="Grid D",
            aware_on=D(2026, 10, 12),
        )
        client.force_login(caseworker)
        page = client.get("/workspace/incidents/").content.decode()
    titles = ["Grid C", "Grid D", "Death B", "Harm A"]
    assert [page.index(t) for t in titles] == sorted(page.index(t) for t in titles)
    assert infra_late.initial_late and not infra_soon.initial_late
    assert death.kind.severity < harm.kind.severity
    assert "Measure 9.3" in page and "late" in page
