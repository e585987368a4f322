"""Guards of what the provider files: notification, reassessment request, withdrawal, documents, arguments (docs/rules.md § notification-duty, § arguments, § reassessment)."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from typing import Any

from django.conf import settings
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from .. import deadlines
from ..models import (
    ARTICLE_52_4_BASES,
    OPEN_STATES,
    Case,
    ClaimBasis,
    Designation,
    Kind,
    State,
)
from .common import state_blocker
from .office import designation_in_force, open_reassessment_of

# ---- notification and reassessment filing ------------------------------------------------------

#: An open case's state inside a sentence ("case GPAI-2026-0001 (draft)"): lower case in English,
#: a noun keeps its capital in German, so each is its own msgid rather than a lowered label.
OPEN_STATE_IN_A_SENTENCE = {
    State.DRAFT: pgettext_lazy("state, within a sentence", "draft"),
    State.SUBMITTED: pgettext_lazy("state, within a sentence", "submitted"),
    State.UNDER_ASSESSMENT: pgettext_lazy("state, within a sentence", "under assessment"),
    State.DECISION_PROPOSED: pgettext_lazy("state, within a sentence", "decision proposed"),
}


__all__ = [
    "can_notify",
    "claim_remove_blockers",
    "claims_blockers",
    "document_add_blockers",
    "document_remove_blockers",
    "notification_missing_fields",
    "notify_blockers",
    "reassessment_blockers",
    "reassessment_create_blockers",
    "submit_blockers",
    "unknown_documents",
    "withdraw_blockers",
]


def _notify_conflicts(model: Any) -> Iterator[tuple[str, Any]]:
    """What stands in the way of a new notification of ``model`` (docs/rules.md
    § one-case-per-model), as ``(kind, case or designation)``: each condition written once, for
    :func:`notify_blockers` (in words) and :func:`can_notify` (a list's yes or no)."""
    for case in model.cases.all():
        if case.state in OPEN_STATES and case.kind in (Kind.NOTIFICATION, Kind.EX_OFFICIO):
            yield case.kind, case
    for designation in model.designations.all():
        if designation.active:
            yield "designation", designation


def can_notify(model: Any) -> bool:
    """Whether :func:`notify_blockers` is empty, without writing its sentences (a list of many
    models asks it of each)."""
    return next(_notify_conflicts(model), None) is None


def notify_blockers(model: Any) -> list[str]:
    """docs/rules.md § one-case-per-model: no new notification while the model has an open
    notification or ex officio case, or an active designation. Reads ``model.cases`` and
    ``model.designations`` (with their cases): prefetch them to ask for many models at once."""
    reasons = []
    for kind, found in _notify_conflicts(model):
        if kind == Kind.NOTIFICATION:
            reasons.append(
                gettext(
                    "{model} already has an open notification, case {reference} ({state}): "
                    "continue that case; a model is notified once while its case is open."
                ).format(
                    model=model,
                    reference=found.reference,
                    state=OPEN_STATE_IN_A_SENTENCE[found.state],
                )
            )
        elif kind == Kind.EX_OFFICIO:
            reasons.append(
                gettext(
                    "The Commission's ex officio procedure on {model} is open (case "
                    "{reference}): no notification while it is open; answer in that case."
                ).format(model=model, reference=found.reference)
            )
        else:
            reasons.append(
                gettext(
                    "{model} is designated as a GPAI model with systemic risk since {day} (case "
                    "{reference}): no new notification while the designation is in force; a "
                    "reassessment may be requested instead."
                ).format(
                    model=model,
                    day=deadlines.format_date(found.decided_on),
                    reference=found.case.reference,
                )
            )
    return reasons


def notification_missing_fields(case: Case) -> list[str]:
    n = getattr(case, "notification", None)
    if n is None:
        return [_("The notification details are missing.")]
    missing = []
    if not n.trigger_type:
        missing.append(_("Say whether the threshold has been met or will be met."))
    if not n.trigger_date:
        missing.append(_("Give the date the threshold was met or became known to be met."))
    if n.compute_flop is None:
        missing.append(_("Give the training compute in FLOP."))
    if not n.compute_method:
        missing.append(_("Say how the training compute was estimated."))
    if not n.architecture_description.strip():
        missing.append(_("Describe the model's architecture."))
    return missing


def submit_blockers(case: Case, *, today: datetime.date) -> list[str]:
    reasons = state_blocker(case, (State.DRAFT,), _("You cannot submit"))
    if reasons:
        return reasons
    if case.kind == Kind.NOTIFICATION:
        reasons += notification_missing_fields(case)
        if not case.documents.filter(kind="evidence").exists():
            reasons.append(_("Upload at least one evidence document for the training compute."))
    elif case.kind == Kind.REASSESSMENT:
        reasons += reassessment_blockers(case.designation, today=today)
        if case.designation is not None and case.designation.active:
            # the Commission may have begun to reassess it of its own motion meanwhile
            reasons += open_reassessment_of(case.designation, drafts=False, other_than=case)
        if not case.reasons.strip():
            reasons.append(_("Give at least one new reason for the reassessment."))
        if not case.documents.exists():
            reasons.append(_("Upload at least one document supporting the reasons."))
    return reasons


def reassessment_blockers(designation: Designation | None, *, today: datetime.date) -> list[str]:
    """docs/rules.md § reassessment: which designations may be reassessed, and not before the earliest date."""
    if designation is None:
        return [_("Choose the designation to be reassessed.")]
    if not designation.active:
        return [
            gettext("The designation was revoked on {day}.").format(
                day=deadlines.format_day(designation.ended_on)
            )
        ]
    scope = settings.GPAI_REASSESSMENT_SCOPE
    if scope == "article_52_4_only" and designation.basis not in ARTICLE_52_4_BASES:
        return [
            _(
                "Art 52(5) allows a reassessment request only for designations under Art 52(4) "
                "(ex officio or after a scientific panel alert); this designation followed a notification."
            )
        ]
    earliest = deadlines.ComputedDate(
        designation.reassessment_earliest, designation.reassessment_rule
    )
    refusal = deadlines.reassessment_refusal(earliest, today)
    return [refusal] if refusal else []


def reassessment_create_blockers(designation: Designation) -> list[str]:
    """A reassessment request is drafted against a designation still in force."""
    return designation_in_force(designation)


def withdraw_blockers(case: Case, *, reason: str | None = None) -> list[str]:
    reasons = state_blocker(case, (State.DRAFT, State.SUBMITTED), _("You cannot withdraw"))
    if case.kind == Kind.EX_OFFICIO:
        reasons.append(_("An ex officio procedure cannot be withdrawn by the provider."))
    if reason is not None and not reason.strip():
        reasons.append(_("Give a reason for the withdrawal."))
    return reasons


def document_add_blockers(case: Case, *, provider_side: bool) -> list[str]:
    """The provider files documents while the case is open; the AI Office at any time."""
    if not provider_side:
        return []
    return state_blocker(case, OPEN_STATES, _("You cannot add documents"))


def claims_blockers(case: Case, *, claims: list[dict[str, Any]] | None = None) -> list[str]:
    """Rebuttal arguments (docs/rules.md § arguments): with a notification, while it is open and
    not yet before an approver; each claim has words and a basis."""
    reasons: list[str] = []
    if case.kind == Kind.EX_OFFICIO:
        reasons.append(
            _("Arguments under Art 52(2) belong to a notification; answer the notice instead.")
        )
    if claims is not None:
        if not claims:
            reasons.append(_("Add at least one claim."))
        for i, c in enumerate(claims, start=1):
            if not str(c.get("text", "")).strip():
                reasons.append(gettext("Claim {number}: write the claim.").format(number=i))
            if c.get("basis") not in ClaimBasis.values:
                reasons.append(
                    gettext(
                        "Claim {number}: choose its basis (capability, reach, mitigation or other)."
                    ).format(number=i)
                )
    return reasons + state_blocker(
        case, (State.DRAFT, State.SUBMITTED, State.UNDER_ASSESSMENT), _("You cannot file arguments")
    )


def unknown_documents(case: Case, document_ids: set[int], known: set[int]) -> list[str]:
    """Documents named in a filing must be documents of the case."""
    return [
        gettext("Document {number} is not part of this case.").format(number=d)
        for d in sorted(document_ids - known)
    ]


def document_remove_blockers(document: Any) -> list[str]:
    """A draft's documents may be removed (or replaced) until it is submitted; what was
    submitted stays as filed (docs/rules.md § facts-as-filed)."""
    if document.removed_at is not None:
        return [_("This document has already been removed.")]
    if document.kind == "letter":
        return [_("A letter of the AI Office cannot be removed.")]
    return state_blocker(document.case, (State.DRAFT,), _("You cannot remove or replace documents"))


def claim_remove_blockers(claim: Any) -> list[str]:
    """A draft's claims may be removed (or replaced) until it is submitted."""
    if claim.removed_at is not None:
        return [_("This claim has already been removed.")]
    return state_blocker(claim.case, (State.DRAFT,), _("You cannot remove or replace claims"))
