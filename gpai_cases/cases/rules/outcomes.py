"""Guards of the assessment and the decision: claim reviews, proposals, the hearing, four eyes (docs/rules.md § arguments, § right-to-be-heard, § four-eyes)."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .. import deadlines
from ..models import (
    Case,
    ClaimReview,
    Kind,
    Outcome,
    RequestKind,
    RequestStatus,
    State,
)
from .common import records_of, state_blocker
from .requests import awaiting_answer, request_lapsed

# ---- assessment ----------------------------------------------------------------------------------


__all__ = [
    "already_designated",
    "approve_blockers",
    "arguments",
    "claim_review_blockers",
    "claims_not_substantiated",
    "has_arguments",
    "hearing_done",
    "is_adverse",
    "propose_blockers",
    "rejection_blockers",
    "rejects_arguments",
    "return_blockers",
]


def arguments(case: Case) -> list[Any]:
    """The Art 52(2) arguments: the claims filed with the notification, before its submission.
    Supplementary claims (filed afterwards) are weighed, but are not arguments under Art 52(2)
    (docs/rules.md § arguments)."""
    if case.kind != Kind.NOTIFICATION:
        return []
    return [c for c in records_of(case, "claims") if not c.supplementary]


def has_arguments(case: Case) -> bool:
    """Whether the notification came with Art 52(2) arguments (supplementary claims alone do
    not count)."""
    return bool(arguments(case))


def already_designated(case: Case) -> list[str]:
    """docs/rules.md § one-case-per-model: a model has one active designation; a decision of
    another case cannot designate it a second time."""
    return [
        gettext(
            "{model} is already designated since {day} (case {reference}): it cannot be "
            "designated a second time."
        ).format(
            model=case.model, day=deadlines.format_date(d.decided_on), reference=d.case.reference
        )
        for d in case.model.designations.select_related("case").filter(ended_on__isnull=True)
        if d.case_id != case.pk
    ]


def is_adverse(case: Case, outcome: str) -> bool:
    """docs/rules.md § right-to-be-heard: rejecting the provider's arguments, or an ex officio designation."""
    if outcome == Outcome.DESIGNATE and case.kind == Kind.EX_OFFICIO:
        return True
    return rejects_arguments(case, outcome)


def rejects_arguments(case: Case, outcome: str) -> bool:
    """Designating a notified model whose provider filed Art 52(2) arguments rejects them
    (Art 52(3)); supplementary claims alone are no arguments to reject."""
    return outcome == Outcome.DESIGNATE and has_arguments(case)


def claims_not_substantiated(case: Case) -> list[Any]:
    """The claims a rejection cites: those the caseworker found not substantiated."""
    return [c for c in records_of(case, "claims") if c.review == ClaimReview.NOT_SUBSTANTIATED]


def rejection_blockers(case: Case) -> list[str]:
    """A rejection answers every claim (supplementary ones too: they are weighed) and finds at
    least one Art 52(2) argument not substantiated; the proposal cites those not substantiated."""
    claims = records_of(case, "claims")
    pending = [c for c in claims if c.review == ClaimReview.PENDING]
    reasons = []
    if pending:
        reasons.append(
            gettext(
                "Review every claim before rejecting the arguments: {pending} of {total} not "
                "reviewed yet."
            ).format(pending=len(pending), total=len(claims))
        )
    elif not any(c.review == ClaimReview.NOT_SUBSTANTIATED for c in arguments(case)):
        reasons.append(
            _(
                "Every claim filed with the notification is marked substantiated: to reject the "
                "arguments, find at least one claim not substantiated (the proposal cites them)."
            )
        )
    return reasons


def claim_review_blockers(
    claim: Any, *, review: str | None = None, note: str | None = None
) -> list[str]:
    reasons = []
    if review is not None and review not in (
        ClaimReview.SUBSTANTIATED,
        ClaimReview.NOT_SUBSTANTIATED,
    ):
        reasons.append(_("Mark the claim substantiated or not substantiated."))
    if note is not None and not note.strip():
        reasons.append(_("Add a note explaining the finding."))
    return reasons + state_blocker(
        claim.case, (State.UNDER_ASSESSMENT,), _("You cannot review arguments")
    )


def hearing_done(case: Case, *, today: datetime.date) -> bool:
    """docs/rules.md § right-to-be-heard: a hearing answered, or lapsed (its due date passed
    unanswered); a withdrawn hearing was not one."""
    return any(
        r.status == RequestStatus.ANSWERED or request_lapsed(r, today=today)
        for r in records_of(case, "information_requests")
        if r.kind == RequestKind.HEARING
    )


def propose_blockers(
    case: Case,
    *,
    today: datetime.date,
    outcome: str | None = None,
    reasoning: str | None = None,
) -> list[str]:
    reasons = state_blocker(case, (State.UNDER_ASSESSMENT,), _("You cannot propose a decision"))
    allowed = case.allowed_outcomes
    if outcome is None:
        pass
    elif outcome not in allowed:
        labels = dict(Outcome.choices)
        reasons.append(
            gettext("This case can end only in one of: {outcomes}.").format(
                outcomes="; ".join(str(labels[o]) for o in allowed)
            )
        )
    elif (
        case.kind == Kind.NOTIFICATION
        and outcome == Outcome.NOT_DESIGNATE
        and not has_arguments(case)
    ):
        if case.claims.exists():
            reasons.append(
                _(
                    "The only claims were filed after submission (supplementary, outside Art 52(2)): "
                    "they are weighed, but a notification without arguments can only end in "
                    "designation (Art 52(3))."
                )
            )
        else:
            reasons.append(
                _(
                    "The provider filed no arguments: a notification without arguments can only end "
                    "in designation (Art 52(3))."
                )
            )
    elif outcome == Outcome.DESIGNATE and case.kind != Kind.REASSESSMENT:
        reasons += already_designated(case)
    if reasoning is not None and not reasoning.strip():
        reasons.append(_("Write the reasoning of the decision."))
    waiting = {r.kind for r in awaiting_answer(case, today=today)}
    if waiting - {RequestKind.HEARING}:
        reasons.append(
            _("A request for information is still open; wait for the answer or its due date.")
        )
    if RequestKind.HEARING in waiting:
        reasons.append(
            _("The hearing is still open; wait for the provider's comments or their due date.")
        )
    if outcome in allowed and rejects_arguments(case, outcome):
        reasons += rejection_blockers(case)
    if outcome in allowed and is_adverse(case, outcome) and not hearing_done(case, today=today):
        reasons.append(
            _(
                "The provider must first be heard on the draft decision (right to be heard): send a "
                "hearing and wait for the answer or its due date."
            )
        )
    return reasons


def return_blockers(case: Case, *, comment: str | None = None) -> list[str]:
    reasons = state_blocker(case, (State.DECISION_PROPOSED,), _("You cannot return the proposal"))
    if comment is not None and not comment.strip():
        reasons.append(_("Say why the proposal is returned."))
    return reasons


def approve_blockers(case: Case, *, user: Any) -> list[str]:
    reasons = state_blocker(case, (State.DECISION_PROPOSED,), _("You cannot approve"))
    proposal = case.decisions.filter(status="proposed").first()
    if proposal is None and not reasons:
        reasons.append(_("There is no proposed decision to approve."))
    elif proposal is not None and proposal.proposed_by_id == getattr(user, "pk", None):
        reasons.append(
            _("You proposed this decision; another approver must approve it (four eyes).")
        )
    if proposal is not None and proposal.outcome == Outcome.DESIGNATE:
        reasons += already_designated(case)
    return reasons
