"""Reassessment over time (docs/rules.md § reassessment): the Commission's own motion, ending in
maintain or revoke with four eyes; a provider's request declined, which restarts nothing."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from gpai_cases.cases import services
from gpai_cases.cases.models import (
    CaseEvent,
    Designation,
    InformationRequest,
    Initiative,
    RequestStatus,
    State,
)
from gpai_cases.cases.services import ActionRefused
from gpai_cases.letters.models import Letter, LetterKind

from ..conftest import pdf_upload

pytestmark = pytest.mark.django_db

DEC_2026 = datetime.datetime(2026, 12, 1, 9, tzinfo=datetime.UTC)


def _open(designation, caseworker, reasons="New independent evaluations show lower capabilities."):
    with time_machine.travel(DEC_2026):
        return services.reassessment_open(
            actor=caseworker, designation=designation, reasons=reasons
        )


def test_the_commission_reassesses_of_its_own_motion_and_revokes_with_four_eyes(
    designation_a, caseworker, caseworker2, approver, member_a
):
    case = _open(designation_a, caseworker)
    assert case.state == State.UNDER_ASSESSMENT and case.initiative == Initiative.COMMISSION
    assert case.assignee == caseworker and case.designation == designation_a
    # the provider gets the notice and is asked for its observations (the clock stops)
    assert Letter.objects.filter(case=case, kind=LetterKind.REASSESSMENT_NOTICE).exists()
    observations = InformationRequest.objects.get(case=case)
    assert observations.status == RequestStatus.OPEN
    assert observations.due_date == datetime.date(2026, 12, 15)  # 14 days, a Tuesday
    assert CaseEvent.objects.filter(case=case, action="reassessment_opened").exists()

    with time_machine.travel(datetime.datetime(2026, 12, 10, 9, tzinfo=datetime.UTC)):
        services.information_request_answer(
            actor=member_a, request=observations, response="We agree the model is below."
        )
        with pytest.raises(
            ActionRefused,
            match="can end only in one of: Maintain the designation; Revoke the designation",
        ):
            services.decision_propose(
                actor=caseworker, case=case, outcome="not_reassessed", reasoning="R"
            )
        services.decision_propose(
            actor=caseworker, case=case, outcome="revoke", reasoning="Below the frontier now."
        )
        with pytest.raises(PermissionDenied):
            services.decision_approve(actor=caseworker2, case=case)  # not an approver
        services.decision_approve(actor=approver, case=case)
    designation_a.refresh_from_db()
    assert designation_a.ended_on == datetime.date(2026, 12, 10)
    assert designation_a.ended_by == case
    assert Letter.objects.filter(case=case, kind=LetterKind.REASSESSMENT_OUTCOME).exists()


def test_a_designation_is_reassessed_in_one_case_at_a_time(designation_a, caseworker, member_a):
    case = _open(designation_a, caseworker)
    with pytest.raises(ActionRefused, match=f"already being reassessed in case {case.reference}"):
        _open(designation_a, caseworker)
    with pytest.raises(ActionRefused, match=case.reference):
        services.case_create_reassessment(
            actor=member_a, designation=designation_a, reasons="Ours too"
        )


def test_only_caseworkers_open_a_reassessment_and_only_with_reasons(
    designation_a, caseworker, approver, member_a
):
    for actor in (approver, member_a):
        with pytest.raises(PermissionDenied):
            services.reassessment_open(actor=actor, designation=designation_a, reasons="R")
    with pytest.raises(ActionRefused, match="Give the basis and the reasons"):
        services.reassessment_open(actor=caseworker, designation=designation_a, reasons="  ")


def _observed(case, member):
    """The provider answers the request for observations."""
    services.information_request_answer(
        actor=member, request=InformationRequest.objects.get(case=case), response="Noted."
    )


def test_an_ended_designation_cannot_be_reassessed(designation_a, caseworker, approver, member_a):
    case = _open(designation_a, caseworker)
    _observed(case, member_a)
    services.decision_propose(actor=caseworker, case=case, outcome="revoke", reasoning="R")
    services.decision_approve(actor=approver, case=case)
    with pytest.raises(ActionRefused, match="This designation has ended"):
        _open(Designation.objects.get(pk=designation_a.pk), caseworker)


def _provider_request(designation, member, caseworker, *, on=datetime.datetime(2027, 3, 20, 9)):
    case = services.case_create_reassessment(
        actor=member, designation=designation, reasons="Our new model card shows less reach."
    )
    services.document_add(actor=member, case=case, uploaded_file=pdf_upload("reasons.pdf"))
    with time_machine.travel(on.replace(tzinfo=datetime.UTC)):
        services.case_submit(actor=member, case=case)
        services.case_take_up(actor=caseworker, case=case)
    return case


def test_declining_a_providers_request_leaves_the_designation_and_its_earliest_date(
    designation_a, member_a, caseworker, approver
):
    before = Designation.objects.get(pk=designation_a.pk)
    assert before.reassessment_earliest == datetime.date(2027, 3, 16)
    case = _provider_request(designation_a, member_a, caseworker)
    with time_machine.travel(datetime.datetime(2027, 4, 30, 9, tzinfo=datetime.UTC)):
        with pytest.raises(ActionRefused, match="Write the reasoning"):
            services.decision_propose(
                actor=caseworker, case=case, outcome="not_reassessed", reasoning=" "
            )
        services.decision_propose(
            actor=caseworker,
            case=case,
            outcome="not_reassessed",
            reasoning="The reasons are not new: they predate the decision.",
        )
        decision = services.decision_approve(actor=approver, case=case)
    assert decision.outcome == "not_reassessed"
    after = Designation.objects.get(pk=designation_a.pk)
    assert after.active
    assert (after.last_decision_on, after.reassessment_earliest, after.reassessment_rule) == (
        before.last_decision_on,
        before.reassessment_earliest,
        before.reassessment_rule,
    )
    assert not CaseEvent.objects.filter(case=case, action="designation_changed").exists()
    letter = Letter.objects.get(case=case, kind=LetterKind.REASSESSMENT_OUTCOME)
    assert letter.decision == decision
    # and the provider may ask again at once: the earliest date has not moved
    with time_machine.travel(datetime.datetime(2027, 5, 3, 9, tzinfo=datetime.UTC)):
        _provider_request(after, member_a, caseworker, on=datetime.datetime(2027, 5, 3, 9))


def test_maintaining_after_the_commissions_reassessment_restarts_the_six_months(
    designation_a, caseworker, approver, member_a
):
    case = _open(designation_a, caseworker)
    _observed(case, member_a)
    with time_machine.travel(datetime.datetime(2027, 1, 29, 9, tzinfo=datetime.UTC)):
        services.decision_propose(actor=caseworker, case=case, outcome="maintain", reasoning="R")
        services.decision_approve(actor=approver, case=case)
    designation_a.refresh_from_db()
    assert designation_a.last_decision_on == datetime.date(2027, 1, 29)
    assert designation_a.reassessment_earliest == datetime.date(2027, 7, 30)


def test_a_caseworker_opens_a_reassessment_in_the_workspace_and_a_refused_form_keeps_the_text(
    client, designation_a, caseworker
):
    client.force_login(caseworker)
    url = reverse("workspace:open_reassessment", args=[designation_a.pk])
    page = client.get(url).content.decode()
    assert "Open the reassessment" in page
    refused = client.post(url, {"reasons": "New evaluations of autonomy."})  # not confirmed
    body = refused.content.decode()
    assert refused.status_code == 200 and "There is a problem" in body
    assert "New evaluations of autonomy." in body
    with time_machine.travel(DEC_2026):
        done = client.post(url, {"reasons": "New evaluations of autonomy.", "confirm": "on"})
    assert done.status_code == 302
    case = designation_a.reassessment_cases.get()
    assert done["Location"] == reverse("workspace:case", args=[case.reference])


def test_the_api_opens_a_reassessment_for_caseworkers_only(designation_a, caseworker, member_a):
    from rest_framework.authtoken.models import Token
    from rest_framework.test import APIClient

    url = reverse("api:designation-reassess", args=[designation_a.pk])
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=member_a).key}")
    assert api.post(url, {"reasons": "x"}, format="json").status_code == 403
    api.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=caseworker).key}")
    with time_machine.travel(DEC_2026):
        created = api.post(url, {"reasons": "New evaluations."}, format="json")
    assert created.status_code == 201, created.content
    assert created.json()["kind"] == "reassessment"
    again = api.post(url, {"reasons": "Again."}, format="json")
    assert again.status_code == 409 and "already being reassessed" in again.json()["detail"]


def test_a_providers_draft_request_is_its_own_and_does_not_stop_the_commission(
    designation_a, member_a, caseworker
):
    draft = services.case_create_reassessment(
        actor=member_a, designation=designation_a, reasons="Ours, not sent yet"
    )
    services.document_add(actor=member_a, case=draft, uploaded_file=pdf_upload("r.pdf"))
    case = _open(designation_a, caseworker)  # the caseworker never learns of the draft
    assert case.initiative == Initiative.COMMISSION
    with (
        time_machine.travel(datetime.datetime(2027, 3, 20, 9, tzinfo=datetime.UTC)),
        pytest.raises(ActionRefused, match=f"already being reassessed in case {case.reference}"),
    ):
        services.case_submit(actor=member_a, case=draft)
