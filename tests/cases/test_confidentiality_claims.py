"""Confidentiality claims (Art 78): the provider claims a document or a field with its reason and
the words never to publish, optionally with a non-confidential version; the AI Office sees the
claim on the case page; the publishing page warns when a wording contains a claimed term, and
nothing claimed confidential can be published (page and API)."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from gpai_cases.cases import services
from gpai_cases.cases.models import CaseEvent, ConfidentialityClaim
from gpai_cases.register import services as register
from gpai_cases.register.models import Publication

from ..conftest import pdf_upload

pytestmark = pytest.mark.django_db


def test_the_provider_claims_a_document_with_a_non_confidential_version(
    client, submitted_a, member_a, caseworker
):
    evidence = submitted_a.documents.get(kind="evidence")
    client.force_login(member_a)
    url = reverse("portal:confidentiality", args=[submitted_a.reference])
    refused = client.post(url, {"subject": f"document:{evidence.pk}", "reason": " "})
    assert refused.status_code == 200 and b"confidential" in refused.content
    done = client.post(
        url,
        {
            "subject": f"document:{evidence.pk}",
            "reason": "Cluster layout of our data centre.",
            "terms": "Project Nightjar\nab",
            "non_confidential_version": pdf_upload("redacted.pdf"),
        },
    )
    assert done.status_code == 302
    claim = ConfidentialityClaim.objects.get(case=submitted_a)
    assert claim.document == evidence and claim.non_confidential_version is not None
    assert claim.term_list() == ["Project Nightjar"]  # too short a term would match everywhere
    assert CaseEvent.objects.filter(case=submitted_a, action="confidentiality_claimed").exists()
    client.force_login(caseworker)
    page = client.get(reverse("workspace:case", args=[submitted_a.reference])).content.decode()
    claims = page.split('id="conf-h"')[1].split("</section>")[0]
    assert "Cluster layout of our data centre." in claims and "Project Nightjar" in claims
    assert "non-confidential version" in claims
    assert "claimed confidential (Art 78)" in page  # beside the document


def test_a_field_can_be_claimed_and_only_by_the_provider(submitted_a, member_a, caseworker):
    from django.core.exceptions import PermissionDenied

    claim = services.confidentiality_claim_file(
        actor=member_a,
        case=submitted_a,
        field="notification.architecture_description",
        reason="Trade secret.",
    )
    assert claim.subject == "Architecture of the model"
    with pytest.raises(PermissionDenied):
        services.confidentiality_claim_file(
            actor=caseworker, case=submitted_a, field="model.eu_end_users", reason="x"
        )
    with pytest.raises(services.ActionRefused, match="one document or one field"):
        services.confidentiality_claim_file(actor=member_a, case=submitted_a, reason="x")


@pytest.fixture
def designated(assessing_a, caseworker, approver, member_a):
    with time_machine.travel(datetime.datetime(2026, 1, 31, 9, tzinfo=datetime.UTC)):
        services.decision_propose(
            actor=caseworker, case=assessing_a, outcome="designate", reasoning="R"
        )
        services.decision_approve(actor=approver, case=assessing_a)
    services.confidentiality_claim_file(
        actor=member_a,
        case=assessing_a,
        field="notification.intended_uses",
        reason="Unreleased product.",
        terms="Nightjar",
    )
    return assessing_a.resulting_designation


def test_the_publishing_page_warns_and_publishing_a_claimed_term_is_refused(
    client, designated, office_admin
):
    client.force_login(office_admin)
    prefix = f"d{designated.pk}-"
    wording = {
        prefix + "public_model_name": "Alpha-1",
        prefix + "public_provider_name": "Alpha Labs SE",
        prefix + "summary": "Powers the NIGHTJAR assistant.",
    }
    saved = client.post(reverse("register:publish"), {**wording, "action": "save"})
    assert saved.status_code == 302
    page = client.get(reverse("register:publish")).content.decode()
    assert "claimed confidential by a provider" in page and "Nightjar" in page
    refused = client.post(
        reverse("register:publish"), {**wording, "action": "publish", "confirm": "yes"}
    )
    assert refused.status_code == 200
    assert "claimed confidential (Art 78); change the wording" in refused.content.decode()
    assert "Powers the NIGHTJAR assistant." in refused.content.decode()  # values kept
    assert not Publication.objects.exists()
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=office_admin).key}")
    answer = api.post(reverse("api:publications"), {}, format="json")
    assert answer.status_code == 409 and "Nightjar" in answer.json()["detail"]
    wording[prefix + "summary"] = "A frontier assistant."
    assert (
        client.post(
            reverse("register:publish"), {**wording, "action": "publish", "confirm": "yes"}
        ).status_code
        == 302
    )
    assert Publication.objects.count() == 1
    assert "ightjar" not in client.get(reverse("register:json")).content.decode()


def test_nothing_claimed_enters_the_public_list_through_the_service(designated, office_admin):
    with pytest.raises(services.ActionRefused):
        register.publish(
            actor=office_admin, overrides={designated.pk: {"public_model_name": "Nightjar-1"}}
        )
