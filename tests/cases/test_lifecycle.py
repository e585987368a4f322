"""DOMAIN.md's lifecycle up to the assessment, allowed and refused, with the guards in words:
filing, submission, withdrawal, take-up, ex officio cases, requests for information and the clock,
arguments and the stored next deadline. Decisions and reassessment: test_decisions.py."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.core.exceptions import PermissionDenied

from gpai_cases.cases import services
from gpai_cases.cases.models import CaseEvent, ClockStop, Designation, DesignationBasis, State
from gpai_cases.cases.services import ActionRefused

from ..conftest import file_draft_notification, pdf_upload
from ..factories import GPAIModelFactory
from .helpers import actions

pytestmark = pytest.mark.django_db


# ---- create ------------------------------------------------------------------------------------


def test_provider_member_creates_a_draft_notification_with_its_due_date(member_a, model_a):
    case = file_draft_notification(member_a, model_a, trigger_date=datetime.date(2026, 2, 14))
    assert case.state == State.DRAFT
    assert case.kind == "notification"
    assert case.notification.notification_due == datetime.date(2026, 3, 2)
    assert "2 Mar 2026" in case.notification.notification_due_rule
    assert actions(case) == ["created", "document_uploaded"]


def test_reference_numbers_are_unique_and_follow_the_year(member_a, model_a):
    other = GPAIModelFactory(provider=model_a.provider, name="Alpha-2")
    with time_machine.travel(datetime.datetime(2026, 5, 4, 10, tzinfo=datetime.UTC)):
        first = file_draft_notification(member_a, model_a, evidence=False)
        second = file_draft_notification(member_a, other, evidence=False)
    assert first.reference == "GPAI-2026-0001"
    assert second.reference == "GPAI-2026-0002"


def test_reference_numbers_are_never_reused_after_a_withdrawal(member_a, model_a):
    first = file_draft_notification(member_a, model_a, evidence=False)
    services.case_withdraw(actor=member_a, case=first, reason="Filed by mistake")
    second = file_draft_notification(member_a, model_a, evidence=False)
    assert second.reference != first.reference
    assert int(second.reference[-4:]) == int(first.reference[-4:]) + 1


def test_other_provider_cannot_notify_a_model_it_does_not_own(member_b, model_a):
    with pytest.raises(PermissionDenied):
        file_draft_notification(member_b, model_a)


def test_caseworker_cannot_create_a_notification(caseworker, model_a):
    with pytest.raises(PermissionDenied):
        file_draft_notification(caseworker, model_a)


# ---- submit ------------------------------------------------------------------------------------


def test_submit_moves_draft_to_submitted_and_records_the_event(draft_a, member_a):
    with time_machine.travel(datetime.datetime(2026, 3, 10, 9, tzinfo=datetime.UTC)):
        case = services.case_submit(actor=member_a, case=draft_a)
    assert case.state == State.SUBMITTED
    assert case.submitted_at is not None
    assert case.late is False
    event = CaseEvent.objects.filter(case=case, action="submitted").get()
    assert (event.from_state, event.to_state, event.actor) == ("draft", "submitted", member_a)


def test_submission_after_the_due_date_is_accepted_and_flagged_late(draft_a, member_a):
    # DOMAIN.md: threshold met 2026-03-02, notified 2026-03-20 → late (due 2026-03-16)
    with time_machine.travel(datetime.datetime(2026, 3, 20, 9, tzinfo=datetime.UTC)):
        case = services.case_submit(actor=member_a, case=draft_a)
    assert case.state == State.SUBMITTED
    assert case.late is True


def test_submit_is_refused_without_evidence_and_says_why(member_a, model_a):
    case = file_draft_notification(member_a, model_a, evidence=False)
    with pytest.raises(ActionRefused) as refused:
        services.case_submit(actor=member_a, case=case)
    assert "Upload at least one evidence document" in str(refused.value)
    case.refresh_from_db()
    assert case.state == State.DRAFT


def test_submit_is_refused_when_required_fields_are_missing(member_a, model_a):
    case = services.case_create_notification(actor=member_a, model=model_a)
    services.document_add(actor=member_a, case=case, uploaded_file=pdf_upload())
    with pytest.raises(ActionRefused) as refused:
        services.case_submit(actor=member_a, case=case)
    text = str(refused.value)
    assert "threshold has been met or will be met" in text
    assert "training compute in FLOP" in text


def test_submit_is_refused_for_other_roles(draft_a, member_b, caseworker, approver, office_admin):
    for user in (member_b, caseworker, approver, office_admin):
        with pytest.raises(PermissionDenied):
            services.case_submit(actor=user, case=draft_a)


def test_a_submitted_case_cannot_be_submitted_again(submitted_a, member_a):
    with pytest.raises(ActionRefused) as refused:
        services.case_submit(actor=member_a, case=submitted_a)
    assert "has been submitted" in str(refused.value)


def test_open_source_model_notified_after_its_planned_release_is_flagged(member_a, model_a):
    model_a.release_mode = "open_source"
    model_a.planned_release_date = datetime.date(2026, 3, 5)
    model_a.save()
    case = file_draft_notification(member_a, model_a)
    with time_machine.travel(datetime.datetime(2026, 3, 6, 9, tzinfo=datetime.UTC)):
        case = services.case_submit(actor=member_a, case=case)
    assert case.released_before_notification is True


# ---- withdraw ----------------------------------------------------------------------------------


@pytest.mark.parametrize("fixture", ["draft_a", "submitted_a"])
def test_provider_withdraws_a_draft_or_submitted_case_with_a_reason(request, fixture, member_a):
    case = request.getfixturevalue(fixture)
    case = services.case_withdraw(actor=member_a, case=case, reason="Threshold estimate corrected")
    assert case.state == State.WITHDRAWN
    event = CaseEvent.objects.get(case=case, action="withdrawn")
    assert event.payload["reason"] == "Threshold estimate corrected"


def test_withdrawal_needs_a_reason(draft_a, member_a):
    with pytest.raises(ActionRefused) as refused:
        services.case_withdraw(actor=member_a, case=draft_a, reason="  ")
    assert "Give a reason" in str(refused.value)


def test_withdrawal_is_refused_once_under_assessment(assessing_a, member_a):
    with pytest.raises(ActionRefused) as refused:
        services.case_withdraw(actor=member_a, case=assessing_a, reason="Changed our mind")
    assert "under assessment" in str(refused.value)


def test_withdrawal_is_refused_for_the_ai_office_and_other_providers(draft_a, caseworker, member_b):
    for user in (caseworker, member_b):
        with pytest.raises(PermissionDenied):
            services.case_withdraw(actor=user, case=draft_a, reason="x")


# ---- take up -----------------------------------------------------------------------------------


def test_caseworker_takes_up_a_submitted_case_and_is_assigned(submitted_a, caseworker):
    case = services.case_take_up(actor=caseworker, case=submitted_a)
    assert case.state == State.UNDER_ASSESSMENT
    assert case.assignee == caseworker
    assert case.assessment_started_on is not None


def test_take_up_is_refused_for_a_draft(draft_a, caseworker):
    with pytest.raises(ActionRefused) as refused:
        services.case_take_up(actor=caseworker, case=draft_a)
    assert "still a draft" in str(refused.value)


def test_take_up_is_refused_for_providers_and_approvers(submitted_a, member_a, approver):
    for user in (member_a, approver):
        with pytest.raises(PermissionDenied):
            services.case_take_up(actor=user, case=submitted_a)


# ---- ex officio --------------------------------------------------------------------------------


def test_caseworker_opens_an_ex_officio_case_directly_under_assessment(caseworker, model_b):
    case = services.case_open_ex_officio(
        actor=caseworker, model=model_b, basis="scientific_panel_alert", alert_reference="SP-2026-3"
    )
    assert case.state == State.UNDER_ASSESSMENT
    assert case.kind == "ex_officio"
    assert actions(case) == ["opened_ex_officio"]


def test_scientific_panel_alert_needs_its_reference(caseworker, model_b):
    with pytest.raises(ActionRefused) as refused:
        services.case_open_ex_officio(
            actor=caseworker, model=model_b, basis="scientific_panel_alert"
        )
    assert "reference of the scientific panel" in str(refused.value)


def test_only_caseworkers_open_ex_officio_cases(member_a, approver, model_b):
    for user in (member_a, approver):
        with pytest.raises(PermissionDenied):
            services.case_open_ex_officio(actor=user, model=model_b, basis="ex_officio")


def test_ex_officio_designation_needs_a_hearing_then_designates(
    caseworker, approver, member_b, model_b
):
    case = services.case_open_ex_officio(actor=caseworker, model=model_b, basis="ex_officio")
    with pytest.raises(ActionRefused):
        services.decision_propose(actor=caseworker, case=case, outcome="designate", reasoning="R")
    hearing = services.information_request_send(
        actor=caseworker, case=case, kind="hearing", draft_reasoning="Draft"
    )
    services.information_request_answer(actor=member_b, request=hearing, response="Comments")
    services.decision_propose(actor=caseworker, case=case, outcome="designate", reasoning="R")
    services.decision_approve(actor=approver, case=case)
    assert Designation.objects.get(model=model_b).basis == DesignationBasis.EX_OFFICIO


# ---- requests for information and the clock ------------------------------------------------------


def test_request_for_information_stops_the_clock_until_answered(assessing_a, caseworker, member_a):
    with time_machine.travel(datetime.datetime(2026, 4, 1, 9, tzinfo=datetime.UTC)):
        request = services.information_request_send(
            actor=caseworker, case=assessing_a, questions=["Q1", "Q2"]
        )
    assert request.status == "open"
    assert request.due_date > datetime.date(2026, 4, 1)
    assert request.due_rule
    stop = ClockStop.objects.get(information_request=request)
    assert stop.ended_on is None
    with time_machine.travel(datetime.datetime(2026, 4, 8, 9, tzinfo=datetime.UTC)):
        services.information_request_answer(actor=member_a, request=request, response="A1, A2")
    stop.refresh_from_db()
    assert stop.ended_on == datetime.date(2026, 4, 8)
    with pytest.raises(ActionRefused):
        services.information_request_answer(actor=member_a, request=request, response="again")


def test_only_the_provider_answers_and_only_caseworkers_ask(
    assessing_a, caseworker, member_a, member_b, approver
):
    with pytest.raises(PermissionDenied):
        services.information_request_send(actor=member_a, case=assessing_a, questions=["Q"])
    with pytest.raises(PermissionDenied):
        services.information_request_send(actor=approver, case=assessing_a, questions=["Q"])
    request = services.information_request_send(actor=caseworker, case=assessing_a, questions=["Q"])
    with pytest.raises(PermissionDenied):
        services.information_request_answer(actor=member_b, request=request, response="A")


def test_information_requests_are_refused_on_drafts_and_decided_cases(draft_a, caseworker):
    with pytest.raises(ActionRefused):
        services.information_request_send(actor=caseworker, case=draft_a, questions=["Q"])


# ---- arguments -------------------------------------------------------------------------------------


def test_claims_filed_after_submission_are_supplementary(draft_a, member_a):
    [before] = services.claims_file(
        actor=member_a, case=draft_a, claims=[{"text": "A", "basis": "capability"}]
    )
    services.case_submit(actor=member_a, case=draft_a)
    [after] = services.claims_file(
        actor=member_a, case=draft_a, claims=[{"text": "B", "basis": "mitigation"}]
    )
    assert before.supplementary is False
    assert after.supplementary is True
    assert after.is_mitigation


def test_claims_can_only_cite_documents_of_the_same_case(draft_a, member_a, member_b, model_b):
    other = file_draft_notification(member_b, model_b)
    foreign = other.documents.get()
    with pytest.raises(ActionRefused):
        services.claims_file(
            actor=member_a,
            case=draft_a,
            claims=[{"text": "A", "basis": "other", "documents": [foreign.pk]}],
        )


def test_assignment_records_the_reason(assessing_a, caseworker, caseworker2, approver):
    services.case_assign(actor=approver, case=assessing_a, assignee=caseworker2, reason="Workload")
    assessing_a.refresh_from_db()
    assert assessing_a.assignee == caseworker2
    event = CaseEvent.objects.get(case=assessing_a, action="assigned")
    assert event.payload["reason"] == "Workload"


# ---- the stored next deadline ---------------------------------------------------------------------


def test_the_next_deadline_follows_the_case(member_a, model_a, caseworker, settings):
    settings.GPAI_ASSESSMENT_TARGET_DAYS = 90
    case = file_draft_notification(member_a, model_a, trigger_date=datetime.date(2026, 3, 2))
    case.refresh_from_db()
    assert (case.next_deadline, case.next_deadline_kind) == (
        datetime.date(2026, 3, 16),
        "notification due",
    )
    with time_machine.travel(datetime.datetime(2026, 3, 10, 9, tzinfo=datetime.UTC)):
        services.case_submit(actor=member_a, case=case)
        case.refresh_from_db()
        assert case.next_deadline is None
        services.case_take_up(actor=caseworker, case=case)
    case.refresh_from_db()
    assert (case.next_deadline, case.next_deadline_kind) == (
        datetime.date(2026, 6, 8),
        "assessment target",
    )
    with time_machine.travel(datetime.datetime(2026, 4, 20, 9, tzinfo=datetime.UTC)):
        request = services.information_request_send(actor=caseworker, case=case, questions=["Q"])
    case.refresh_from_db()
    assert (case.next_deadline, case.next_deadline_kind) == (
        datetime.date(2026, 5, 4),
        "answer due",
    )
    with time_machine.travel(datetime.datetime(2026, 4, 30, 9, tzinfo=datetime.UTC)):
        services.information_request_answer(actor=member_a, request=request, response="A")
    case.refresh_from_db()
    # ten days stopped (20 → 30 April) push the target by ten days
    assert (case.next_deadline, case.next_deadline_kind) == (
        datetime.date(2026, 6, 18),
        "assessment target",
    )
