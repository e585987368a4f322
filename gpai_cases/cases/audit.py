"""The audit trail's single entry point: ``record(...)``. Verbs are an enum; payloads are checked.

Every recorded event is also announced (the ``recorded`` signal), inside the transaction that
records it: the apps that follow up on what happened in a case — letters, notifications — listen
there, so that the procedure (:mod:`.services`) does not need to know them, and what they write
commits or rolls back with the event.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from enum import StrEnum
from typing import Any

from django.dispatch import Signal
from django.utils.translation import gettext, ngettext

from gpai_cases.providers import figures

from . import dayformat
from .models import Case, CaseEvent, ClaimBasis, ClaimReview, Outcome, RequestKind

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


def _day(value: Any) -> str:
    """A day kept as ISO text, in words (the text itself when it is not a day)."""
    try:
        return dayformat.format_date(datetime.date.fromisoformat(str(value)))
    except ValueError:
        return str(value or "")


def _label(choices: Any, code: Any) -> str:
    """A code of a set of choices by its label in the active language (the code if unknown)."""
    code = str(code or "")
    return str(choices(code).label) if code in choices.values else code.replace("_", " ")


def _t(text: str, **values: Any) -> str:
    return text % values


def describe(event: CaseEvent, names: Mapping[int, str] | None = None) -> str:
    """What an event's payload says, in a few words for the timeline (empty when nothing to add),
    in the active language: the payload keeps codes and values, the words come at display.

    ``names`` maps user ids to display names, for the assignees of ``assigned`` events.
    """
    p = event.payload or {}
    names = names or {}
    reason = str(p.get("reason", ""))
    match event.action:
        case Action.ASSIGNED:
            who = names.get(p.get("assignee")) or gettext("a caseworker")
            return _t(gettext("to %(who)s; reason: %(reason)s"), who=who, reason=reason)
        case Action.WITHDRAWN:
            return _t(gettext("reason: %(reason)s"), reason=reason)
        case Action.DECISION_RETURNED:
            return _t(gettext("comment: %(comment)s"), comment=p.get("comment", ""))
        case Action.DECISION_PROPOSED:
            outcome = _label(Outcome, p.get("outcome"))
            cited = len(p.get("cited_claims", []))
            if cited:
                return ngettext(
                    "outcome: %(outcome)s, citing %(n)s claim found not substantiated",
                    "outcome: %(outcome)s, citing %(n)s claims found not substantiated",
                    cited,
                ) % {"outcome": outcome, "n": cited}
            return _t(gettext("outcome: %(outcome)s"), outcome=outcome)
        case Action.DECISION_APPROVED:
            return _t(
                gettext("outcome: %(outcome)s, decided on %(day)s"),
                outcome=_label(Outcome, p.get("outcome")),
                day=_day(p.get("decided_on", "")),
            )
        case Action.INFORMATION_REQUESTED:
            return _t(
                gettext("%(kind)s, due %(day)s"),
                kind=_label(RequestKind, p.get("kind")),
                day=_day(p.get("due_date", "")),
            )
        case Action.CLAIM_REVIEWED:
            return _label(ClaimReview, p.get("review", ""))
        case Action.ASSESSMENT_SAVED:
            return _t(gettext("scorecard version %(version)s"), version=p.get("version", ""))
        case Action.DOCUMENT_UPLOADED:
            return f"SHA-256 {str(p.get('sha256', ''))[:16]}…"
        case Action.DATES_RECOMPUTED:
            return f"{p.get('field', '')}: {p.get('old', '')} → {p.get('new', '')}"
        case Action.REQUEST_LAPSED:
            return _t(
                gettext("%(kind)s due %(day)s: not answered"),
                kind=_label(RequestKind, p.get("kind")),
                day=_day(p.get("due_date", "")),
            )
        case Action.REQUEST_WITHDRAWN:
            return _t(
                gettext("%(kind)s; reason: %(reason)s"),
                kind=_label(RequestKind, p.get("kind")),
                reason=reason,
            )
        case Action.EXTENSION_REQUESTED:
            return _t(
                gettext("until %(day)s; reasons: %(reason)s"),
                day=_day(p.get("proposed_due_date", "")),
                reason=reason,
            )
        case Action.DUE_DATE_EXTENDED:
            return _t(
                gettext("%(old)s → %(new)s; reason: %(reason)s"),
                old=_day(p.get("old", "")),
                new=_day(p.get("new", "")),
                reason=reason,
            )
        case Action.EXTENSION_REFUSED:
            return _t(
                gettext("due date stays %(day)s; note: %(note)s"),
                day=_day(p.get("due_date", "")),
                note=p.get("note", ""),
            )
        case Action.LATE_FLAG_CHANGED:
            return reason
        case Action.CLOCK_RESTARTED if p.get("runs_from"):
            return _t(gettext("runs again from %(day)s"), day=_day(p["runs_from"]))
        case Action.REMINDER_SENT:
            return f"{p.get('kind', '')}, {p.get('stage', '')}"
        case Action.REASSESSMENT_OPENED:
            return _t(
                gettext("of the Commission's own motion; reasons: %(reasons)s"),
                reasons=p.get("reasons", ""),
            )
        case Action.DOCUMENT_SHARED:
            return _t(gettext("“%(title)s” shared with the provider"), title=p.get("title", ""))
        case Action.RECORD_CORRECTED:
            return _t(
                gettext("%(field)s: %(old)s → %(new)s; reason: %(reason)s"),
                field=p.get("field", ""),
                old=p.get("old", ""),
                new=p.get("new", ""),
                reason=reason,
            )
        case Action.CONFIDENTIALITY_CLAIMED:
            return _t(
                gettext("%(subject)s; reason: %(reason)s"),
                subject=p.get("subject", ""),
                reason=reason,
            )
        case Action.MODEL_REPORT_FILED:
            return _t(
                gettext("model report version %(version)s (%(kind)s)"),
                version=p.get("version", ""),
                kind=p.get("kind", ""),
            )
        case Action.INCIDENT_REPORTED:
            text = (
                gettext("serious incident %(incident)s (%(kind)s), after its due date")
                if p.get("late")
                else gettext("serious incident %(incident)s (%(kind)s)")
            )
            return _t(text, incident=p.get("incident", ""), kind=p.get("kind", ""))
        case Action.INCIDENT_REPORT_FILED:
            return _t(
                gettext("%(stage)s report on serious incident %(incident)s"),
                stage=p.get("stage", ""),
                incident=p.get("incident", ""),
            )
        case Action.DESIGNATION_CHANGED:
            outcome = _label(Outcome, p.get("outcome"))
            if p.get("ended_on"):
                return _t(
                    gettext("%(outcome)s, ended on %(day)s"),
                    outcome=outcome,
                    day=_day(p["ended_on"]),
                )
            return outcome
        # facts as filed (docs/rules.md § facts-as-filed)
        case Action.NOTIFICATION_CORRECTED:
            changed = ", ".join(
                figures.label(str(k)) if str(k) in figures.RECORDED_FIELDS else str(k)
                for k in p.get("changes", {})
            )
            return _t(gettext("%(changed)s; reason: %(reason)s"), changed=changed, reason=reason)
        case Action.MODEL_CHANGED:
            return "; ".join(
                f"{figures.label(k)}: {figures.shown(k, old)} → {figures.shown(k, new)}"
                for k, (old, new) in (p.get("changes") or {}).items()
            )
        case Action.DOCUMENT_REMOVED:
            text = (
                gettext("“%(title)s”, SHA-256 %(sha)s…, replaced by a new version")
                if p.get("replaced_by")
                else gettext("“%(title)s”, SHA-256 %(sha)s…")
            )
            return _t(text, title=p.get("title", ""), sha=str(p.get("sha256", ""))[:16])
        case Action.CLAIM_REMOVED:
            text = (
                gettext("%(basis)s: %(text)s, replaced by a corrected claim")
                if p.get("replaced_by")
                else gettext("%(basis)s: %(text)s")
            )
            return _t(
                text, basis=_label(ClaimBasis, p.get("basis")), text=str(p.get("text", ""))[:80]
            )
    return ""


def assignee_names(events: Iterable[CaseEvent]) -> dict[int, str]:
    """The display names of the users that ``assigned`` events name, in one query."""
    from gpai_cases.accounts.models import User

    ids = {e.payload.get("assignee") for e in events if e.action == Action.ASSIGNED}
    ids.discard(None)
    if not ids:
        return {}
    return {u.pk: u.display_name for u in User.objects.filter(pk__in=ids)}
