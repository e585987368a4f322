"""Reviewing the arguments, proposing a decision, the approver's four eyes, and what an approved
decision does to the designation (docs/rules.md § arguments, § four-eyes, § reassessment)."""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from .. import access, audit, rules
from ..audit import Action
from ..models import (
    Case,
    Claim,
    Decision,
    DecisionStatus,
    Designation,
    DesignationBasis,
    ExOfficioBasis,
    Kind,
    Outcome,
    TriggerType,
)
from .base import refuse_if, refused_on_conflict, today, transition
from .dates import earliest_reassessment
from .requests import information_requests_lapse

__all__ = ["claim_review", "decision_approve", "decision_propose", "decision_return"]


def claim_review(*, actor: Any, claim: Claim, review: str, note: str) -> Claim:
    access.require(access.may_review_claims, actor, claim.case)
    refuse_if(rules.claim_review_blockers(claim, review=review, note=note))
    with transaction.atomic():
        claim.review, claim.review_note, claim.reviewed_by = review, note.strip(), actor
        claim.save(update_fields=["review", "review_note", "reviewed_by"])
        audit.record(
            case=claim.case,
            actor=actor,
            action=Action.CLAIM_REVIEWED,
            payload={"claim": claim.pk, "review": review},
        )
    return claim


def decision_propose(*, actor: Any, case: Case, outcome: str, reasoning: str) -> Decision:
    access.require(access.may_propose, actor, case)
    day = today()
    # a request whose due date passed unanswered no longer blocks (§ requests): record its lapse
    # first if the sweep has not yet, so that the trail shows it before the proposal
    information_requests_lapse(today=day, case=case)
    with transition(
        case,
        actor=actor,
        method="propose_decision",
        action=Action.DECISION_PROPOSED,
        blockers=lambda c: rules.propose_blockers(
            c, outcome=outcome, reasoning=reasoning, today=day
        ),
    ) as step:
        decision = Decision.objects.create(
            case=step.case, outcome=outcome, reasoning=reasoning.strip(), proposed_by=actor
        )
        cited = (
            rules.claims_not_substantiated(step.case)
            if rules.rejects_arguments(step.case, outcome)
            else []
        )
        decision.cited_claims.set(cited)
        step.payload.update(
            outcome=outcome, decision=decision.pk, cited_claims=[c.pk for c in cited]
        )
    return decision


def decision_return(*, actor: Any, case: Case, comment: str) -> Case:
    access.require(access.may_return, actor, case)
    with transition(
        case,
        actor=actor,
        method="return_proposal",
        action=Action.DECISION_RETURNED,
        blockers=lambda c: rules.return_blockers(c, comment=comment),
    ) as step:
        step.case.decisions.filter(status=DecisionStatus.PROPOSED).update(
            status=DecisionStatus.RETURNED, return_comment=comment.strip(), returned_by=actor
        )
        step.payload["comment"] = comment.strip()
    return step.case


def _designation_basis(case: Case) -> str:
    if case.kind == Kind.EX_OFFICIO:
        return (
            DesignationBasis.SCIENTIFIC_PANEL_ALERT
            if case.basis == ExOfficioBasis.SCIENTIFIC_PANEL_ALERT
            else DesignationBasis.EX_OFFICIO
        )
    return (
        DesignationBasis.ARGUMENTS_REJECTED
        if rules.has_arguments(case)
        else DesignationBasis.NO_ARGUMENTS
    )


def systemic_risk_since(case: Case, decided_on: datetime.date) -> datetime.date:
    """docs/rules.md § systemic-risk-since: since the day the threshold was met — the trigger
    date when it *has been* met; for *will be met*, the date a correction confirmed it was met,
    else the decision date; the decision date for a model never notified."""
    n = getattr(case, "notification", None) if case.kind == Kind.NOTIFICATION else None
    if n is None:
        return decided_on
    if n.trigger_type == TriggerType.WILL_BE_MET:
        return n.met_confirmed_on or decided_on
    return n.trigger_date or decided_on


#: When the database's one-active-designation constraint refuses what the guard allowed (another
#: decision designated the model at the same moment).
DESIGNATED_MEANWHILE = _(
    "The model has meanwhile been designated by another decision; it cannot be designated a "
    "second time. Return the proposal."
)


def _apply_outcome(case: Case, decision: Decision, actor: Any) -> Designation | None:
    decided_on = decision.decided_on
    if decided_on is None:
        raise ValueError("An outcome is applied only to an approved decision with its date.")
    if decision.outcome == Outcome.DESIGNATE:
        earliest = earliest_reassessment(decided_on)
        with refused_on_conflict(DESIGNATED_MEANWHILE):
            designation = Designation.objects.create(
                model=case.model,
                case=case,
                basis=_designation_basis(case),
                decided_on=decided_on,
                systemic_risk_since=systemic_risk_since(case, decided_on),
                last_decision_on=decided_on,
                reassessment_earliest=earliest.value,
                reassessment_rule=earliest.rule,
            )
    elif decision.outcome in (Outcome.MAINTAIN, Outcome.REVOKE):
        designation = Designation.objects.select_for_update().get(pk=case.designation_id)
        if decision.outcome == Outcome.MAINTAIN:
            earliest = earliest_reassessment(decided_on)
            designation.last_decision_on = decided_on
            designation.reassessment_earliest = earliest.value
            designation.reassessment_rule = earliest.rule
        else:
            designation.ended_on = decided_on
            designation.ended_by = case
        designation.save()
    else:
        return None
    audit.record(
        case=case,
        actor=actor,
        action=Action.DESIGNATION_CHANGED,
        payload={
            "designation": designation.pk,
            "outcome": decision.outcome,
            "reassessment_earliest": designation.reassessment_earliest.isoformat(),
            "ended_on": designation.ended_on.isoformat() if designation.ended_on else None,
        },
    )
    return designation


def decision_approve(*, actor: Any, case: Case) -> Decision:
    access.require(access.may_approve, actor, case)
    with transition(
        case,
        actor=actor,
        method="approve",
        action=Action.DECISION_APPROVED,
        blockers=lambda c: rules.approve_blockers(c, user=actor),
    ) as step:
        decision = step.case.decisions.select_for_update().get(status=DecisionStatus.PROPOSED)
        decision.status = DecisionStatus.APPROVED
        decision.approved_by = actor
        decision.decided_on = today()
        with refused_on_conflict(_("This case has already been decided.")):
            decision.save()
        step.payload.update(
            outcome=decision.outcome,
            decided_on=decision.decided_on.isoformat(),
            decision=decision.pk,
        )
        step.after.append(lambda: _apply_outcome(step.case, decision, actor))
    return decision
