"""The loop back: a designated model's page in the workspace shows its provider's framework
versions, its model reports and its serious incidents on one timeline; a caseworker opens a
Commission reassessment citing dated entries; a provider's reassessment request cites its filed
reports as new reasons."""

from __future__ import annotations

import pytest

from gpai_cases.cases.models import Case
from gpai_cases.obligations.timeline import model_timeline

from .conftest import D, at, file_framework, file_model_report, report_incident

pytestmark = pytest.mark.django_db


@pytest.fixture
def record(designation_a, member_a, provider_a, caseworker):
    from gpai_cases.obligations import services

    with at(D(2026, 10, 1)):
        framework = file_framework(member_a, provider_a, "Framework with risk tiers")
        services.framework_review(
            actor=caseworker, version=framework, kind="assessment_note", note="Internal view"
        )
    with at(D(2026, 10, 5)):
        report = file_model_report(member_a, designation_a, summary="Evaluations show uplift")
    with at(D(2026, 11, 2)):
        incident = report_incident(
            member_a,
            designation_a,
            title="Breach of weights",
            kind="cybersecurity_breach",
            aware_on=D(2026, 10, 30),
        )
    return {"framework": framework, "report": report, "incident": incident}


def test_the_model_page_shows_framework_reports_and_incidents_on_one_timeline(
    record, designation_a, client, caseworker
):
    client.force_login(caseworker)
    page = client.get(f"/workspace/models/{designation_a.model_id}/").content.decode()
    order = [
        page.index("Designated"),
        page.index("Safety and security framework, version 1"),
        page.index("Model report, version 1"),
        page.index("Breach of weights"),
    ]
    assert order == sorted(order)
    assert "Internal view" in page  # the AI Office's own note, marked internal
    keys = [e.key for e in model_timeline(designation_a.model, user=caseworker)]
    assert f"report:{record['report'].pk}" in keys and f"incident:{record['incident'].pk}" in keys


def test_a_caseworker_opens_a_reassessment_citing_dated_entries(
    record, designation_a, client, caseworker, member_a
):
    client.force_login(caseworker)
    cite = [f"report:{record['report'].pk}", f"incident:{record['incident'].pk}"]
    form = client.get(
        f"/workspace/designations/{designation_a.pk}/reassess/", {"cite": cite}
    ).content.decode()
    assert "5 October 2026 — Model report, version 1 (first report" in form
    assert "2 November 2026 — Serious incident “Breach of weights”" in form
    with at(D(2026, 11, 3)):
        reasons = (
            "Dated entries of the model's record, filed since the decision:\n"
            "- 5 October 2026 — Model report, version 1: Evaluations show uplift"
        )
        response = client.post(
            f"/workspace/designations/{designation_a.pk}/reassess/",
            {"reasons": reasons, "confirm": "on"},
        )
    assert response.status_code == 302
    case = Case.objects.get(kind="reassessment", designation=designation_a)
    assert case.initiative == "commission" and "5 October 2026" in case.reasons
    # a provider may not read the AI Office's internal note, even by citing its key
    client.force_login(member_a)
    note_key = [e.key for e in model_timeline(designation_a.model, user=caseworker) if e.internal]
    assert note_key and note_key[0] not in [
        e.key for e in model_timeline(designation_a.model, user=member_a)
    ]


def test_a_providers_reassessment_request_cites_its_filed_reports(
    record, designation_a, client, member_a
):
    with at(D(2027, 3, 20)):
        client.force_login(member_a)  # signed in that day (a session does not last months)
        form = client.get(f"/portal/designations/{designation_a.pk}/reassessment/").content.decode()
        assert "Cite reports you filed since the decision" in form
        assert "Model report, version 1" in form
        refused = client.post(
            f"/portal/designations/{designation_a.pk}/reassessment/", {"reasons": "New reasons"}
        )
        assert "Upload a supporting document, or cite one of your filed reports." in (
            refused.content.decode()
        )
        response = client.post(
            f"/portal/designations/{designation_a.pk}/reassessment/",
            {"reasons": "New evaluations.", "cite": [f"report:{record['report'].pk}"]},
        )
    assert response.status_code == 302
    case = Case.objects.get(kind="reassessment", designation=designation_a)
    assert case.state == "submitted"
    assert "Reports cited:\n- 5 October 2026 — Model report, version 1" in case.reasons
    [document] = case.documents.all()
    assert document.title.startswith("Cited: Model report, version 1")
    assert document.sha256 == record["report"].file.sha256
