"""A provider's draft is its own until submitted: the AI Office gets "not found" on its content
(page, documents, API, scorecard), sees only that a notification is due — model, provider, the
due date declared, overdue or not — and the overdue escalation still reaches its mailbox. The
portal says exactly that."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from gpai_cases.cases import services
from gpai_cases.reminders.sweep import sweep

pytestmark = pytest.mark.django_db


def test_a_caseworker_gets_404_on_every_part_of_a_drafts_content(client, draft_a, caseworker):
    client.force_login(caseworker)
    document = draft_a.documents.get()
    for url in (
        reverse("workspace:case", args=[draft_a.reference]),
        reverse("workspace:assessment", args=[draft_a.reference]),
        reverse("document_download", args=[document.pk]),
    ):
        assert client.get(url).status_code == 404, url
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=caseworker).key}")
    for url in (
        reverse("api:case", args=[draft_a.reference]),
        reverse("api:case-events", args=[draft_a.reference]),
        reverse("api:document-download", args=[document.pk]),
    ):
        assert api.get(url).status_code == 404, url
    assert draft_a.reference not in api.get(reverse("api:cases")).content.decode()
    assert client.get(reverse("workspace:queue")).context["rows"] == []


def test_once_submitted_the_ai_office_reads_it(client, draft_a, member_a, caseworker):
    services.case_submit(actor=member_a, case=draft_a)
    client.force_login(caseworker)
    assert client.get(reverse("workspace:case", args=[draft_a.reference])).status_code == 200


def test_the_ai_office_sees_that_a_notification_is_due_and_nothing_of_the_draft(
    client, draft_a, caseworker, model_b
):
    client.force_login(caseworker)
    with_date = datetime.datetime(2026, 3, 20, 9, tzinfo=datetime.UTC)
    with time_machine.travel(with_date):
        page = client.get(reverse("workspace:notifications_due")).content.decode()
    drafts = page.split("<h2>Draft notifications</h2>")[1].split("</table>")[0]
    assert "Alpha-1 2026-01" in drafts and "Alpha Labs SE" in drafts
    assert "Mon 16 Mar 2026" in drafts and "overdue" in drafts  # the due date it declares
    assert "Dense decoder-only transformer" not in page  # nothing of the content
    assert draft_a.reference not in page
    # a registered model above the threshold that nobody notified
    assert "Beta-XL" in page.split("not notified")[1]


def test_an_overdue_draft_is_still_escalated_to_the_caseworkers_mailbox(
    draft_a, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        sweep(today=datetime.date(2026, 3, 20))  # due Mon 16 Mar 2026
    draft_a.refresh_from_db()
    assert draft_a.overdue_escalated
    (escalation,) = [m for m in mail.outbox if "gpai-caseworkers@" in ",".join(m.to)]
    assert "Alpha-1" in escalation.body and "Notifications due" in escalation.body
    assert "Dense decoder-only transformer" not in escalation.body


def test_the_portal_says_what_the_ai_office_sees_of_a_draft(client, draft_a, member_a):
    client.force_login(member_a)
    page = client.get(reverse("portal:case", args=[draft_a.reference])).content.decode()
    assert "the AI Office cannot read it until you submit it" in page
    assert "the model, your organisation and the due date" in page
    assert "nothing has been sent to the AI Office yet" not in page
