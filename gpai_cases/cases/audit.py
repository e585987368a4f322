"""The audit trail's single entry point: ``record(...)``. Verbs are an enum; payloads are checked.

Every recorded event is also announced (the ``recorded`` signal), inside the transaction that
records it: the apps that follow up on what happened in a case — letters, notifications — listen
there, so that the procedure (:mod:`.services`) does not need to know them, and what they write
commits or rolls back with the event.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from enum import StrEnum
from typing import Any

from django.dispatch import Signal

from gpai_cases.providers import figures

from .models import Case, CaseEvent

#: Sent with ``event`` (a saved :class:`CaseEvent`) after each :func:`record`, in its transaction.
recorded = Signal()


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
    # requests over time (docs/rules.md § requests)
    REQUEST_LAPSED = "request_lapsed"
    REQUEST_WITHDRAWN = "request_withdrawn"
    EXTENSION_REQUESTED = "extension_requested"
    DUE_DATE_EXTENDED = "due_date_extended"
    EXTENSION_REFUSED = "extension_refused"
    # facts as filed (docs/rules.md § facts-as-filed)
    NOTIFICATION_CORRECTED = "notification_corrected"
    MODEL_CHANGED = "model_changed"
    DOCUMENT_REMOVED = "document_removed"
    CLAIM_REMOVED = "claim_removed"
    LATE_FLAG_CHANGED = "late_flag_changed"
    # the Commission's own reassessment (docs/rules.md § reassessment)
    REASSESSMENT_OPENED = "reassessment_opened"
    # who sees what (docs/rules.md § confidentiality), corrections by the AI Office
    DOCUMENT_SHARED = "document_shared"
    RECORD_CORRECTED = "record_corrected"
    CONFIDENTIALITY_CLAIMED = "confidentiality_claimed"
    # after designation, on the designation's case (docs/rules.md § model-reports,
    # § serious-incidents; the records are in gpai_cases.obligations)
    MODEL_REPORT_FILED = "model_report_filed"
    INCIDENT_REPORTED = "incident_reported"
    INCIDENT_REPORT_FILED = "incident_report_filed"


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
    Action.REQUEST_LAPSED: frozenset({"request", "due_date"}),
    Action.REQUEST_WITHDRAWN: frozenset({"request", "reason"}),
    Action.EXTENSION_REQUESTED: frozenset({"request", "extension", "reason"}),
    Action.DUE_DATE_EXTENDED: frozenset({"request", "old", "new"}),
    Action.EXTENSION_REFUSED: frozenset({"request", "extension", "note"}),
    Action.NOTIFICATION_CORRECTED: frozenset({"correction", "changes", "reason"}),
    Action.MODEL_CHANGED: frozenset({"model", "changes"}),
    Action.DOCUMENT_REMOVED: frozenset({"document", "sha256", "title"}),
    Action.CLAIM_REMOVED: frozenset({"claim", "text", "basis"}),
    Action.LATE_FLAG_CHANGED: frozenset({"old", "new", "reason"}),
    Action.REASSESSMENT_OPENED: frozenset({"designation", "reasons"}),
    Action.DOCUMENT_SHARED: frozenset({"document", "title"}),
    Action.RECORD_CORRECTED: frozenset({"field", "old", "new", "reason"}),
    Action.CONFIDENTIALITY_CLAIMED: frozenset({"claim", "subject", "reason"}),
    Action.MODEL_REPORT_FILED: frozenset({"report", "version", "kind"}),
    Action.INCIDENT_REPORTED: frozenset({"incident", "report", "kind", "due_date", "late"}),
    Action.INCIDENT_REPORT_FILED: frozenset({"incident", "report", "stage"}),
}


def _check(action: Action, payload: dict[str, Any]) -> None:
    missing = REQUIRED_PAYLOAD.get(action, frozenset()) - payload.keys()
    if missing:
        raise ValueError(f"Audit event {action} lacks {', '.join(sorted(missing))}.")


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
    _check(action, payload)
    actor_obj = actor if getattr(actor, "is_authenticated", False) else None
    event = CaseEvent.objects.create(
        case=case,
        actor=actor_obj,
        action=str(action),
        from_state=str(from_state),
        to_state=str(to_state),
        payload=payload,
    )
    recorded.send(sender=CaseEvent, event=event)
    return event


def record_many(entries: list[dict[str, Any]]) -> list[CaseEvent]:
    """Several events at once (one INSERT), each checked as :func:`record` checks it; for sweeps
    that write thousands. Entries carry ``case``, ``actor``, ``action`` and ``payload``. Not
    announced: the sweep does its own follow-up (the reminders are the messages)."""
    events = []
    for entry in entries:
        action, payload = entry["action"], entry.get("payload") or {}
        _check(action, payload)
        actor = entry.get("actor")
        events.append(
            CaseEvent(
                case=entry["case"],
                actor=actor if getattr(actor, "is_authenticated", False) else None,
                action=str(action),
                payload=payload,
            )
        )
    return CaseEvent.objects.bulk_create(events, batch_size=500)


def describe(event: CaseEvent, names: Mapping[int, str] | None = None) -> str:
    """What an event's payload says, in a few words for the timeline (empty when nothing to add).

    ``names`` maps user ids to display names, for the assignees of ``assigned`` events.
    """
    p = event.payload or {}
    names = names or {}
    match event.action:
        case Action.ASSIGNED:
            who = names.get(p.get("assignee"), "a caseworker")
            return f"to {who}; reason: {p.get('reason', '')}"
        case Action.WITHDRAWN:
            return f"reason: {p.get('reason', '')}"
        case Action.DECISION_RETURNED:
            return f"comment: {p.get('comment', '')}"
        case Action.DECISION_PROPOSED:
            cited = len(p.get("cited_claims", []))
            claims = f", citing {cited} claim(s) found not substantiated" if cited else ""
            return f"outcome: {p.get('outcome', '')}{claims}"
        case Action.DECISION_APPROVED:
            return f"outcome: {p.get('outcome', '')}, decided on {p.get('decided_on', '')}"
        case Action.INFORMATION_REQUESTED:
            return f"{p.get('kind', '')}, due {p.get('due_date', '')}"
        case Action.CLAIM_REVIEWED:
            return str(p.get("review", "")).replace("_", " ")
        case Action.ASSESSMENT_SAVED:
            return f"scorecard version {p.get('version', '')}"
        case Action.DOCUMENT_UPLOADED:
            return f"SHA-256 {str(p.get('sha256', ''))[:16]}…"
        case Action.DATES_RECOMPUTED:
            return f"{p.get('field', '')}: {p.get('old', '')} → {p.get('new', '')}"
        case Action.REQUEST_LAPSED:
            return f"{p.get('kind', '')} due {p.get('due_date', '')}: not answered"
        case Action.REQUEST_WITHDRAWN:
            return f"{p.get('kind', '')}; reason: {p.get('reason', '')}"
        case Action.EXTENSION_REQUESTED:
            return f"until {p.get('proposed_due_date', '')}; reasons: {p.get('reason', '')}"
        case Action.DUE_DATE_EXTENDED:
            return f"{p.get('old', '')} → {p.get('new', '')}; reason: {p.get('reason', '')}"
        case Action.EXTENSION_REFUSED:
            return f"due date stays {p.get('due_date', '')}; note: {p.get('note', '')}"
        case Action.LATE_FLAG_CHANGED:
            return str(p.get("reason", ""))
        case Action.CLOCK_RESTARTED if p.get("runs_from"):
            return f"runs again from {p['runs_from']}"
        case Action.REMINDER_SENT:
            return f"{p.get('kind', '')}, {p.get('stage', '')}"
        case Action.REASSESSMENT_OPENED:
            return f"of the Commission's own motion; reasons: {p.get('reasons', '')}"
        case Action.DOCUMENT_SHARED:
            return f"“{p.get('title', '')}” shared with the provider"
        case Action.RECORD_CORRECTED:
            return f"{p.get('field', '')}: {p.get('old', '')} → {p.get('new', '')}; reason: {p.get('reason', '')}"
        case Action.CONFIDENTIALITY_CLAIMED:
            return f"{p.get('subject', '')}; reason: {p.get('reason', '')}"
        case Action.MODEL_REPORT_FILED:
            return f"model report version {p.get('version', '')} ({p.get('kind', '')})"
        case Action.INCIDENT_REPORTED:
            late = ", after its due date" if p.get("late") else ""
            return f"serious incident {p.get('incident', '')} ({p.get('kind', '')}){late}"
        case Action.INCIDENT_REPORT_FILED:
            return f"{p.get('stage', '')} report on serious incident {p.get('incident', '')}"
        case Action.DESIGNATION_CHANGED:
            ended = f", ended on {p['ended_on']}" if p.get("ended_on") else ""
            return f"{p.get('outcome', '')}{ended}"
        # facts as filed (docs/rules.md § facts-as-filed)
        case Action.NOTIFICATION_CORRECTED:
            changed = ", ".join(str(k).replace("_", " ") for k in p.get("changes", {}))
            return f"{changed}; reason: {p.get('reason', '')}"
        case Action.MODEL_CHANGED:
            return "; ".join(
                f"{figures.label(k)}: {figures.shown(k, old)} → {figures.shown(k, new)}"
                for k, (old, new) in (p.get("changes") or {}).items()
            )
        case Action.DOCUMENT_REMOVED:
            replaced = ", replaced by a new version" if p.get("replaced_by") else ""
            return f"“{p.get('title', '')}”, SHA-256 {str(p.get('sha256', ''))[:16]}…{replaced}"
        case Action.CLAIM_REMOVED:
            replaced = ", replaced by a corrected claim" if p.get("replaced_by") else ""
            return f"{p.get('basis', '')}: {str(p.get('text', ''))[:80]}{replaced}"
        case Action.LATE_FLAG_CHANGED:
            words = {True: "late", False: "on time"}
            return f"{words.get(p.get('old'), '')} → {words.get(p.get('new'), '')}: {p.get('reason', '')}"
    return ""


def assignee_names(events: Iterable[CaseEvent]) -> dict[int, str]:
    """The display names of the users that ``assigned`` events name, in one query."""
    from gpai_cases.accounts.models import User

    ids = {e.payload.get("assignee") for e in events if e.action == Action.ASSIGNED}
    ids.discard(None)
    if not ids:
        return {}
    return {u.pk: u.display_name for u in User.objects.filter(pk__in=ids)}
