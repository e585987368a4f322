"""REST API v1: every row of the contract for the allowed role and a refused one; the error format."""

from __future__ import annotations

import datetime
import io

import pytest
import time_machine
from django.core.management import call_command
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from gpai_cases.cases import services
from gpai_cases.cases.models import Case, Designation

from ..conftest import PDF_BYTES, file_draft_notification, pdf_upload
from ..factories import GPAIModelFactory

pytestmark = pytest.mark.django_db


def api(user=None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.credentials(
            HTTP_AUTHORIZATION=f"Token {Token.objects.get_or_create(user=user)[0].key}"
        )
    return client


def problem(response, status):
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/problem+json")
    body = response.json()
    assert body["status"] == status and body["title"] and body["detail"]
    return body


def test_no_or_a_bad_token_is_401(db):
    problem(api().get("/api/v1/cases/"), 401)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token nope")
    problem(client.get("/api/v1/cases/"), 401)


def test_create_api_user_prints_the_token_alone_on_the_last_line():
    out = io.StringIO()
    call_command(
        "create_api_user",
        "ops@newlab.example",
        "--role",
        "provider",
        "--provider",
        "New Lab AB",
        stdout=out,
    )
    token = out.getvalue().strip().splitlines()[-1]
    assert Token.objects.get(key=token).user.email == "ops@newlab.example"
    assert api().get("/api/v1/models/", HTTP_AUTHORIZATION=f"Token {token}").status_code == 200
    again = io.StringIO()
    call_command("create_api_user", "ops@newlab.example", "--role", "caseworker", stdout=again)
    assert again.getvalue().strip().splitlines()[-1] == token  # updated, same token


def test_providers_are_created_by_the_ai_office(caseworker, office_admin, member_a):
    body = {"legal_name": "Delta AI GmbH", "country": "DE"}
    assert api(caseworker).post("/api/v1/providers/", body, format="json").status_code == 201
    assert (
        api(office_admin)
        .post("/api/v1/providers/", {**body, "legal_name": "Eps AI"}, format="json")
        .status_code
        == 201
    )
    problem(
        api(member_a).post("/api/v1/providers/", {**body, "legal_name": "Zeta"}, format="json"), 403
    )
    errors = problem(
        api(caseworker).post(
            "/api/v1/providers/", {"legal_name": "X", "country": "ZZ"}, format="json"
        ),
        400,
    )
    assert "country" in errors["errors"]


MODEL = {
    "name": "Alpha-API",
    "version": "1",
    "modalities": ["text", "code"],
    "parameter_count": 4e11,
    "training_compute_flop": "3.2e25",
    "training_tokens": "1.5e13",
    "release_mode": "api",
    "eu_business_users": 12000,
    "eu_end_users": 1000000,
}


def test_models_are_registered_by_their_provider_or_a_caseworker(
    member_a, member_b, caseworker, provider_a
):
    created = api(member_a).post("/api/v1/models/", MODEL, format="json")
    assert created.status_code == 201 and created.json()["above_threshold"] is True
    assert api(member_a).get(f"/api/v1/models/{created.json()['id']}/").status_code == 200
    problem(api(member_b).get(f"/api/v1/models/{created.json()['id']}/"), 404)
    problem(
        api(caseworker).post("/api/v1/models/", {**MODEL, "name": "B"}, format="json"), 400
    )  # provider needed
    by_office = api(caseworker).post(
        "/api/v1/models/", {**MODEL, "name": "B", "provider": provider_a.pk}, format="json"
    )
    assert by_office.status_code == 201
    bad = problem(
        api(member_a).post(
            "/api/v1/models/", {**MODEL, "training_compute_flop": "lots"}, format="json"
        ),
        400,
    )
    assert "training_compute_flop" in bad["errors"]
    assert [m["name"] for m in api(member_b).get("/api/v1/models/").json()["results"]] == []


def notification_body(model):
    return {
        "kind": "notification",
        "model": model.pk,
        "trigger_type": "met",
        "trigger_date": "2026-03-02",
        "compute_method": "hardware",
        "compute_flop": "3.2e25",
        "description": "Dense transformer.",
    }


def test_the_whole_procedure_through_the_api(
    member_a,
    member_b,
    caseworker,
    approver,
    approver2,
    office_admin,
    model_a,
    django_capture_on_commit_callbacks,
):
    p, c, a = api(member_a), api(caseworker), api(approver)
    created = p.post("/api/v1/cases/", notification_body(model_a), format="json")
    assert created.status_code == 201
    case = created.json()
    assert case["state"] == "draft" and case["notification_due"] == "2026-03-16"
    ref = case["reference"]
    problem(api(member_b).get(f"/api/v1/cases/{ref}/"), 404)
    problem(api(member_b).post("/api/v1/cases/", notification_body(model_a), format="json"), 404)
    # documents: refused type, then a PDF
    bad = problem(
        p.post(
            f"/api/v1/cases/{ref}/documents/",
            {"file": io.BytesIO(b"MZ" + b"\0" * 50), "title": "x"},
            format="multipart",
        ),
        400,
    )
    assert "file" in bad["errors"]
    doc = p.post(
        f"/api/v1/cases/{ref}/documents/",
        {"file": pdf_upload(), "title": "Compute log"},
        format="multipart",
    ).json()
    assert len(doc["sha256"]) == 64 and doc["content_type"] == "application/pdf"
    # arguments
    claims = p.post(
        f"/api/v1/cases/{ref}/arguments/",
        {"claims": [{"text": "Below frontier", "basis": "capability", "documents": [doc["id"]]}]},
        format="json",
    )
    assert claims.status_code == 201 and claims.json()["claims"][0]["documents"] == [doc["id"]]
    problem(
        p.post(
            f"/api/v1/cases/{ref}/arguments/",
            {"claims": [{"text": "x", "basis": "vibes"}]},
            format="json",
        ),
        400,
    )
    # submit: a draft is the provider's own, "not found" for the AI Office until submitted
    problem(c.post(f"/api/v1/cases/{ref}/submit/"), 404)
    with django_capture_on_commit_callbacks(execute=True):
        assert p.post(f"/api/v1/cases/{ref}/submit/").json()["state"] == "submitted"
    problem(p.post(f"/api/v1/cases/{ref}/submit/"), 409)
    # take up (refused for the provider)
    problem(p.post(f"/api/v1/cases/{ref}/take-up/"), 403)
    assert c.post(f"/api/v1/cases/{ref}/take-up/").json()["state"] == "under_assessment"
    # adverse proposal needs a hearing: 409 with words
    refused = problem(
        c.post(
            f"/api/v1/cases/{ref}/propose-decision/",
            {"outcome": "designate", "reasoning": "R"},
            format="json",
        ),
        409,
    )
    assert "heard" in refused["detail"]
    problem(
        p.post(
            f"/api/v1/cases/{ref}/information-requests/",
            {"kind": "hearing", "draft_reasoning": "D"},
            format="json",
        ),
        403,
    )
    hearing = c.post(
        f"/api/v1/cases/{ref}/information-requests/",
        {"kind": "hearing", "draft_reasoning": "We will designate."},
        format="json",
    )
    assert hearing.status_code == 201 and hearing.json()["status"] == "open"
    problem(
        api(member_b).post(
            f"/api/v1/information-requests/{hearing.json()['id']}/respond/",
            {"response": "x"},
            format="json",
        ),
        404,
    )
    answered = p.post(
        f"/api/v1/information-requests/{hearing.json()['id']}/respond/",
        {"response": "We disagree."},
        format="json",
    )
    assert answered.json()["status"] == "answered"
    claim_id = claims.json()["claims"][0]["id"]
    problem(
        p.post(
            f"/api/v1/claims/{claim_id}/review/",
            {"review": "not_substantiated", "note": "x"},
            format="json",
        ),
        403,
    )
    problem(c.post(f"/api/v1/claims/{claim_id}/review/", {"review": "maybe"}, format="json"), 400)
    reviewed = c.post(
        f"/api/v1/claims/{claim_id}/review/",
        {"review": "not_substantiated", "note": "Scores at the frontier."},
        format="json",
    ).json()
    assert reviewed["review"] == "not_substantiated" and reviewed["review_note"]
    assert (
        c.post(
            f"/api/v1/cases/{ref}/propose-decision/",
            {"outcome": "designate", "reasoning": "R"},
            format="json",
        ).json()["state"]
        == "decision_proposed"
    )
    # return, propose again, approve (four eyes)
    problem(c.post(f"/api/v1/cases/{ref}/return/", {"comment": "x"}, format="json"), 403)
    assert (
        a.post(f"/api/v1/cases/{ref}/return/", {"comment": "Cite (e)."}, format="json").json()[
            "state"
        ]
        == "under_assessment"
    )
    c.post(
        f"/api/v1/cases/{ref}/propose-decision/",
        {"outcome": "designate", "reasoning": "R2"},
        format="json",
    )
    problem(c.post(f"/api/v1/cases/{ref}/approve/"), 403)
    with (
        django_capture_on_commit_callbacks(execute=True),
        time_machine.travel(datetime.datetime(2026, 9, 15, 9, tzinfo=datetime.UTC)),
    ):
        decided = api(approver2).post(f"/api/v1/cases/{ref}/approve/").json()
    assert decided["state"] == "decided" and decided["decision"] == {
        "outcome": "designate",
        "decided_on": "2026-09-15",
    }
    # events, letters, designation
    events = p.get(f"/api/v1/cases/{ref}/events/").json()["results"]
    assert [e["at"] for e in events] == sorted(e["at"] for e in events)  # oldest first
    assert {"at", "actor", "action", "from_state", "to_state"} <= set(events[0])
    assert {"created", "submitted", "decision_approved"} <= {e["action"] for e in events}
    letters = p.get(f"/api/v1/cases/{ref}/letters/").json()
    kinds = [entry["kind"] for entry in letters]
    assert "acknowledgement" in kinds and "decision" in kinds
    pdf = p.get(letters[-1]["url"])
    assert pdf.status_code == 200 and b"".join(pdf.streaming_content).startswith(b"%PDF")
    problem(api(member_b).get(f"/api/v1/cases/{ref}/letters/"), 404)
    designation = p.get(f"/api/v1/designations/{decided['designation']}/").json()
    assert designation["active"] and designation["reassessment_earliest"] == "2027-03-16"
    problem(api(member_b).get(f"/api/v1/designations/{decided['designation']}/"), 404)
    # reassessment too early: 409 with earliest_date
    re_case = p.post(
        "/api/v1/cases/",
        {"kind": "reassessment", "designation": decided["designation"], "reasons": "New evals"},
        format="json",
    ).json()
    p.post(
        f"/api/v1/cases/{re_case['reference']}/documents/",
        {"file": pdf_upload()},
        format="multipart",
    )
    with time_machine.travel(datetime.datetime(2027, 3, 10, 9, tzinfo=datetime.UTC)):
        early = problem(p.post(f"/api/v1/cases/{re_case['reference']}/submit/"), 409)
    assert early["earliest_date"] == "2027-03-16"
    # publications: admin publishes, anyone reads
    problem(c.post("/api/v1/publications/", {}, format="json"), 403)
    published = api(office_admin).post(
        "/api/v1/publications/",
        {"entries": [{"designation": decided["designation"], "public_model_name": "Alpha One"}]},
        format="json",
    )
    assert (
        published.status_code == 201 and published.json()["entries"][0]["model_name"] == "Alpha One"
    )
    public = api().get("/api/v1/publications/").json()
    assert public["results"][0]["number"] == published.json()["number"]


def test_withdraw_needs_a_reason(member_a, model_a):
    ref = (
        api(member_a)
        .post("/api/v1/cases/", notification_body(model_a), format="json")
        .json()["reference"]
    )
    problem(api(member_a).post(f"/api/v1/cases/{ref}/withdraw/", {}, format="json"), 409)
    assert (
        api(member_a)
        .post(f"/api/v1/cases/{ref}/withdraw/", {"reason": "Mistake"}, format="json")
        .json()["state"]
        == "withdrawn"
    )


def test_ex_officio_through_the_api(caseworker, member_a, model_b):
    body = {
        "kind": "ex_officio",
        "model": model_b.pk,
        "basis": "scientific_panel_alert",
        "alert_reference": "SP-1",
    }
    problem(api(member_a).post("/api/v1/cases/", body, format="json"), 404)  # not its model
    created = api(caseworker).post("/api/v1/cases/", body, format="json")
    assert created.status_code == 201 and created.json()["state"] == "under_assessment"


def test_lists_are_paginated_scoped_and_use_a_constant_number_of_queries(
    member_a, member_b, caseworker, model_a, model_b, django_assert_max_num_queries
):
    # one case per model (docs/rules.md § one-case-per-model): a model each
    for _ in range(3):
        file_draft_notification(
            member_a, GPAIModelFactory(provider=model_a.provider), evidence=False
        )
    file_draft_notification(member_b, model_b, evidence=False)
    other_b = GPAIModelFactory(provider=model_b.provider)
    services.case_submit(actor=member_b, case=file_draft_notification(member_b, other_b))
    body = api(member_a).get("/api/v1/cases/").json()
    assert body["count"] == 3 and {"next", "previous", "results"} <= set(body)
    # drafts are their providers' own: the AI Office lists the submitted case only
    assert api(caseworker).get("/api/v1/cases/").json()["count"] == 1
    with django_assert_max_num_queries(8):
        api(caseworker).get("/api/v1/cases/")
    for _ in range(20):
        file_draft_notification(
            member_a, GPAIModelFactory(provider=model_a.provider), evidence=False
        )
    with django_assert_max_num_queries(8):
        api(caseworker).get("/api/v1/cases/")


def test_garbage_input_is_400_not_500(member_a, caseworker, model_a):
    p = api(member_a)
    for body in (
        {"kind": "notification", "model": "x"},
        {"kind": 7},
        {"kind": "notification", "model": 10**30},
        {
            "kind": "notification",
            "model": model_a.pk,
            "trigger_type": "met",
            "trigger_date": "2026-02-30",
            "compute_method": "hardware",
            "compute_flop": "1e999",
        },
        [],
        "null",
    ):
        response = p.post("/api/v1/cases/", body, format="json")
        assert response.status_code == 400, (body, response.content)
    assert (
        p.post("/api/v1/cases/", b"{not json", content_type="application/json").status_code == 400
    )
    problem(p.get("/api/v1/cases/NOPE/"), 404)


def test_openapi_schema_and_docs_are_served_offline(client):
    schema = client.get("/api/schema/")
    assert schema.status_code == 200 and b"/api/v1/cases/" in schema.content
    docs = client.get("/api/docs/")
    assert docs.status_code == 200 and b"cdn" not in docs.content.lower()


def test_case_fields_follow_the_contract(member_a, model_a):
    case = api(member_a).post("/api/v1/cases/", notification_body(model_a), format="json").json()
    assert set(case) == {
        "reference",
        "kind",
        "state",
        "model",
        "provider",
        "trigger_date",
        "notification_due",
        "submitted_at",
        "late",
        "assignee",
        "decision",
        "designation",
    }
    assert Case.objects.filter(reference=case["reference"]).exists()
    assert not Designation.objects.exists()
    assert PDF_BYTES and services
