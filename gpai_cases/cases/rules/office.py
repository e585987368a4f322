"""Guards of the AI Office's taking of a case: take up, assign, open ex officio (docs/rules.md § ex-officio)."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ..models import (
    OPEN_STATES,
    Case,
    Designation,
    ExOfficioBasis,
    State,
)
from .common import alert_date_problems, state_blocker

__all__ = [
    "ALERT_REFERENCE_MISSING",
    "assign_blockers",
    "designation_in_force",
    "open_ex_officio_blockers",
    "open_reassessment_blockers",
    "open_reassessment_of",
    "take_up_blockers",
]

# ---- the AI Office takes the case -------------------------------------------------------------


def take_up_blockers(case: Case) -> list[str]:
    return state_blocker(case, (State.SUBMITTED,), _("You cannot take up this case"))


def assign_blockers(
    case: Case, *, assignee_is_caseworker: bool | None = None, reason: str | None = None
) -> list[str]:
    reasons = []
    if assignee_is_caseworker is False:
        reasons.append(_("Cases are assigned to caseworkers."))
    if reason is not None and not reason.strip():
        reasons.append(_("Say why the case is (re)assigned."))
    if not case.is_open:
        reasons.append(_("The case is closed."))
    return reasons


#: Also shown on the field of the form that opens an ex officio case.
ALERT_REFERENCE_MISSING = _("Give the reference of the scientific panel's alert.")


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
        reasons.append(
            _("Choose the basis: ex officio or a qualified alert of the scientific panel.")
        )
    if basis == ExOfficioBasis.SCIENTIFIC_PANEL_ALERT and not alert_reference.strip():
        reasons.append(ALERT_REFERENCE_MISSING)
    reasons += alert_date_problems(alert_date, today=today)
    if model.designations.filter(ended_on__isnull=True).exists():
        reasons.append(_("This model is already designated."))
    return reasons


def open_reassessment_blockers(
    designation: Designation, *, reasons: str | None = None
) -> list[str]:
    """The Commission reassesses a designation in force of its own motion (docs/rules.md
    § reassessment), one reassessment at a time."""
    found = designation_in_force(designation, drafts=False)
    if reasons is not None and not reasons.strip():
        found.append(_("Give the basis and the reasons for reassessing the designation."))
    return found


def designation_in_force(
    designation: Designation, *, drafts: bool = True, other_than: Case | None = None
) -> list[str]:
    """A reassessment, whoever asks for it, reviews a designation in force, once at a time."""
    if not designation.active:
        return [_("This designation has ended; there is nothing to reassess.")]
    return open_reassessment_of(designation, drafts=drafts, other_than=other_than)


def open_reassessment_of(
    designation: Designation, *, drafts: bool = True, other_than: Case | None = None
) -> list[str]:
    """A designation is reassessed in one case at a time. A provider's draft request counts only
    for the provider itself (``drafts``): until submitted it is the provider's own, and the AI
    Office neither sees nor is stopped by it (docs/rules.md § confidentiality)."""
    current = designation.reassessment_cases.filter(state__in=OPEN_STATES)
    if not drafts:
        current = current.exclude(state=State.DRAFT)
    if other_than is not None:
        current = current.exclude(pk=other_than.pk)
    found = current.first()
    if found is None:
        return []
    return [
        gettext("This designation is already being reassessed in case {reference}.").format(
            reference=found.reference
        )
    ]
