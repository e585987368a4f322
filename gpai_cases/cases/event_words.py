"""Each audit event in words, for the timelines of both doors: what happened and what changed
("Notification updated: the training compute and the estimate's inputs"), never a code such as
"Document_uploaded". Pure functions over the event's action and payload."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

__all__ = ["describe", "state_words"]

#: The notification's fields as people call them (the wizard's questions).
_FIELD_WORDS: Mapping[str, str] = {
    "trigger_type": "what triggered the notification",
    "trigger_date": "the day the threshold was met",
    "compute_flop": "the training compute",
    "compute_method": "how the compute was estimated",
    "compute_inputs": "the estimate's inputs",
    "architecture_description": "the architecture",
    "intended_uses": "the intended uses",
    "training_data_description": "the training data",
    "parameter_count": "the number of parameters",
    "training_compute_flop": "the training compute",
    "training_tokens": "the number of training tokens",
}

_STATE_WORDS: Mapping[str, str] = {
    "draft": "draft",
    "submitted": "submitted",
    "under_assessment": "under assessment",
    "decision_proposed": "decision proposed",
    "decided": "decided",
    "withdrawn": "withdrawn",
}

_VERBS: Mapping[str, str] = {
    "created": "Case opened",
    "updated": "Notification updated",
    "submitted": "Notification submitted",
    "withdrawn": "Case withdrawn",
    "taken_up": "Taken up for assessment",
    "assigned": "Assigned",
    "opened_ex_officio": "Opened of the Commission's own motion",
    "document_uploaded": "Document added",
    "claim_filed": "Argument filed",
    "claim_reviewed": "Argument reviewed",
    "information_requested": "Request for information sent",
    "information_provided": "Answer received",
    "clock_stopped": "Time limit suspended",
    "clock_restarted": "Time limit running again",
    "decision_proposed": "Decision proposed",
    "decision_returned": "Decision returned for changes",
    "decision_approved": "Decision adopted",
    "designation_changed": "Designation changed",
    "dates_recomputed": "Dates recomputed",
    "letter_issued": "Letter issued",
    "assessment_saved": "Assessment saved",
    "reminder_sent": "Reminder sent",
    "request_lapsed": "Request not answered in time",
    "request_withdrawn": "Request withdrawn",
    "extension_requested": "More time asked for",
    "due_date_extended": "Time to answer extended",
    "extension_refused": "More time refused",
    "notification_corrected": "Notification corrected",
    "model_changed": "Model's figures changed",
    "document_removed": "Document removed",
    "claim_removed": "Argument removed",
    "late_flag_changed": "Lateness flag changed",
    "reassessment_opened": "Reassessment opened by the Commission",
    "document_shared": "Internal document shared with the provider",
    "record_corrected": "Record corrected",
    "confidentiality_claimed": "Confidentiality claimed",
    "model_report_filed": "Model report filed",
    "incident_reported": "Serious incident reported",
    "incident_report_filed": "Incident report filed",
}


def state_words(state: str) -> str:
    return _STATE_WORDS.get(state, state.replace("_", " "))


def _fields(names: Iterable[Any]) -> str:
    words = [_FIELD_WORDS.get(str(n), str(n).replace("_", " ")) for n in names]
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " and " + words[-1]


def _detail(action: str, payload: Mapping[str, Any]) -> str:
    """What changed, from the payload, in a few words ("" when the verb says it all)."""
    if action == "updated" and payload.get("fields") == ["reasons"]:
        return "the reasons"
    if action == "updated" and payload.get("fields"):
        return _fields(payload["fields"])
    if action == "created" and payload.get("kind") == "reassessment":
        return "a request for reassessment"
    # a document's title is not repeated here: an internal document's title is not the provider's
    if action == "information_requested" and payload.get("kind") == "hearing":
        return "hearing: the provider may be heard on the proposed decision"
    if action in ("notification_corrected", "model_changed") and isinstance(
        payload.get("changes"), Mapping
    ):
        return _fields(payload["changes"].keys())
    if action == "record_corrected" and payload.get("field"):
        return _fields([payload["field"]])
    return ""


def describe(action: str, payload: Mapping[str, Any] | None = None) -> str:
    """The event in words: the verb, then what changed ("Notification updated: the training compute")."""
    verb = _VERBS.get(action, action.replace("_", " ").capitalize())
    if action == "information_requested" and (payload or {}).get("kind") == "hearing":
        return "Hearing letter sent: the provider may be heard on the proposed decision"
    if action == "updated" and (payload or {}).get("fields") == ["reasons"]:
        verb = "Request for reassessment updated"
    detail = _detail(action, payload or {})
    return f"{verb}: {detail}" if detail else verb
