"""A provider's safety and security framework: each filing is a new version, every version kept
with its date; the AI Office acknowledges, requests changes (a due date with its rule, answered by
the next version) or records an internal note; both doors and the API show it."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from gpai_cases.core.errors import ImmutableError
from gpai_cases.obligations import services
from gpai_cases.obligations.models import FrameworkReview, FrameworkVersion, ObligationEvent
from gpai_cases.reminders.models import InboxMessage

from .conftest import D, at, file_framework

pytestmark = pytest.mark.django_db


def test_a_framework_update_is_versioned_and_every_version_is_kept(member_a, provider_a):
    with at(D(2026, 10, 1)):
        v1 = file_framework(member_a, provider_a, "First framework.")
    with at(D(2027, 2, 3)):
        v2 = file_framework(member_a, provider_a, "Adds cyber-offence risk tiers.")
    versions = list(FrameworkVersion.objects.filter(provider=provider_a).order_by("version"))
    assert [(v.version, v.filed_on, v.summary) for v in versions] == [
        (1, D(2026, 10, 1), "First framework."),
        (2, D(2027, 2, 3), "Adds cyber-offence risk tiers."),
    ]
    assert v1.file_id != v2.file_id
    assert v1.file.sha256 == v2.file.sha256  # the same bytes, stored twice: never overwritten
    with pytest.raises(ImmutableError):
        v1.summary = "rewritten"
        v1.save()
    events = ObligationEvent.objects.filter(provider=provider_a, action="framework_filed")
    assert [e.payload["number"] for e in events.order_by("at")] == [1, 2]


def test_a_request_for_changes_has_a_due_date_with_its_rule_and_the_next_version_answers_it(
    member_a, provider_a, caseworker
):
    with at(D(2026, 10, 1)):
        v1 = file_framework(member_a, provider_a)
    with at(
        D(2026, 12, 10)
    ):  # Thu 10 Dec + 14 days = Thu 24 Dec, holidays to Sat 2 Jan → Mon 4 Jan
        review = services.framework_review(
            actor=caseworker, version=v1, kind="changes_requested", note="Add CBRN thresholds."
        )
    assert (review.due_date, review.status) == (D(2027, 1, 4), "open")
    assert str(review.due_rule).startswith("14 days after Thu 10 Dec 2026")
    assert "request for changes to the framework" in review.due_rule
    message = InboxMessage.objects.get(user=member_a, kind="framework_changes_requested")
    assert message.due_date == D(2027, 1, 4) and "Add CBRN thresholds." in message.body
    assert message.email_state == "pending"  # a time limit: always e-mailed
    with at(D(2026, 12, 11)), pytest.raises(services.ActionRefused) as refused:
        services.framework_review(
            actor=caseworker, version=v1, kind="changes_requested", note="More."
        )
    assert refused.value.reasons == [
        "Changes to this version have already been requested; wait for the answer."
    ]
    with at(D(2026, 12, 20)):
        v2 = file_framework(member_a, provider_a, "With CBRN thresholds.")
    review.refresh_from_db()
    assert (review.status, review.answered_by) == ("answered", v2)
    # the old version may no longer be reviewed: the new one is
    with pytest.raises(services.ActionRefused) as refused:
        services.framework_review(actor=caseworker, version=v1, kind="acknowledged")
    assert refused.value.reasons == [
        "Version 2 of this framework has been filed since: review that one."
    ]
    services.framework_review(actor=caseworker, version=v2, kind="acknowledged")
    with pytest.raises(services.ActionRefused):
        services.framework_review(actor=caseworker, version=v2, kind="acknowledged")


def test_a_typed_period_is_counted_as_a_period_for_acting(member_a, provider_a, caseworker):
    with at(D(2026, 10, 1)):
        v1 = file_framework(member_a, provider_a)
        # Thu 1 Oct + 2 days = Sat 3 Oct → Mon 5 Oct
        review = services.framework_review(
            actor=caseworker, version=v1, kind="changes_requested", note="x", days=2
        )
    assert review.due_date == D(2026, 10, 5)
    assert "a Saturday → next working day" in review.due_rule


def test_an_assessment_note_stays_internal(member_a, provider_a, caseworker, client):
    with at(D(2026, 10, 1)):
        v1 = file_framework(member_a, provider_a)
        services.framework_review(
            actor=caseworker, version=v1, kind="assessment_note", note="Weak on cyber; watch."
        )
        services.framework_review(actor=caseworker, version=v1, kind="acknowledged", note="Thanks")
    assert not InboxMessage.objects.filter(user=member_a, kind__startswith="framework_note")
    client.force_login(member_a)
    page = client.get("/portal/obligations/").content.decode()
    assert "Acknowledged" in page and "Weak on cyber" not in page and "Assessment note" not in page
    client.force_login(caseworker)
    page = client.get(f"/workspace/providers/{provider_a.pk}/").content.decode()
    assert "Weak on cyber; watch." in page


def test_only_the_provider_files_and_only_a_caseworker_reviews(
    member_a, member_b, provider_a, caseworker, approver
):
    with pytest.raises(PermissionDenied):
        file_framework(member_b, provider_a)
    with pytest.raises(PermissionDenied):
        file_framework(caseworker, provider_a)
    v1 = file_framework(member_a, provider_a)
    with pytest.raises(PermissionDenied):
        services.framework_review(actor=approver, version=v1, kind="acknowledged")
    with pytest.raises(PermissionDenied):
        services.framework_review(actor=member_a, version=v1, kind="acknowledged")
    assert not FrameworkReview.objects.exists()


def test_the_portal_files_a_version_and_a_refused_form_keeps_its_values(
    member_a, provider_a, client, caseworker
):
    from ..conftest import pdf_upload

    client.force_login(member_a)
    refused = client.post("/portal/obligations/framework/", {"summary": "Kept text"})
    assert refused.status_code == 200
    body = refused.content.decode()
    assert "There is a problem" in body and "Kept text" in body
    filed = client.post(
        "/portal/obligations/framework/",
        {"summary": "Version one", "file": pdf_upload("fw.pdf"), "confirm": "on"},
    )
    assert filed.status_code == 302
    version = FrameworkVersion.objects.get(provider=provider_a)
    assert version.summary == "Version one"
    assert InboxMessage.objects.filter(kind="framework_received", user=None).count() == 1
    client.force_login(caseworker)
    review = client.post(
        f"/workspace/frameworks/{version.pk}/review/",
        {"kind": "changes_requested", "note": "", "confirm": "on"},
    )
    assert review.status_code == 200
    assert "Say which changes are requested." in review.content.decode()
    review = client.post(
        f"/workspace/frameworks/{version.pk}/review/",
        {"kind": "changes_requested", "note": "Add thresholds", "days": "20", "confirm": "on"},
    )
    assert review.status_code == 302
    client.force_login(member_a)
    page = client.get("/portal/obligations/").content.decode()
    assert (
        "Changes requested" in page and "Add thresholds" in page and "File a new version by" in page
    )
