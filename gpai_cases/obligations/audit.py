"""The audit trail of the obligations that belong to no case (a provider's Code of Practice status
and framework; the periods kept as data): one entry point, verbs as an enum, payloads checked, and
each event announced (``recorded``) inside its transaction, as :mod:`gpai_cases.cases.audit` does
for cases — the messages follow from it (``reminders/events.py``).

Model reports and serious incidents belong to their designation's case: they are recorded with
:func:`gpai_cases.cases.audit.record` on that case."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from django.dispatch import Signal

from .models import ObligationEvent

#: Sent with ``event`` (a saved :class:`ObligationEvent`) after each :func:`record`.
recorded = Signal()


class Action(StrEnum):
    CODE_OF_PRACTICE_RECORDED = "code_of_practice_recorded"
    FRAMEWORK_FILED = "framework_filed"
    FRAMEWORK_ACKNOWLEDGED = "framework_acknowledged"
    FRAMEWORK_CHANGES_REQUESTED = "framework_changes_requested"
    FRAMEWORK_NOTE_RECORDED = "framework_note_recorded"
    FRAMEWORK_DATES_RECOMPUTED = "framework_dates_recomputed"
    PERIOD_CHANGED = "period_changed"


REQUIRED_PAYLOAD: dict[Action, frozenset[str]] = {
    Action.CODE_OF_PRACTICE_RECORDED: frozenset({"status", "chapter", "signatory"}),
    Action.FRAMEWORK_FILED: frozenset({"version", "number", "sha256"}),
    Action.FRAMEWORK_ACKNOWLEDGED: frozenset({"version", "review"}),
    Action.FRAMEWORK_CHANGES_REQUESTED: frozenset({"version", "review", "due_date"}),
    Action.FRAMEWORK_NOTE_RECORDED: frozenset({"version", "review"}),
    Action.FRAMEWORK_DATES_RECOMPUTED: frozenset({"review", "old", "new", "reason"}),
    Action.PERIOD_CHANGED: frozenset({"record", "changes", "reason"}),
}


def record(
    *, provider: Any, actor: Any, action: Action, payload: dict[str, Any] | None = None
) -> ObligationEvent:
    payload = payload or {}
    missing = REQUIRED_PAYLOAD.get(action, frozenset()) - payload.keys()
    if missing:
        raise ValueError(f"Audit event {action} lacks {', '.join(sorted(missing))}.")
    event = ObligationEvent.objects.create(
        provider=provider,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        action=str(action),
        payload=payload,
    )
    recorded.send(sender=ObligationEvent, event=event)
    return event
