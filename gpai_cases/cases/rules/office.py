"""Guards of the AI Office's taking of a case: take up, assign, open ex officio (docs/rules.md § ex-officio)."""

from __future__ import annotations

import datetime
from typing import Any

from ..models import (
    Case,
    ExOfficioBasis,
    State,
)
from .common import alert_date_problems, state_blocker

# ---- the AI Office takes the case -------------------------------------------------------------


__all__ = [
    "ALERT_REFERENCE_MISSING",
    "assign_blockers",
    "open_ex_officio_blockers",
    "take_up_blockers",
]


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
