"""The guards of the procedure, in words a user understands.

Each ``<verb>_blockers(...)`` returns the reasons why an action cannot be taken (an empty list
means it can). Its inputs (the outcome, the reasoning, the questions...) are optional: left out,
only what depends on the case *now* is checked, which is what a page shows next to a disabled
button; given, they are checked too, which is what a service refuses with. So each sentence is
written once, here. Pure reads: they never write. The rules themselves: docs/rules.md.

Who may act (the role) is not a guard but a permission: :mod:`.access`.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings

from . import deadlines
from .models import (
    ARTICLE_52_4_BASES,
    OPEN_STATES,
    OUTCOMES_BY_KIND,
    Case,
    ClaimBasis,
    ClaimReview,
    Designation,
    ExOfficioBasis,
    Kind,
    Outcome,
    RequestKind,
    RequestStatus,
    State,
)

STATE_WORDS = {
    State.DRAFT: "is still a draft",
    State.SUBMITTED: "has been submitted and awaits a caseworker",
    State.UNDER_ASSESSMENT: "is under assessment",
    State.DECISION_PROPOSED: "has a decision proposed",
    State.DECIDED: "has been decided",
    State.WITHDRAWN: "has been withdrawn",
}


def state_blocker(case: Case, allowed: tuple[str, ...], action: str) -> list[str]:
    if case.state in allowed:
        return []
    return [f"You cannot {action}: the case {STATE_WORDS[State(case.state)]}."]


# ---- plausible dates ---------------------------------------------------------------------------

#: No model had been trained with more than 10^25 FLOP before this day; an earlier trigger date is a
#: typing error (and dates far outside the calendar would break the deadline arithmetic).
EARLIEST_TRIGGER_DATE = datetime.date(2015, 1, 1)
#: "Known that it will be met" looks ahead to planned training runs, not decades.
TRIGGER_DATE_HORIZON_YEARS = 5
#: A request for information is answered within weeks or months; a due date later than this is a typo.
LATEST_REQUEST_DUE_DAYS = 366


def trigger_date_problems(value: datetime.date | None, *, today: datetime.date) -> list[str]:
    if value is None:
        return []
    if value < EARLIEST_TRIGGER_DATE:
        return [
            f"The trigger date cannot be before {deadlines.format_day(EARLIEST_TRIGGER_DATE)}: "
            "no model had reached the threshold then."
        ]
    latest = today.replace(year=today.year + TRIGGER_DATE_HORIZON_YEARS, day=min(today.day, 28))
    if value > latest:
        return [
            f"The trigger date cannot be more than {TRIGGER_DATE_HORIZON_YEARS} years ahead "
            f"(after {deadlines.format_day(latest)})."
        ]
    return []


def request_due_date_problems(value: datetime.date | None, *, today: datetime.date) -> list[str]:
    if value is None:
        return []
    if value <= today:
        return ["The due date must be after today."]
    latest = today + datetime.timedelta(days=LATEST_REQUEST_DUE_DAYS)
    if value > latest:
        return [f"The due date cannot be later than {deadlines.format_day(latest)}."]
    return []


def alert_date_problems(value: datetime.date | None, *, today: datetime.date) -> list[str]:
    if value is None:
        return []
    if value > today:
        return ["The date of the alert cannot be in the future."]
    if value < EARLIEST_TRIGGER_DATE:
        return [
            f"The date of the alert cannot be before {deadlines.format_day(EARLIEST_TRIGGER_DATE)}."
        ]
    return []


# ---- notification and reassessment filing ------------------------------------------------------


def notification_missing_fields(case: Case) -> list[str]:
    n = getattr(case, "notification", None)
    if n is None:
        return ["The notification details are missing."]
    missing = []
    if not n.trigger_type:
        missing.append("Say whether the threshold has been met or will be met.")
    if not n.trigger_date:
        missing.append("Give the date the threshold was met or became known to be met.")
    if n.compute_flop is None:
        missing.append("Give the training compute in FLOP.")
    if not n.compute_method:
        missing.append("Say how the training compute was estimated.")
    if not n.architecture_description.strip():
        missing.append("Describe the model's architecture.")
    return missing


def submit_blockers(case: Case, *, today: datetime.date) -> list[str]:
    reasons = state_blocker(case, (State.DRAFT,), "submit")
    if reasons:
        return reasons
    if case.kind == Kind.NOTIFICATION:
        reasons += notification_missing_fields(case)
        if not case.documents.filter(kind="evidence").exists():
            reasons.append("Upload at least one evidence document for the training compute.")
    elif case.kind == Kind.REASSESSMENT:
        reasons += reassessment_blockers(case.designation, today=today)
        if not case.reasons.strip():
            reasons.append("Give at least one new reason for the reassessment.")
        if not case.documents.exists():
            reasons.append("Upload at least one document supporting the reasons.")
    return reasons


def reassessment_blockers(designation: Designation | None, *, today: datetime.date) -> list[str]:
    """docs/rules.md § reassessment: which designations may be reassessed, and not before the earliest date."""
    if designation is None:
        return ["Choose the designation to be reassessed."]
    if not designation.active:
        return [f"The designation was revoked on {deadlines.format_day(designation.ended_on)}."]
    scope = settings.GPAI_REASSESSMENT_SCOPE
    if scope == "article_52_4_only" and designation.basis not in ARTICLE_52_4_BASES:
        return [
            "Art 52(5) allows a reassessment request only for designations under Art 52(4) "
            "(ex officio or after a scientific panel alert); this designation followed a notification."
        ]
    earliest = deadlines.ComputedDate(
        designation.reassessment_earliest, designation.reassessment_rule
    )
    refusal = deadlines.reassessment_refusal(earliest, today)
    return [refusal] if refusal else []


def reassessment_create_blockers(designation: Designation) -> list[str]:
    """A reassessment request is drafted against a designation still in force."""
    if not designation.active:
        return ["This designation has ended; there is nothing to reassess."]
    return []


def withdraw_blockers(case: Case, *, reason: str | None = None) -> list[str]:
    reasons = state_blocker(case, (State.DRAFT, State.SUBMITTED), "withdraw")
    if case.kind == Kind.EX_OFFICIO:
        reasons.append("An ex officio procedure cannot be withdrawn by the provider.")
    if reason is not None and not reason.strip():
        reasons.append("Give a reason for the withdrawal.")
    return reasons


def document_add_blockers(case: Case, *, provider_side: bool) -> list[str]:
    """The provider files documents while the case is open; the AI Office at any time."""
    if not provider_side:
        return []
    return state_blocker(case, OPEN_STATES, "add documents")


def claims_blockers(case: Case, *, claims: list[dict[str, Any]] | None = None) -> list[str]:
    """Rebuttal arguments (docs/rules.md § arguments): with a notification, while it is open and
    not yet before an approver; each claim has words and a basis."""
    reasons: list[str] = []
    if case.kind == Kind.EX_OFFICIO:
        reasons.append(
            "Arguments under Art 52(2) belong to a notification; answer the notice instead."
        )
    if claims is not None:
        if not claims:
            reasons.append("Add at least one claim.")
        for i, c in enumerate(claims, start=1):
            if not str(c.get("text", "")).strip():
                reasons.append(f"Claim {i}: write the claim.")
            if c.get("basis") not in ClaimBasis.values:
                reasons.append(
                    f"Claim {i}: choose its basis (capability, reach, mitigation or other)."
                )
    return reasons + state_blocker(
        case, (State.DRAFT, State.SUBMITTED, State.UNDER_ASSESSMENT), "file arguments"
    )


def unknown_documents(case: Case, document_ids: set[int], known: set[int]) -> list[str]:
    """Documents named in a filing must be documents of the case."""
    return [f"Document {d} is not part of this case." for d in sorted(document_ids - known)]


# ---- the AI Office takes the case -------------------------------------------------------------


def take_up_blockers(case: Case) -> list[str]:
    return state_blocker(case, (State.SUBMITTED,), "take up this case")


def assign_blockers(
    case: Case, *, assignee_is_caseworker: bool | None = None, reason: str | None = None
) -> list[str]:
    reasons = []
    if assignee_is_caseworker is False:
        reasons.append("Cases are assigned to caseworkers.")
    if reason is not None and not reason.strip():
        reasons.append("Say why the case is (re)assigned.")
    if not case.is_open:
        reasons.append("The case is closed.")
    return reasons


#: Also shown on the field of the form that opens an ex officio case.
ALERT_REFERENCE_MISSING = "Give the reference of the scientific panel's alert."


def open_ex_officio_blockers(
    *,
    model: Any,
    basis: str,
    alert_reference: str,
    alert_date: datetime.date | None,
    today: datetime.date,
) -> list[str]:
    """docs/rules.md § ex-officio: of the Commission's own motion or after a panel alert."""
    reasons = []
    if basis not in ExOfficioBasis.values:
        reasons.append("Choose the basis: ex officio or a qualified alert of the scientific panel.")
    if basis == ExOfficioBasis.SCIENTIFIC_PANEL_ALERT and not alert_reference.strip():
        reasons.append(ALERT_REFERENCE_MISSING)
    reasons += alert_date_problems(alert_date, today=today)
    if model.designations.filter(ended_on__isnull=True).exists():
        reasons.append("This model is already designated.")
    return reasons


# ---- assessment ----------------------------------------------------------------------------------


def open_requests(case: Case) -> list[Any]:
    return [r for r in case.information_requests.all() if r.status == RequestStatus.OPEN]


def is_adverse(case: Case, outcome: str) -> bool:
    """docs/rules.md § right-to-be-heard: rejecting the provider's arguments, or an ex officio designation."""
    if outcome == Outcome.DESIGNATE and case.kind == Kind.EX_OFFICIO:
        return True
    return rejects_arguments(case, outcome)


def rejects_arguments(case: Case, outcome: str) -> bool:
    """Designating a notified model whose provider filed arguments rejects them (Art 52(3))."""
    return outcome == Outcome.DESIGNATE and case.kind == Kind.NOTIFICATION and case.claims.exists()


def claims_not_substantiated(case: Case) -> list[Any]:
    """The claims a rejection cites: those the caseworker found not substantiated."""
    return [c for c in case.claims.all() if c.review == ClaimReview.NOT_SUBSTANTIATED]


def rejection_blockers(case: Case) -> list[str]:
    """A rejection answers every claim and cites at least one found not substantiated."""
    claims = list(case.claims.all())
    pending = [c for c in claims if c.review == ClaimReview.PENDING]
    reasons = []
    if pending:
        reasons.append(
            f"Review every claim before rejecting the arguments: {len(pending)} of {len(claims)} "
            "not reviewed yet."
        )
    elif not any(c.review == ClaimReview.NOT_SUBSTANTIATED for c in claims):
        reasons.append(
            "Every claim is marked substantiated: to reject the arguments, find at least one claim "
            "not substantiated (the proposal cites them)."
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
        reasons.append("Mark the claim substantiated or not substantiated.")
    if note is not None and not note.strip():
        reasons.append("Add a note explaining the finding.")
    return reasons + state_blocker(claim.case, (State.UNDER_ASSESSMENT,), "review arguments")


def hearing_done(case: Case, *, today: datetime.date) -> bool:
    return any(
        r.status == RequestStatus.ANSWERED or r.due_date < today
        for r in case.information_requests.all()
        if r.kind == RequestKind.HEARING
    )


def propose_blockers(
    case: Case,
    *,
    today: datetime.date,
    outcome: str | None = None,
    reasoning: str | None = None,
) -> list[str]:
    reasons = state_blocker(case, (State.UNDER_ASSESSMENT,), "propose a decision")
    allowed = OUTCOMES_BY_KIND[case.kind]
    if outcome is None:
        pass
    elif outcome not in allowed:
        words = " or ".join(f"“{o}”" for o in allowed)
        reasons.append(
            f"A {case.get_kind_display().split(' (')[0].lower()} can end only in {words}."
        )
    elif (
        case.kind == Kind.NOTIFICATION
        and outcome == Outcome.NOT_DESIGNATE
        and not case.claims.exists()
    ):
        reasons.append(
            "The provider filed no arguments: a notification without arguments can only end in "
            "designation (Art 52(3))."
        )
    if reasoning is not None and not reasoning.strip():
        reasons.append("Write the reasoning of the decision.")
    if open_requests(case):
        reasons.append(
            "A request for information is still open; wait for the answer or its due date."
        )
    if outcome in allowed and rejects_arguments(case, outcome):
        reasons += rejection_blockers(case)
    if outcome in allowed and is_adverse(case, outcome) and not hearing_done(case, today=today):
        reasons.append(
            "The provider must first be heard on the draft decision (right to be heard): send a "
            "hearing and wait for the answer or its due date."
        )
    return reasons


def return_blockers(case: Case, *, comment: str | None = None) -> list[str]:
    reasons = state_blocker(case, (State.DECISION_PROPOSED,), "return the proposal")
    if comment is not None and not comment.strip():
        reasons.append("Say why the proposal is returned.")
    return reasons


def approve_blockers(case: Case, *, user: Any) -> list[str]:
    reasons = state_blocker(case, (State.DECISION_PROPOSED,), "approve")
    proposal = case.decisions.filter(status="proposed").first()
    if proposal is None and not reasons:
        reasons.append("There is no proposed decision to approve.")
    elif proposal is not None and proposal.proposed_by_id == getattr(user, "pk", None):
        reasons.append("You proposed this decision; another approver must approve it (four eyes).")
    return reasons


def information_request_blockers(
    case: Case,
    *,
    kind: str | None = None,
    questions: list[str] | None = None,
    draft_reasoning: str = "",
    due_date: datetime.date | None = None,
    today: datetime.date | None = None,
) -> list[str]:
    reasons = state_blocker(
        case, (State.SUBMITTED, State.UNDER_ASSESSMENT), "send a request for information"
    )
    if kind is None:
        return reasons
    if kind not in RequestKind.values:
        reasons.append("Choose a question or a hearing.")
    if kind == RequestKind.HEARING and not draft_reasoning.strip():
        reasons.append("A hearing carries the draft reasoning of the decision.")
    if kind == RequestKind.QUESTION and not [q for q in questions or [] if q.strip()]:
        reasons.append("Ask at least one question.")
    if today is not None:
        reasons += request_due_date_problems(due_date, today=today)
    return reasons


def answer_blockers(
    request: Any, *, response: str | None = None, documents: list[Any] | None = None
) -> list[str]:
    reasons = []
    if response is not None and not response.strip():
        reasons.append("Write a response.")
    if documents and any(d.case_id != request.case_id for d in documents):
        reasons.append("A document attached to the response belongs to another case.")
    if request.status != RequestStatus.OPEN:
        reasons.append("This request has already been answered.")
    return reasons
