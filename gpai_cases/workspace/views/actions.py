"""The actions of caseworkers and approvers on a case: each a page of its own with a Django
form (views/pages.py), each calling one service."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods, require_POST

from gpai_cases.cases import access, rules, services
from gpai_cases.cases.models import Case, Claim, ClaimReview, DecisionStatus, Outcome
from gpai_cases.core.forms import form_data
from gpai_cases.letters.models import Letter
from gpai_cases.letters.services import letter_regenerate

from .. import forms
from .base import case_for_action, office_only, run_action
from .case import _proposal_draft
from .pages import form_page

GET_POST = require_http_methods(["GET", "POST"])


def _draft(case: Case) -> str:
    """The reasoning a proposal or a hearing starts from (the case page's auto-draft)."""
    scorecard = case.scorecards.order_by("-version").first()
    return _proposal_draft(scorecard, rules.claims_not_substantiated(case))


def _proposal(case: Case) -> Any:
    return (
        case.decisions.filter(status=DecisionStatus.PROPOSED)
        .select_related("proposed_by")
        .prefetch_related("cited_claims")
        .first()
    )


@require_POST
@office_only
def take_up(request: HttpRequest, reference: str) -> HttpResponse:
    case = case_for_action(request, reference)
    return run_action(
        request,
        case,
        gettext("You have taken up the case."),
        lambda: services.case_take_up(actor=request.user, case=case),
    )


@GET_POST
@office_only
def assign(request: HttpRequest, reference: str) -> HttpResponse:
    case = case_for_action(request, reference)
    access.require(access.may_assign, request.user, case)
    form = forms.AssignForm(form_data(request)[0], initial={"assignee": case.assignee_id})
    return form_page(
        request,
        case,
        form,
        lambda: services.case_assign(
            actor=request.user,
            case=case,
            assignee=form.cleaned_data["assignee"],
            reason=form.cleaned_data["reason"],
        ),
        template="workspace/actions/form.html",
        success=lambda c: gettext("Assigned to {name}.").format(name=c.assignee.display_name),
        blockers=rules.assign_blockers(case),
        context={
            "title": gettext("Assign or reassign the case"),
            "intro": gettext(
                "Now assigned to {name}. The new caseworker sees the case in their queue; the "
                "reason is recorded."
            ).format(name=case.assignee.display_name)
            if case.assignee
            else gettext(
                "Now assigned to nobody. The new caseworker sees the case in their queue; the "
                "reason is recorded."
            ),
            "button": gettext("Assign"),
        },
    )


@GET_POST
@office_only
def request_information(request: HttpRequest, reference: str) -> HttpResponse:
    case = case_for_action(request, reference)
    access.require(access.may_request_information, request.user, case)
    form = forms.RequestInformationForm(
        form_data(request)[0],
        initial={"draft_reasoning": _draft(case)},
        default_days=settings.GPAI_RFI_DEFAULT_DAYS,
    )
    return form_page(
        request,
        case,
        form,
        lambda: services.information_request_send(
            actor=request.user, case=case, **form.service_args()
        ),
        template="workspace/actions/form.html",
        success=gettext("The request has been sent; the letter is being prepared."),
        blockers=rules.information_request_blockers(case),
        context={
            "title": gettext("Request information or hold a hearing"),
            "intro": gettext(
                "{provider} receives a letter with the questions, or with the draft reasoning for "
                "a hearing, and answers on its case page. The assessment clock stops until the "
                "answer or the due date."
            ).format(provider=case.model.provider.legal_name),
            "button": gettext("Send"),
        },
    )


@GET_POST
@office_only
def review_claim(request: HttpRequest, reference: str, claim_id: int) -> HttpResponse:
    case = case_for_action(request, reference)
    access.require(access.may_review_claims, request.user, case)
    claim = get_object_or_404(Claim.objects.prefetch_related("documents"), pk=claim_id, case=case)
    saved = claim.review if claim.review != ClaimReview.PENDING else ""
    form = forms.ClaimReviewForm(
        form_data(request)[0], initial={"review": saved, "note": claim.review_note}
    )
    return form_page(
        request,
        case,
        form,
        lambda: services.claim_review(
            actor=request.user,
            claim=claim,
            review=form.cleaned_data["review"],
            note=form.cleaned_data["note"],
        ),
        template="workspace/actions/review_claim.html",
        success=gettext("Review saved."),
        blockers=rules.claim_review_blockers(claim),
        context={
            "claim": claim,
            "title": gettext("Review the claim"),
            "intro": gettext(
                "Is the argument substantiated? A proposal that rejects the arguments cites the "
                "claims found not substantiated, with your note."
            ),
            "button": gettext("Save review"),
        },
    )


@GET_POST
@office_only
def propose(request: HttpRequest, reference: str) -> HttpResponse:
    case = case_for_action(request, reference)
    access.require(access.may_propose, request.user, case)
    form = forms.ProposeForm(
        form_data(request)[0],
        initial={"reasoning": _draft(case)},
        outcomes=list(case.allowed_outcomes),
    )
    return form_page(
        request,
        case,
        form,
        lambda: services.decision_propose(
            actor=request.user,
            case=case,
            outcome=form.cleaned_data["outcome"],
            reasoning=form.cleaned_data["reasoning"],
        ),
        template="workspace/actions/form.html",
        success=gettext("The decision has been proposed to an approver."),
        blockers=rules.propose_blockers(case, today=timezone.localdate()),
        context={
            "title": gettext("Propose a decision"),
            "intro": gettext(
                "An approver other than you approves or returns it; nothing is sent to the "
                "provider before the approval."
            ),
            "button": gettext("Propose"),
        },
    )


@GET_POST
@office_only
def approve(request: HttpRequest, reference: str) -> HttpResponse:
    """A confirmation page: the decision, its effect and to whom it goes; one more click."""
    case = case_for_action(request, reference)
    access.require(access.may_approve, request.user, case)
    form = forms.ConfirmForm(form_data(request)[0])
    proposal = _proposal(case)
    return form_page(
        request,
        case,
        form,
        lambda: services.decision_approve(actor=request.user, case=case),
        template="workspace/actions/approve.html",
        success=gettext("The decision is approved; the decision letter is being prepared."),
        blockers=rules.approve_blockers(case, user=request.user),
        confirmed=form.confirmed(),
        context={
            "proposal": proposal,
            "designates": proposal is not None and proposal.outcome == Outcome.DESIGNATE,
            "title": gettext("Approve the proposed decision?"),
            "button": gettext("Approve: {outcome}").format(outcome=proposal.get_outcome_display())
            if proposal
            else gettext("Approve"),
        },
    )


@GET_POST
@office_only
def return_proposal(request: HttpRequest, reference: str) -> HttpResponse:
    case = case_for_action(request, reference)
    access.require(access.may_return, request.user, case)
    form = forms.ReturnForm(form_data(request)[0])
    return form_page(
        request,
        case,
        form,
        lambda: services.decision_return(
            actor=request.user, case=case, comment=form.cleaned_data["comment"]
        ),
        template="workspace/actions/form.html",
        success=gettext("The proposal has been returned to the caseworker."),
        blockers=rules.return_blockers(case),
        context={
            "proposal": _proposal(case),
            "title": gettext("Return the proposal"),
            "intro": gettext("The caseworker sees your comment and can propose again."),
            "button": gettext("Return"),
        },
    )


@require_POST
@office_only
def regenerate_letter(request: HttpRequest, reference: str, letter_id: int) -> HttpResponse:
    case = case_for_action(request, reference)
    letter = get_object_or_404(Letter, pk=letter_id, case=case)
    return run_action(
        request,
        case,
        gettext("The letter is being prepared again."),
        lambda: letter_regenerate(actor=request.user, letter=letter),
    )
