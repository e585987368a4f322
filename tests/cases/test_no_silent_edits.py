"""No silent edits: legal records are read-only in the Django admin (view pages without a save
button, a POST refused, a link to the case's page in the workspace); what the AI Office must
correct goes through one service that writes the old value, the new value, the reason and the
actor into the case's timeline, and recomputes what depends on it."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from gpai_cases.accounts.models import Role
from gpai_cases.cases import services
from gpai_cases.cases.models import Case, CaseEvent, Claim, InformationRequest
from gpai_cases.documents.models import Document
from gpai_cases.letters.models import Letter

from ..factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser(db):
    return UserFactory(
        role=Role.ADMIN, email="root@ai-office.example", is_staff=True, is_superuser=True
    )


@pytest.fixture
def records(assessing_a, member_a, caseworker):
    services.claims_file(actor=member_a, case=assessing_a, claims=[{"text": "T", "basis": "reach"}])
    rfi = services.information_request_send(actor=caseworker, case=assessing_a, questions=["Q"])
    return {
        "cases/case": assessing_a.pk,
        "cases/claim": Claim.objects.get(case=assessing_a).pk,
        "cases/informationrequest": rfi.pk,
        "cases/caseevent": CaseEvent.objects.filter(case=assessing_a).first().pk,
        "letters/letter": Letter.objects.filter(case=assessing_a).first().pk,
        "documents/document": Document.objects.filter(case=assessing_a).first().pk,
    }


def test_admin_change_pages_of_legal_records_are_read_only(client, superuser, records, assessing_a):
    client.force_login(superuser)
    workspace = reverse("workspace:case", args=[assessing_a.reference])
    for path, pk in records.items():
        url = f"/admin/{path}/{pk}/change/"
        page = client.get(url)
        assert page.status_code == 200, url
        html = page.content.decode()
        assert 'name="_save"' not in html and 'name="_continue"' not in html, url
        assert workspace in html, f"{url} links the workspace case page"
        assert client.post(url, {"late": "on"}).status_code == 403, url
        assert client.get(f"/admin/{path}/add/").status_code == 403, path
        assert client.post(f"/admin/{path}/{pk}/delete/", {"post": "yes"}).status_code == 403


def test_the_admin_cannot_change_a_submitted_notification_or_its_late_flag(
    client, superuser, submitted_a
):
    client.force_login(superuser)
    before = (submitted_a.late, submitted_a.notification.compute_flop)
    page = client.get(f"/admin/cases/case/{submitted_a.pk}/change/").content.decode()
    assert 'name="notification-0-compute_flop"' not in page and 'name="late"' not in page
    client.post(
        f"/admin/cases/case/{submitted_a.pk}/change/",
        {"late": "on", "notification-0-compute_flop": "9.9e24"},
    )
    case = Case.objects.select_related("notification").get(pk=submitted_a.pk)
    assert (case.late, case.notification.compute_flop) == before


def test_a_correction_of_the_late_flag_is_in_the_timeline_with_old_new_reason_and_actor(
    client, submitted_a, caseworker
):
    assert submitted_a.late is True  # trigger 2 Mar 2026, submitted long after
    services.record_correct(
        actor=caseworker,
        case=submitted_a,
        field="late",
        value=False,
        reason="The provider notified by e-mail on time (our inbox, 10 Mar).",
    )
    event = CaseEvent.objects.get(case=submitted_a, action="record_corrected")
    assert event.actor == caseworker
    assert event.payload == {
        "field": "late",
        "old": "True",
        "new": "False",
        "reason": "The provider notified by e-mail on time (our inbox, 10 Mar).",
    }
    assert Case.objects.get(pk=submitted_a.pk).late is False
    client.force_login(caseworker)
    page = client.get(reverse("workspace:case", args=[submitted_a.reference])).content.decode()
    assert "late: True → False; reason: The provider notified by e-mail on time" in page


def test_a_corrected_due_date_moves_the_next_deadline(assessing_a, caseworker):
    rfi = services.information_request_send(actor=caseworker, case=assessing_a, questions=["Q"])
    new = timezone.localdate() + datetime.timedelta(days=30)
    while new.weekday() >= 5:
        new += datetime.timedelta(days=1)
    services.record_correct(
        actor=caseworker,
        case=assessing_a,
        field="request_due_date",
        value=new,
        reason="Typed the wrong month.",
        request=rfi,
    )
    rfi = InformationRequest.objects.get(pk=rfi.pk)
    assert rfi.due_date == new and "Corrected by the AI Office" in rfi.due_rule
    assert Case.objects.get(pk=assessing_a.pk).next_deadline == new
    event = CaseEvent.objects.get(case=assessing_a, action="record_corrected")
    assert event.payload["field"] == f"request {rfi.pk} due date"


def test_a_correction_without_a_reason_or_changing_nothing_is_refused(submitted_a, caseworker):
    with pytest.raises(services.ActionRefused, match="Give the reason"):
        services.record_correct(
            actor=caseworker, case=submitted_a, field="late", value=False, reason=" "
        )
    with pytest.raises(services.ActionRefused, match="nothing to correct"):
        services.record_correct(
            actor=caseworker, case=submitted_a, field="late", value=True, reason="x"
        )


def test_the_correction_form_asks_for_a_confirmation_and_keeps_its_values(
    client, submitted_a, caseworker
):
    client.force_login(caseworker)
    url = reverse("workspace:correct", args=[submitted_a.reference])
    refused = client.post(url, {"field": "late", "late": "no", "reason": "On time by e-mail."})
    assert refused.status_code == 200 and b"On time by e-mail." in refused.content
    assert Case.objects.get(pk=submitted_a.pk).late is True
    done = client.post(
        url, {"field": "late", "late": "no", "reason": "On time by e-mail.", "confirm": "on"}
    )
    assert done.status_code == 302 and Case.objects.get(pk=submitted_a.pk).late is False
