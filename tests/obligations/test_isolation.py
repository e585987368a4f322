"""Isolation: another provider gets "not found" (404), never "forbidden", on every record of the
obligations — pages, actions, downloads and the API — and sees none of them in its lists. None of
it is public."""

from __future__ import annotations

import pytest
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from gpai_cases.obligations import services

from ..conftest import pdf_upload
from .conftest import D, at, file_framework, file_model_report, report_incident

pytestmark = pytest.mark.django_db


@pytest.fixture
def records_of_a(designation_a, member_a, caseworker, provider_a):
    with at(D(2026, 10, 2)):
        framework = file_framework(member_a, provider_a, "Alpha's secret framework")
        review = services.framework_review(
            actor=caseworker, version=framework, kind="changes_requested", note="Alpha: fix it"
        )
        report = file_model_report(member_a, designation_a, summary="Alpha's secret report")
        incident = report_incident(member_a, designation_a, title="Alpha's secret incident")
        update = services.incident_update(
            actor=member_a,
            incident=incident,
            what_happened="More",
            corrective_measures="More",
            uploaded_file=pdf_upload("incident-update.pdf"),
        )
        services.code_of_practice_record(
            actor=caseworker,
            provider=provider_a,
            chapter="copyright",
            signatory=True,
            on=D(2025, 8, 1),
        )
    return {
        "provider": provider_a.pk,
        "designation": designation_a.pk,
        "model": designation_a.model_id,
        "framework": framework.pk,
        "review": review.pk,
        "files": [framework.file_id, report.file_id, update.file_id],
        "incident": incident.pk,
    }


def pages(r):
    d, i = r["designation"], r["incident"]
    return [
        reverse("portal:model_report_file", args=[d]),
        reverse("portal:incident_report", args=[d]),
        reverse("portal:incident", args=[i]),
        reverse("portal:incident_update", args=[i]),
        reverse("portal:reassessment", args=[d]),
        *[reverse("obligation_file_download", args=[f]) for f in r["files"]],
    ]


def api_urls(r):
    p, d, i = r["provider"], r["designation"], r["incident"]
    return [
        reverse("api:provider-code-of-practice", args=[p]),
        reverse("api:provider-framework", args=[p]),
        reverse("api:framework-reviews", args=[r["framework"]]),
        reverse("api:designation-model-reports", args=[d]),
        reverse("api:designation-incidents", args=[d]),
        reverse("api:designation-timeline", args=[d]),
        reverse("api:incident", args=[i]),
        reverse("api:incident-reports", args=[i]),
        *[reverse("api:obligation-file-download", args=[f]) for f in r["files"]],
    ]


def test_another_provider_gets_404_on_every_page_action_and_download(
    records_of_a, client, member_b
):
    client.force_login(member_b)
    for url in pages(records_of_a):
        assert client.get(url).status_code == 404, url
        assert client.post(url, {"confirm": "on", "summary": "x"}).status_code == 404, url


def test_another_provider_gets_404_on_every_api_record(records_of_a, member_b):
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=member_b).key}")
    for url in api_urls(records_of_a):
        got, posted = api.get(url).status_code, api.post(url, {}, format="json").status_code
        # 405: the endpoint has no such method, whatever the record (nothing is revealed)
        assert (got, posted) in ((404, 404), (404, 405), (405, 404)), url
    listed = api.get(reverse("api:incidents")).json()
    assert listed["count"] == 0


def test_another_provider_sees_none_of_it_in_its_own_pages(records_of_a, client, member_b):
    client.force_login(member_b)
    for url in ("/portal/", "/portal/obligations/", "/inbox/"):
        body = client.get(url).content.decode()
        for secret in ("secret framework", "secret report", "secret incident", "fix it"):
            assert secret not in body, (url, secret)


def test_none_of_it_is_public(records_of_a, client):
    for url in [*pages(records_of_a), "/portal/obligations/", "/workspace/incidents/"]:
        assert client.get(url).status_code == 302, url  # → sign in
    api = APIClient()
    for url in [*api_urls(records_of_a), reverse("api:incidents"), reverse("api:incident-kinds")]:
        assert api.get(url).status_code == 401, url
    register = (
        client.get("/register/").content.decode() + client.get("/register.json").content.decode()
    )
    assert "secret" not in register


def test_the_provider_itself_reads_them_all(records_of_a, client, member_a):
    client.force_login(member_a)
    for url in pages(records_of_a):
        assert client.get(url).status_code == 200, url
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=member_a).key}")
    assert api.get(reverse("api:incidents")).json()["count"] == 1
    reviews = api.get(reverse("api:provider-framework", args=[records_of_a["provider"]])).json()
    assert [r["note"] for r in reviews[0]["reviews"]] == ["Alpha: fix it"]
