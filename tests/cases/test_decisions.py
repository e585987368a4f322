"""DOMAIN.md's lifecycle from proposal to decision, allowed and refused, with the guards in words:
proposals, hearings, the four-eyes approval, designation and reassessment. Filing to take-up:
test_lifecycle.py."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
import time_machine
from django.core.exceptions import PermissionDenied

from gpai_cases.cases import services
from gpai_cases.cases.models import Claim, Decision, Designation, DesignationBasis, State
from gpai_cases.cases.services import ActionRefused

from ..conftest import file_draft_notification, pdf_upload
from .helpers import actions

pytestmark = pytest.mark.django_db


# ---- propose / return / approve ----------------------------------------------------------------


def test_notification_without_arguments_can_only_end_in_designation(assessing_a, caseworker):
    with pytest.raises(ActionRefused) as refused:
        services.decision_propose(
            actor=caseworker, case=assessing_a, outcome="not_designate", reasoning="Fine."
        )
    assert "can only end in designation" in str(refused.value)


def test_outcome_must_fit_the_kind_of_case(assessing_a, caseworker):
    with pytest.raises(ActionRefused) as refused:
        services.decision_propose(
            actor=caseworker, case=assessing_a, outcome="revoke", reasoning="x"
        )
    assert "can end only in" in str(refused.value)


def test_proposal_needs_reasoning(assessing_a, caseworker):
    with pytest.raises(ActionRefused) as refused:
        services.decision_propose(
            actor=caseworker, case=assessing_a, outcome="designate", reasoning=""
        )
    assert "reasoning" in str(refused.value)


def test_proposal_is_refused_while_a_request_for_information_is_open(assessing_a, caseworker):
    services.information_request_send(
        actor=caseworker, case=assessing_a, questions=["Which chips?"]
    )
    with pytest.raises(ActionRefused) as refused:
        services.decision_propose(
            actor=caseworker, case=assessing_a, outcome="designate", reasoning="Above threshold."
        )
    assert "request for information is still open" in str(refused.value)


def test_rejecting_arguments_needs_a_hearing_first(member_a, model_a, caseworker):
    case = file_draft_notification(member_a, model_a)
    services.claims_file(
        actor=member_a,
        case=case,
        claims=[{"text": "Below frontier on all benchmarks", "basis": "capability"}],
    )
    services.case_submit(actor=member_a, case=case)
    services.case_take_up(actor=caseworker, case=case)
    with pytest.raises(ActionRefused) as refused:
        services.decision_propose(
            actor=caseworker, case=case, outcome="designate", reasoning="Rejected."
        )
    assert "must first be heard" in str(refused.value)
    hearing = services.information_request_send(
        actor=caseworker,
        case=case,
        kind="hearing",
        draft_reasoning="We intend to reject the arguments.",
    )
    services.information_request_answer(actor=member_a, request=hearing, response="We disagree.")
    claim = Claim.objects.get(case=case)
    services.claim_review(actor=caseworker, claim=claim, review="not_substantiated", note="No.")
    decision = services.decision_propose(
        actor=caseworker, case=case, outcome="designate", reasoning="Rejected."
    )
    assert decision.status == "proposed"


def test_a_rejection_answers_every_claim_and_cites_those_not_substantiated(
    member_a, model_a, caseworker, approver
):
    case = file_draft_notification(member_a, model_a)
    services.claims_file(
        actor=member_a,
        case=case,
        claims=[
            {"text": "Below frontier on all benchmarks", "basis": "capability"},
            {"text": "Refusal training blocks misuse", "basis": "mitigation"},
        ],
    )
    services.case_submit(actor=member_a, case=case)
    services.case_take_up(actor=caseworker, case=case)
    hearing = services.information_request_send(
        actor=caseworker, case=case, kind="hearing", draft_reasoning="Draft."
    )
    services.information_request_answer(actor=member_a, request=hearing, response="No.")
    benchmarks, mitigation = Claim.objects.filter(case=case).order_by("pk")

    def propose() -> Any:
        return services.decision_propose(
            actor=caseworker, case=case, outcome="designate", reasoning="Rejected."
        )

    with pytest.raises(ActionRefused, match="2 of 2 not reviewed yet"):
        propose()
    services.claim_review(actor=caseworker, claim=benchmarks, review="substantiated", note="Ok.")
    with pytest.raises(ActionRefused, match="1 of 2 not reviewed yet"):
        propose()
    services.claim_review(actor=caseworker, claim=mitigation, review="substantiated", note="Ok.")
    with pytest.raises(ActionRefused, match="find at least one claim not substantiated"):
        propose()
    services.claim_review(
        actor=caseworker, claim=mitigation, review="not_substantiated", note="A mitigation."
    )
    decision = propose()
    assert list(decision.cited_claims.all()) == [mitigation]
    assert case.events.get(action="decision_proposed").payload["cited_claims"] == [mitigation.pk]
    # accepting the arguments cites nothing
    services.decision_return(actor=approver, case=case, comment="Reconsider.")
    accepted = services.decision_propose(
        actor=caseworker, case=case, outcome="not_designate", reasoning="Accepted."
    )
    assert not accepted.cited_claims.exists()


def test_hearing_whose_due_date_passed_unanswered_allows_the_proposal(
    member_a, model_a, caseworker
):
    """Rule 7 (docs/rules.md § right-to-be-heard): the adverse decision may be proposed once the
    hearing is answered or its due date has passed — here without waiting for the sweep: the
    proposal records the lapse first."""
    case = file_draft_notification(member_a, model_a)
    [claim] = services.claims_file(
        actor=member_a, case=case, claims=[{"text": "Limited reach", "basis": "reach"}]
    )
    services.case_submit(actor=member_a, case=case)
    services.case_take_up(actor=caseworker, case=case)
    claim = Claim.objects.get(pk=claim.pk)
    services.claim_review(actor=caseworker, claim=claim, review="not_substantiated", note="No.")
    with time_machine.travel(datetime.datetime(2026, 6, 1, 9, tzinfo=datetime.UTC)):
        hearing = services.information_request_send(
            actor=caseworker, case=case, kind="hearing", draft_reasoning="Draft."
        )
    due = hearing.due_date
    with time_machine.travel(datetime.datetime.combine(due, datetime.time(20), datetime.UTC)):
        # 22:00 in Brussels on the due date: the period has not ended, the hearing still blocks
        with pytest.raises(ActionRefused) as refused:
            services.decision_propose(
                actor=caseworker, case=case, outcome="designate", reasoning="R"
            )
        assert "still open" in str(refused.value)
    day_after = due + datetime.timedelta(days=1)
    with time_machine.travel(datetime.datetime.combine(day_after, datetime.time(9), datetime.UTC)):
        decision = services.decision_propose(
            actor=caseworker, case=case, outcome="designate", reasoning="R"
        )
    hearing.refresh_from_db()
    assert decision.outcome == "designate"
    assert hearing.status == "lapsed" and hearing.lapsed_on == day_after
    trail = actions(case)
    assert trail.index("request_lapsed") < trail.index("decision_proposed")


def test_approver_approves_a_designation_and_the_designation_starts(
    assessing_a, caseworker, approver
):
    with time_machine.travel(datetime.datetime(2026, 1, 30, 9, tzinfo=datetime.UTC)):
        services.decision_propose(
            actor=caseworker, case=assessing_a, outcome="designate", reasoning="Above threshold."
        )
    with time_machine.travel(datetime.datetime(2026, 1, 31, 9, tzinfo=datetime.UTC)):
        decision = services.decision_approve(actor=approver, case=assessing_a)
    assessing_a.refresh_from_db()
    assert assessing_a.state == State.DECIDED
    assert decision.approved_by == approver
    assert decision.decided_on == datetime.date(2026, 1, 31)
    designation = Designation.objects.get(model=assessing_a.model)
    assert designation.active
    assert designation.basis == DesignationBasis.NO_ARGUMENTS
    assert designation.reassessment_earliest == datetime.date(2026, 8, 1)  # DOMAIN.md example
    assert designation.systemic_risk_since == datetime.date(2026, 3, 2)
    assert actions(assessing_a)[-3:] == [
        "decision_proposed",
        "decision_approved",
        "designation_changed",
    ]


def test_the_proposer_can_never_approve(assessing_a, caseworker):
    services.decision_propose(
        actor=caseworker, case=assessing_a, outcome="designate", reasoning="R"
    )
    with pytest.raises(PermissionDenied):
        services.decision_approve(actor=caseworker, case=assessing_a)


def test_approver_who_proposed_cannot_approve_four_eyes(assessing_a, caseworker, approver):
    decision = services.decision_propose(
        actor=caseworker, case=assessing_a, outcome="designate", reasoning="R"
    )
    # Even if the same person held both roles over time, the proposer never approves.
    Decision.objects.filter(pk=decision.pk).update(proposed_by=approver)
    with pytest.raises(ActionRefused) as refused:
        services.decision_approve(actor=approver, case=assessing_a)
    assert "four eyes" in str(refused.value)


def test_approver_returns_a_proposal_with_a_comment(assessing_a, caseworker, approver):
    services.decision_propose(
        actor=caseworker, case=assessing_a, outcome="designate", reasoning="R"
    )
    with pytest.raises(ActionRefused):
        services.decision_return(actor=approver, case=assessing_a, comment="")
    case = services.decision_return(actor=approver, case=assessing_a, comment="Cite criterion (e).")
    assert case.state == State.UNDER_ASSESSMENT
    assert Decision.objects.get(case=case).status == "returned"


def test_return_and_approve_are_refused_for_caseworkers_and_providers(
    assessing_a, caseworker, caseworker2, member_a
):
    services.decision_propose(
        actor=caseworker, case=assessing_a, outcome="designate", reasoning="R"
    )
    for user in (caseworker2, member_a):
        with pytest.raises(PermissionDenied):
            services.decision_approve(actor=user, case=assessing_a)
        with pytest.raises(PermissionDenied):
            services.decision_return(actor=user, case=assessing_a, comment="no")


def test_approve_is_refused_when_nothing_is_proposed(assessing_a, approver):
    with pytest.raises(ActionRefused) as refused:
        services.decision_approve(actor=approver, case=assessing_a)
    assert "under assessment" in str(refused.value)


def test_propose_is_refused_for_providers_and_approvers(assessing_a, member_a, approver):
    for user in (member_a, approver):
        with pytest.raises(PermissionDenied):
            services.decision_propose(
                actor=user, case=assessing_a, outcome="designate", reasoning="R"
            )


def test_arguments_accepted_means_no_designation(member_a, model_a, caseworker, approver):
    case = file_draft_notification(member_a, model_a)
    services.claims_file(
        actor=member_a, case=case, claims=[{"text": "Small reach", "basis": "reach"}]
    )
    services.case_submit(actor=member_a, case=case)
    services.case_take_up(actor=caseworker, case=case)
    services.decision_propose(
        actor=caseworker, case=case, outcome="not_designate", reasoning="Accepted."
    )
    services.decision_approve(actor=approver, case=case)
    assert not Designation.objects.filter(model=model_a).exists()


# ---- reassessment ------------------------------------------------------------------------------


def test_reassessment_before_the_earliest_date_is_refused_naming_the_date(designation_a, member_a):
    case = services.case_create_reassessment(
        actor=member_a, designation=designation_a, reasons="New evals"
    )
    services.document_add(actor=member_a, case=case, uploaded_file=pdf_upload("evals.pdf"))
    with time_machine.travel(datetime.datetime(2027, 3, 10, 9, tzinfo=datetime.UTC)):
        with pytest.raises(ActionRefused) as refused:
            services.case_submit(actor=member_a, case=case)
    assert "16 Mar 2027" in str(refused.value)
    assert refused.value.extra["earliest_date"] == datetime.date(2027, 3, 16)


def test_reassessment_maintain_restarts_the_six_months(
    designation_a, member_a, caseworker, approver
):
    case = services.case_create_reassessment(
        actor=member_a, designation=designation_a, reasons="New evals"
    )
    services.document_add(actor=member_a, case=case, uploaded_file=pdf_upload("evals.pdf"))
    with time_machine.travel(datetime.datetime(2027, 3, 16, 9, tzinfo=datetime.UTC)):
        services.case_submit(actor=member_a, case=case)
        services.case_take_up(actor=caseworker, case=case)
        services.decision_propose(
            actor=caseworker, case=case, outcome="maintain", reasoning="Still frontier."
        )
    with time_machine.travel(datetime.datetime(2027, 4, 30, 9, tzinfo=datetime.UTC)):
        services.decision_approve(actor=approver, case=case)
    designation_a.refresh_from_db()
    assert designation_a.active
    assert designation_a.last_decision_on == datetime.date(2027, 4, 30)
    assert designation_a.reassessment_earliest == datetime.date(2027, 10, 31)


def test_reassessment_revoke_ends_the_designation(designation_a, member_a, caseworker, approver):
    case = services.case_create_reassessment(
        actor=member_a, designation=designation_a, reasons="New evals"
    )
    services.document_add(actor=member_a, case=case, uploaded_file=pdf_upload("evals.pdf"))
    with time_machine.travel(datetime.datetime(2027, 5, 3, 9, tzinfo=datetime.UTC)):
        services.case_submit(actor=member_a, case=case)
        services.case_take_up(actor=caseworker, case=case)
        services.decision_propose(
            actor=caseworker, case=case, outcome="revoke", reasoning="No longer."
        )
        services.decision_approve(actor=approver, case=case)
    designation_a.refresh_from_db()
    assert designation_a.ended_on == datetime.date(2027, 5, 3)
    assert designation_a.ended_by == case
    with pytest.raises(ActionRefused):
        services.case_create_reassessment(
            actor=member_a, designation=designation_a, reasons="again"
        )


def test_reassessment_scope_article_52_4_only_refuses_notified_designations(
    designation_a, member_a, settings
):
    settings.GPAI_REASSESSMENT_SCOPE = "article_52_4_only"
    case = services.case_create_reassessment(
        actor=member_a, designation=designation_a, reasons="New"
    )
    services.document_add(actor=member_a, case=case, uploaded_file=pdf_upload("evals.pdf"))
    with time_machine.travel(datetime.datetime(2027, 6, 1, 9, tzinfo=datetime.UTC)):
        with pytest.raises(ActionRefused) as refused:
            services.case_submit(actor=member_a, case=case)
    assert "Art 52(4)" in str(refused.value)


def test_reassessment_needs_reasons_and_a_document(designation_a, member_a):
    case = services.case_create_reassessment(actor=member_a, designation=designation_a, reasons="")
    with time_machine.travel(datetime.datetime(2027, 6, 1, 9, tzinfo=datetime.UTC)):
        with pytest.raises(ActionRefused) as refused:
            services.case_submit(actor=member_a, case=case)
    assert "new reason" in str(refused.value)
    assert "Upload at least one document" in str(refused.value)


def test_other_provider_cannot_request_reassessment(designation_a, member_b):
    with pytest.raises(PermissionDenied):
        services.case_create_reassessment(actor=member_b, designation=designation_a, reasons="x")
