"""The API offers every step of the obligations, with the same services and refusals as the
pages: problem+json, 409 with the reasons when a step is not possible now."""

from __future__ import annotations

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from gpai_cases.cases.models import Case

from ..conftest import pdf_upload
from .conftest import D, at

pytestmark = pytest.mark.django_db


def api_for(user) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.get_or_create(user=user)[0].key}")
    return client


def test_every_step_through_the_api(designation_a, member_a, caseworker, office_admin, provider_a):
    provider, office, admin = api_for(member_a), api_for(caseworker), api_for(office_admin)
    d = designation_a.pk
    with at(D(2026, 10, 5)):
        # the Code of Practice, recorded by the AI Office
        r = office.post(
            f"/api/v1/providers/{provider_a.pk}/code-of-practice/",
            {"chapter": "safety_security", "signatory": True, "on": "2025-08-01"},
            format="json",
        )
        assert r.status_code == 201 and r.json()["status"] == "signatory since 1 August 2025"
        assert admin.get(f"/api/v1/providers/{provider_a.pk}/code-of-practice/").status_code == 200
        # the framework, filed and reviewed
        r = provider.post(
            f"/api/v1/providers/{provider_a.pk}/framework/",
            {"summary": "Framework", "file": pdf_upload("fw.pdf")},
            format="multipart",
        )
        assert r.status_code == 201
        version = r.json()
        assert version["version"] == 1 and version["file"]["url"].endswith("/download/")
        r = office.post(
            f"/api/v1/framework-versions/{version['id']}/reviews/",
            {"kind": "changes_requested", "note": "Add thresholds", "days": 10},
            format="json",
        )
        assert r.status_code == 201 and r.json()["due_date"] == "2026-10-15"
        # a model report
        r = provider.post(
            f"/api/v1/designations/{d}/model-reports/",
            {"summary": "Report", "file": pdf_upload("mr.pdf")},
            format="multipart",
        )
        assert r.status_code == 201 and r.json()["kind"] == "first"
        reports = provider.get(f"/api/v1/designations/{d}/model-reports/").json()
        assert reports["next_kind"] == "update" and reports["next_due"]["date"] == "2027-04-05"
        assert "update of the model report" in reports["next_due"]["rule"]
        # a serious incident (JSON), refused first in words
        r = provider.post(
            f"/api/v1/designations/{d}/incidents/",
            {
                "kind": "death",
                "title": "T",
                "aware_on": "2026-10-06",
                "what_happened": "W",
                "corrective_measures": "C",
            },
            format="json",
        )
        assert r.status_code == 409
        assert r.json()["reasons"] == ["The date you became aware cannot be in the future."]
        assert r["Content-Type"] == "application/problem+json"
        r = provider.post(
            f"/api/v1/designations/{d}/incidents/",
            {
                "kind": "death",
                "title": "T",
                "aware_on": "2026-10-01",
                "what_happened": "W",
                "corrective_measures": "C",
            },
            format="json",
        )
        assert r.status_code == 201
        incident = r.json()
        assert incident["initial_due"] == "2026-10-12" and incident["initial_late"] is False
        assert "Measure 9.3" in incident["initial_due_rule"]
        queue = office.get("/api/v1/incidents/").json()
        assert [i["id"] for i in queue["results"]] == [incident["id"]]
        assert office.get(f"/api/v1/designations/{d}/timeline/").status_code == 200
        kinds = office.get("/api/v1/incident-kinds/").json()
        assert {k["code"]: k["initial_days"] for k in kinds}["critical_infrastructure"] == 2
    with at(D(2026, 10, 20)):
        r = provider.post(
            f"/api/v1/incidents/{incident['id']}/reports/",
            {"what_happened": "W", "corrective_measures": "C", "final": True},
            format="json",
        )
        assert r.status_code == 409
        assert r.json()["reasons"] == ["A final report gives the date the incident was resolved."]
        r = provider.post(
            f"/api/v1/incidents/{incident['id']}/reports/",
            {
                "what_happened": "W",
                "corrective_measures": "C",
                "final": True,
                "resolved_on": "2026-10-19",
            },
            format="json",
        )
        assert r.status_code == 201 and r.json()["stage"] == "final"
        detail = provider.get(f"/api/v1/incidents/{incident['id']}/").json()
        assert detail["closed_on"] == "2026-10-20" and len(detail["reports"]) == 2
        file_id = version["file"]["id"]
        download = provider.get(f"/api/v1/obligation-files/{file_id}/download/")
        assert download.status_code == 200
        assert b"".join(download.streaming_content).startswith(b"%PDF")


def test_a_reassessment_through_the_api_cites_timeline_entries(designation_a, member_a, caseworker):
    office = api_for(caseworker)
    with at(D(2026, 10, 5)):
        provider = api_for(member_a)
        report = provider.post(
            f"/api/v1/designations/{designation_a.pk}/model-reports/",
            {"summary": "Uplift found", "file": pdf_upload()},
            format="multipart",
        ).json()
        r = office.post(
            f"/api/v1/designations/{designation_a.pk}/reassess/",
            {"reasons": "New evidence.", "cite": [f"report:{report['id']}", "report:999999"]},
            format="json",
        )
    assert r.status_code == 201
    case = Case.objects.get(reference=r.json()["reference"])
    assert case.reasons.startswith("New evidence.\n\nDated entries of the model's record")
    assert "5 October 2026 — Model report, version 1" in case.reasons
    assert "999999" not in case.reasons
