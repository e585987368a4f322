"""docs/rules.md § arguments: the Art 52(2) arguments are the claims filed with the notification.
Supplementary claims (filed after submission) are reviewed and weighed, but a notification whose
only claims are supplementary counts as one without arguments: everywhere that is decided."""

from __future__ import annotations

import datetime

import pytest
import time_machine

from gpai_cases.cases import rules, services
from gpai_cases.cases.models import Claim, Designation, DesignationBasis
from gpai_cases.cases.services import ActionRefused
from gpai_cases.letters.wording import legal_basis

from ..conftest import file_draft_notification

pytestmark = pytest.mark.django_db


@pytest.fixture
def supplementary_only(submitted_a, member_a, caseworker):
    services.claims_file(
        actor=member_a,
        case=submitted_a,
        claims=[{"text": "Our benchmarks are below the frontier", "basis": "capability"}],
    )
    return services.case_take_up(actor=caseworker, case=submitted_a)


def test_claims_filed_after_submission_are_supplementary_and_no_art_52_2_arguments(
    supplementary_only,
):
    claim = Claim.objects.get(case=supplementary_only)
    assert claim.supplementary
    assert rules.arguments(supplementary_only) == []
    assert rules.has_arguments(supplementary_only) is False


def test_do_not_designate_is_refused_when_the_only_claims_are_supplementary_and_says_why(
    supplementary_only, caseworker
):
    with pytest.raises(ActionRefused) as refused:
        services.decision_propose(
            actor=caseworker, case=supplementary_only, outcome="not_designate", reasoning="Fine."
        )
    assert refused.value.reasons[0] == (
        "The only claims were filed after submission (supplementary, outside Art 52(2)): they "
        "are weighed, but a notification without arguments can only end in designation "
        "(Art 52(3))."
    )


def test_supplementary_claims_are_still_reviewed_and_weighed(supplementary_only, caseworker):
    claim = Claim.objects.get(case=supplementary_only)
    services.claim_review(actor=caseworker, claim=claim, review="not_substantiated", note="No.")
    assert Claim.objects.get(pk=claim.pk).review == "not_substantiated"


def test_designating_with_supplementary_claims_only_is_no_rejection_and_needs_no_hearing(
    supplementary_only, caseworker, approver
):
    assert rules.rejects_arguments(supplementary_only, "designate") is False
    assert rules.is_adverse(supplementary_only, "designate") is False
    with time_machine.travel(datetime.datetime(2026, 3, 20, 9, tzinfo=datetime.UTC)):
        decision = services.decision_propose(
            actor=caseworker, case=supplementary_only, outcome="designate", reasoning="R"
        )
        services.decision_approve(actor=approver, case=supplementary_only)
    assert list(decision.cited_claims.all()) == []  # no arguments to reject, none cited
    designation = Designation.objects.get(case=supplementary_only)
    assert designation.basis == DesignationBasis.NO_ARGUMENTS
    assert "no arguments were presented" in legal_basis(supplementary_only, "designate")


def test_claims_filed_with_the_notification_still_make_do_not_designate_available(
    member_a, model_a, caseworker
):
    case = file_draft_notification(member_a, model_a)
    services.claims_file(actor=member_a, case=case, claims=[{"text": "Small", "basis": "reach"}])
    services.case_submit(actor=member_a, case=case)
    services.claims_file(actor=member_a, case=case, claims=[{"text": "More", "basis": "other"}])
    services.case_take_up(actor=caseworker, case=case)
    assert [c.text for c in rules.arguments(case)] == ["Small"]
    assert rules.rejects_arguments(case, "designate") is True
    assert "arguments presented under Article 52(2) are accepted" in legal_basis(
        case, "not_designate"
    )
    decision = services.decision_propose(
        actor=caseworker, case=case, outcome="not_designate", reasoning="Accepted."
    )
    assert decision.status == "proposed"


def test_a_rejection_needs_an_art_52_2_argument_not_substantiated_not_only_a_supplementary_one(
    member_a, model_a, caseworker
):
    case = file_draft_notification(member_a, model_a)
    services.claims_file(actor=member_a, case=case, claims=[{"text": "Small", "basis": "reach"}])
    services.case_submit(actor=member_a, case=case)
    services.claims_file(actor=member_a, case=case, claims=[{"text": "More", "basis": "other"}])
    services.case_take_up(actor=caseworker, case=case)
    argument, supplementary = Claim.objects.filter(case=case).order_by("pk")
    services.claim_review(actor=caseworker, claim=argument, review="substantiated", note="Yes.")
    services.claim_review(
        actor=caseworker, claim=supplementary, review="not_substantiated", note="No."
    )
    assert any(
        "Every claim filed with the notification is marked substantiated" in r
        for r in rules.rejection_blockers(case)
    )


def test_the_workspace_case_page_says_the_notification_counts_as_one_without_arguments(
    client, supplementary_only, caseworker
):
    from django.urls import reverse

    client.force_login(caseworker)
    page = client.get(reverse("workspace:case", args=[supplementary_only.reference]))
    assert "counts as one without arguments" in page.content.decode()
