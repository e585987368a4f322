"""Hypothesis-generated input for the forms of the portal and the workspace: never a 500, and a
form that is shown again with errors has written nothing."""

from __future__ import annotations

import datetime
import os

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gpai_cases.cases.models import Case, CaseEvent, Claim, InformationRequest, RequestExtension
from gpai_cases.documents.models import Document
from gpai_cases.providers.models import GPAIModel, Provider

TEXT = st.one_of(
    st.text(max_size=60),
    st.sampled_from(
        [
            "",
            " ",
            "0",
            "-1",
            "1e999",
            "3.2e25",
            "10^25",
            "2026-02-30",
            "9999-12-31",
            "NaN",
            "<script>alert(1)</script>",
            "' OR 1=1 --",
            "\x00",
            "x" * 5000,
            "hardware",
            "met",
            "mitigation",
            "designate",
            "open_source",
            "on",
        ]
    ),
)
FIELDS = {
    "portal:model_new": [
        "name",
        "version",
        "modalities",
        "parameter_count",
        "training_compute_flop",
        "training_tokens",
        "release_mode",
        "planned_release_date",
        "eu_business_users",
    ],
    "portal:notify": ["trigger_type", "trigger_date"],
    "portal:wizard#compute": [
        "compute_flop",
        "compute_method",
        "accelerators",
        "peak_flops_per_accelerator",
        "utilisation",
        "training_hours",
        "parameters",
        "training_tokens",
    ],
    "portal:wizard#details": ["architecture_description", "intended_uses"],
    "portal:wizard#arguments": ["text", "basis", "documents"],
    "portal:withdraw": ["reason", "confirm"],
    "workspace:ex_officio": [
        "basis",
        "alert_reference",
        "alert_date",
        "source",
        "model",
        "new_provider_name",
        "new_provider_country",
        "new_model_name",
        "new_model_compute",
    ],
    "workspace:request_information": ["kind", "questions", "due_date", "draft_reasoning"],
    "workspace:propose": ["outcome", "reasoning"],
    "workspace:request_withdraw": ["reason", "confirm"],
    "workspace:request_extend": ["due_date", "reason"],
    "workspace:extension_decide": ["decision", "due_date", "note"],
    "portal:extension_request": ["proposed_due_date", "reason"],
    "workspace:assign": ["assignee", "reason"],
    "workspace:return": ["comment"],
    "workspace:review_claim": ["review", "note"],
    "workspace:assessment": [
        "c-a-finding",
        "c-a-rating",
        "c-e-note",
        "r-cbrn-relevant",
        "r-cbrn-note",
        "evaluator",
        "evaluation_method",
        "evaluation_result",
    ],
    "portal:wizard#trigger": ["trigger_type", "trigger_date"],
    "portal:wizard#evidence": ["title", "next"],
    "portal:wizard#review": ["confirm"],
    "portal:respond": ["response"],
    "portal:supplementary": ["text", "basis", "documents"],
    "portal:correct": [
        "compute_flop",
        "compute_method",
        "trigger_date",
        "reason",
        "accelerators",
        "utilisation",
    ],
    "portal:claim_replace": ["text", "basis", "documents"],
    "register:publish": ["action", "confirm", "d1-public_model_name", "d1-summary"],
    "login": ["username", "password"],
    "second_factor_setup": ["token", "next"],
}


def counts() -> tuple[int, ...]:
    return tuple(
        m.objects.count()
        for m in (
            Case,
            CaseEvent,
            Claim,
            Document,
            InformationRequest,
            RequestExtension,
            GPAIModel,
            Provider,
        )
    )


@pytest.mark.django_db
@pytest.mark.parametrize("target", sorted(FIELDS))
def test_forms_never_fail_and_refused_input_writes_nothing(
    client, target, member_a, caseworker, office_admin, draft_a, assessing_a
):
    from gpai_cases.cases import services

    name, _, step = target.partition("#")
    if name == "register:publish":
        user = office_admin
    elif name.startswith(("portal", "second_factor")):
        user = member_a
    else:
        user = caseworker
    rfi = services.information_request_send(actor=caseworker, case=assessing_a, questions=["Q"])
    asked = services.extension_request(
        actor=member_a,
        request=services.information_request_send(
            actor=caseworker, case=assessing_a, questions=["Q2"]
        ),
        reason="R",
        proposed_due_date=rfi.due_date + datetime.timedelta(days=7),
    )
    claim = services.claims_file(
        actor=member_a, case=assessing_a, claims=[{"text": "C", "basis": "reach"}]
    )[0]
    args = {
        "portal:notify": [draft_a.model_id],
        "portal:wizard": [draft_a.reference, step],
        "portal:withdraw": [draft_a.reference],
        "workspace:request_information": [assessing_a.reference],
        "workspace:propose": [assessing_a.reference],
        "workspace:assign": [assessing_a.reference],
        "workspace:return": [assessing_a.reference],
        "workspace:assessment": [assessing_a.reference],
        "workspace:review_claim": [assessing_a.reference, claim.pk],
        "portal:respond": [assessing_a.reference, rfi.pk],
        "portal:extension_request": [assessing_a.reference, rfi.pk],
        "workspace:request_withdraw": [assessing_a.reference, rfi.pk],
        "workspace:request_extend": [assessing_a.reference, rfi.pk],
        "workspace:extension_decide": [assessing_a.reference, asked.pk],
        "portal:supplementary": [assessing_a.reference],
        "portal:correct": [assessing_a.reference],
        "portal:claim_replace": [assessing_a.reference, claim.pk],
    }.get(name)
    url = reverse(name, args=args)
    if name != "login":
        client.force_login(user)

    @settings(
        max_examples=int(os.environ.get("FUZZ_EXAMPLES", 25)),
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(st.fixed_dictionaries({field: TEXT for field in FIELDS[target]}))
    def post(data):
        before = counts()
        response = client.post(url, data)
        assert response.status_code < 500
        if response.status_code == 200:  # shown again with errors
            assert counts() == before, "a refused form wrote something"

    post()
