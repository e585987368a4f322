"""The audit trail's single entry point: ``record(...)``. Verbs are an enum; payloads are checked."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from .models import Case, CaseEvent


class Action(StrEnum):
    CREATED = "created"
    UPDATED = "updated"
    SUBMITTED = "submitted"
    WITHDRAWN = "withdrawn"
    TAKEN_UP = "taken_up"
    ASSIGNED = "assigned"
    OPENED_EX_OFFICIO = "opened_ex_officio"
    DOCUMENT_UPLOADED = "document_uploaded"
    CLAIM_FILED = "claim_filed"
    CLAIM_REVIEWED = "claim_reviewed"
    INFORMATION_REQUESTED = "information_requested"
    INFORMATION_PROVIDED = "information_provided"
    CLOCK_STOPPED = "clock_stopped"
    CLOCK_RESTARTED = "clock_restarted"
    DECISION_PROPOSED = "decision_proposed"
    DECISION_RETURNED = "decision_returned"
    DECISION_APPROVED = "decision_approved"
    DESIGNATION_CHANGED = "designation_changed"
    DATES_RECOMPUTED = "dates_recomputed"
    LETTER_ISSUED = "letter_issued"
    ASSESSMENT_SAVED = "assessment_saved"
    REMINDER_SENT = "reminder_sent"


# The keys each verb's payload must carry (others are allowed).
REQUIRED_PAYLOAD: dict[Action, frozenset[str]] = {
    Action.WITHDRAWN: frozenset({"reason"}),
    Action.ASSIGNED: frozenset({"assignee", "reason"}),
    Action.DOCUMENT_UPLOADED: frozenset({"document", "sha256"}),
    Action.CLAIM_FILED: frozenset({"claim", "basis", "supplementary"}),
    Action.INFORMATION_REQUESTED: frozenset({"request", "kind", "due_date"}),
    Action.INFORMATION_PROVIDED: frozenset({"request"}),
    Action.DECISION_PROPOSED: frozenset({"outcome"}),
    Action.DECISION_RETURNED: frozenset({"comment"}),
    Action.DECISION_APPROVED: frozenset({"outcome", "decided_on"}),
    Action.DATES_RECOMPUTED: frozenset({"field", "old", "new"}),
}


def record(
    *,
    case: Case,
    actor: Any,
    action: Action,
    from_state: str = "",
    to_state: str = "",
    payload: dict[str, Any] | None = None,
) -> CaseEvent:
    payload = payload or {}
    missing = REQUIRED_PAYLOAD.get(action, frozenset()) - payload.keys()
    if missing:
        raise ValueError(f"Audit event {action} lacks {', '.join(sorted(missing))}.")
    actor_obj = actor if getattr(actor, "is_authenticated", False) else None
    return CaseEvent.objects.create(
        case=case,
        actor=actor_obj,
        action=str(action),
        from_state=str(from_state),
        to_state=str(to_state),
        payload=payload,
    )
