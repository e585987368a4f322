"""Documents carry their visibility: an evaluation report the AI Office attaches is internal —
"not found" for the provider on every path (case page, download, API, letters, timeline) — until
a caseworker shares it, on purpose and after a confirmation; the share is in the audit trail."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from gpai_cases.cases import services
from gpai_cases.cases.models import CaseEvent
from gpai_cases.documents.models import Visibility
from gpai_cases.letters.models import Letter
from gpai_cases.letters.rendering import render_html

from ..conftest import pdf_upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def report(assessing_a, caseworker):
    return services.document_add(
        actor=caseworker,
        case=assessing_a,
        uploaded_file=pdf_upload("evaluation.pdf"),
        title="Independent evaluation report",
        kind="report",
    )


def _api(user) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    return client


def _provider_paths(client, api, case, report) -> dict[str, int]:
    page = client.get(reverse("portal:case", args=[case.reference])).content.decode()
    events = api.get(reverse("api:case-events", args=[case.reference])).json()["results"]
    acknowledgement = Letter.objects.get(case=case, kind="acknowledgement")
    return {
        "listed on the case page": int(report.title in page),
        "download": client.get(reverse("document_download", args=[report.pk])).status_code,
        "API download": api.get(reverse("api:document-download", args=[report.pk])).status_code,
        "uploads in the timeline": sum(e["action"] == "document_uploaded" for e in events),
        "in a letter": int(report.title in render_html(acknowledgement)),
    }


def test_an_evaluation_report_is_internal_by_default(report, member_a):
    assert report.visibility == Visibility.INTERNAL


def test_an_internal_report_is_not_found_for_the_provider_on_every_path_until_shared(
    client, report, member_a, caseworker, assessing_a
):
    client.force_login(member_a)
    api = _api(member_a)
    assert _provider_paths(client, api, assessing_a, report) == {
        "listed on the case page": 0,
        "download": 404,
        "API download": 404,
        "uploads in the timeline": 1,  # the provider's own compute log only
        "in a letter": 0,
    }
    services.document_share(actor=caseworker, document=report)
    shared = _provider_paths(client, api, assessing_a, report)
    assert shared["listed on the case page"] == 1
    assert shared["download"] == 200 and shared["API download"] == 200
    assert shared["uploads in the timeline"] == 2
    event = CaseEvent.objects.filter(case=assessing_a, action="document_shared").get()
    assert event.actor == caseworker and event.payload["document"] == report.pk


def test_the_ai_office_sees_an_internal_document_marked_as_such(client, report, caseworker):
    client.force_login(caseworker)
    page = client.get(reverse("workspace:case", args=[report.case.reference])).content.decode()
    assert "internal: the provider does not see it" in page
    assert reverse("workspace:document_share", args=[report.case.reference, report.pk]) in page
    assert client.get(reverse("document_download", args=[report.pk])).status_code == 200


def test_sharing_asks_for_a_confirmation_and_is_refused_twice(client, report, caseworker):
    url = reverse("workspace:document_share", args=[report.case.reference, report.pk])
    client.force_login(caseworker)
    assert b"Share with the provider" in client.get(url).content
    unconfirmed = client.post(url, {})
    assert unconfirmed.status_code == 200 and b"Tick the box to confirm" in unconfirmed.content
    report.refresh_from_db()
    assert report.internal
    assert client.post(url, {"confirm": "yes"}).status_code == 302
    report.refresh_from_db()
    assert not report.internal and report.shared_by == caseworker
    with pytest.raises(services.ActionRefused, match="already shared"):
        services.document_share(actor=caseworker, document=report)


def test_only_a_caseworker_shares(report, approver, member_a):
    from django.core.exceptions import PermissionDenied

    for user in (approver, member_a):
        with pytest.raises(PermissionDenied):
            services.document_share(actor=user, document=report)


def test_what_the_provider_files_is_shared(draft_a):
    assert {d.visibility for d in draft_a.documents.all()} == {Visibility.SHARED}


def test_a_refused_share_shows_the_same_page_with_its_error_and_the_ticked_box(
    client, report, caseworker
):
    url = reverse("workspace:document_share", args=[report.case.reference, report.pk])
    client.force_login(caseworker)
    unticked = client.post(url, {}).content.decode()
    assert 'id="error-summary-title"' in unticked and "Tick the box to confirm" in unticked
    assert 'id="id_confirm_error"' in unticked
    # someone else shares it between the page and the click: the same page, the refusal, the box
    services.document_share(actor=caseworker, document=report)
    refused = client.post(url, {"confirm": "on"})
    page = refused.content.decode()
    assert refused.status_code == 200 and "already shared with the provider" in page
    assert 'id="error-summary-title"' in page
    box = re.search(r"<input[^>]*id=\"id_confirm\"[^>]*>", page).group(0)
    assert "checked" in box


def test_a_refusal_is_plain_text_in_the_readers_language(report, caseworker):
    import json

    from django.utils import translation

    shared = services.document_share(actor=caseworker, document=report)
    with translation.override("fr"), pytest.raises(services.ActionRefused) as refused:
        services.document_share(actor=caseworker, document=shared)
    assert refused.value.reasons == ["Ce document est déjà partagé avec le fournisseur."]
    assert all(type(r) is str for r in refused.value.reasons)  # serialises as an API detail
    assert json.loads(json.dumps({"reasons": refused.value.reasons}))["reasons"]
