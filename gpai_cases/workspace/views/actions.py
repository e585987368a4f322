"""The actions of caseworkers and approvers on a case: each calls one service."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_POST

from gpai_cases.accounts.models import User
from gpai_cases.cases import access, services
from gpai_cases.cases.models import (
    Claim,
    RequestKind,
)
from gpai_cases.core.forms import parse_pk
from gpai_cases.letters.models import Letter
from gpai_cases.letters.services import letter_regenerate

from .base import case_for_action, office_only, posted, run_action


@require_POST
@office_only
def take_up(request: HttpRequest, reference: str) -> HttpResponse:
    case = case_for_action(request, reference)
    return run_action(
        request,
        case,
        "You have taken up the case.",
        lambda: services.case_take_up(actor=request.user, case=case),
    )


@require_POST
@office_only
def assign(request: HttpRequest, reference: str) -> HttpResponse:
    case = case_for_action(request, reference)
    access.require(access.may_assign, request.user, case)
    assignee_id = posted(request, "assignee")
    pk = parse_pk(assignee_id)
    assignee = User.objects.filter(pk=pk).first() if pk is not None else None
    if assignee is None:
        messages.error(request, "Choose a caseworker.")
        return redirect("workspace:case", reference=case.reference)
    return run_action(
        request,
        case,
        f"Assigned to {assignee.display_name}.",
        lambda: services.case_assign(
            actor=request.user, case=case, assignee=assignee, reason=posted(request, "reason", "")
        ),
    )


def _parse_date(value: str) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(value) if value else None
    except ValueError as exc:
        raise ValueError("Give the due date as YYYY-MM-DD.") from exc


@require_POST
@office_only
def request_information(request: HttpRequest, reference: str) -> HttpResponse:
    case = case_for_action(request, reference)
    questions = [q for q in posted(request, "questions", "").splitlines() if q.strip()]

    def send() -> None:
        services.information_request_send(
            actor=request.user,
            case=case,
            kind=posted(request, "kind", RequestKind.QUESTION),
            questions=questions,
            due_date=_parse_date(posted(request, "due_date", "")),
            draft_reasoning=posted(request, "draft_reasoning", ""),
            draft_outcome=posted(request, "draft_outcome", ""),
        )

    return run_action(
        request, case, "The request has been sent; the letter is being prepared.", send
    )


@require_POST
@office_only
def review_claim(request: HttpRequest, reference: str, claim_id: int) -> HttpResponse:
    case = case_for_action(request, reference)
    claim = get_object_or_404(Claim, pk=claim_id, case=case)
    return run_action(
        request,
        case,
        "Review saved.",
        lambda: services.claim_review(
            actor=request.user,
            claim=claim,
            review=posted(request, "review", ""),
            note=posted(request, "note", ""),
        ),
    )


@require_POST
@office_only
def propose(request: HttpRequest, reference: str) -> HttpResponse:
    case = case_for_action(request, reference)
    return run_action(
        request,
        case,
        "The decision has been proposed to an approver.",
        lambda: services.decision_propose(
            actor=request.user,
            case=case,
            outcome=posted(request, "outcome", ""),
            reasoning=posted(request, "reasoning", ""),
        ),
    )


@require_POST
@office_only
def approve(request: HttpRequest, reference: str) -> HttpResponse:
    case = case_for_action(request, reference)
    return run_action(
        request,
        case,
        "The decision is approved; the decision letter is being prepared.",
        lambda: services.decision_approve(actor=request.user, case=case),
    )


@require_POST
@office_only
def return_proposal(request: HttpRequest, reference: str) -> HttpResponse:
    case = case_for_action(request, reference)
    return run_action(
        request,
        case,
        "The proposal has been returned to the caseworker.",
        lambda: services.decision_return(
            actor=request.user, case=case, comment=posted(request, "comment", "")
        ),
    )


@require_POST
@office_only
def regenerate_letter(request: HttpRequest, reference: str, letter_id: int) -> HttpResponse:
    case = case_for_action(request, reference)
    letter = get_object_or_404(Letter, pk=letter_id, case=case)
    return run_action(
        request,
        case,
        "The letter is being prepared again.",
        lambda: letter_regenerate(actor=request.user, letter=letter),
    )
