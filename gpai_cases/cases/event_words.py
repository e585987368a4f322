"""Each audit event in words, for the timelines of both doors: what happened and what changed
("Notification updated: the training compute and the estimate's inputs"), never a code such as
"Document_uploaded". Pure functions over the event's action and payload, in the active language:
the events keep codes and parameters, never a sentence, so each reader gets them in theirs."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

__all__ = ["describe", "state_words"]

#: The notification's fields as people call them (the wizard's questions).
_FIELD_WORDS: Mapping[str, Any] = {
    "trigger_type": _("what triggered the notification"),
    "trigger_date": _("the day the threshold was met"),
    "compute_flop": _("the training compute"),
    "compute_method": _("how the compute was estimated"),
    "compute_inputs": _("the estimate's inputs"),
    "architecture_description": _("the architecture"),
    "intended_uses": _("the intended uses"),
    "training_data_description": _("the training data"),
    "parameter_count": _("the number of parameters"),
    "training_compute_flop": _("the training compute"),
    "training_tokens": _("the number of training tokens"),
}

_STATE_WORDS: Mapping[str, Any] = {
    "draft": pgettext_lazy("state in the timeline", "draft"),
    "submitted": pgettext_lazy("state in the timeline", "submitted"),
    "under_assessment": pgettext_lazy("state in the timeline", "under assessment"),
    "decision_proposed": pgettext_lazy("state in the timeline", "decision proposed"),
    "decided": pgettext_lazy("state in the timeline", "decided"),
    "withdrawn": pgettext_lazy("state in the timeline", "withdrawn"),
}

_VERBS: Mapping[str, Any] = {
    "created": _("Case opened"),
    "updated": _("Notification updated"),
    "submitted": _("Notification submitted"),
    "withdrawn": _("Case withdrawn"),
    "taken_up": _("Taken up for assessment"),
    "assigned": _("Assigned"),
    "opened_ex_officio": _("Opened of the Commission's own motion"),
    "document_uploaded": _("Document added"),
    "claim_filed": _("Argument filed"),
    "claim_reviewed": _("Argument reviewed"),
    "information_requested": _("Request for information sent"),
    "information_provided": _("Answer received"),
    "clock_stopped": _("Time limit suspended"),
    "clock_restarted": _("Time limit running again"),
    "decision_proposed": _("Decision proposed"),
    "decision_returned": _("Decision returned for changes"),
    "decision_approved": _("Decision adopted"),
    "designation_changed": _("Designation changed"),
    "dates_recomputed": _("Dates recomputed"),
    "letter_issued": _("Letter issued"),
    "assessment_saved": _("Assessment saved"),
    "reminder_sent": _("Reminder sent"),
    "request_lapsed": _("Request not answered in time"),
    "request_withdrawn": _("Request withdrawn"),
    "extension_requested": _("More time asked for"),
    "due_date_extended": _("Time to answer extended"),
    "extension_refused": _("More time refused"),
    "notification_corrected": _("Notification corrected"),
    "model_changed": _("Model's figures changed"),
    "document_removed": _("Document removed"),
    "claim_removed": _("Argument removed"),
    "late_flag_changed": _("Lateness flag changed"),
    "reassessment_opened": _("Reassessment opened by the Commission"),
    "document_shared": _("Internal document shared with the provider"),
    "record_corrected": _("Record corrected"),
    "confidentiality_claimed": _("Confidentiality claimed"),
    "model_report_filed": _("Model report filed"),
    "incident_reported": _("Serious incident reported"),
    "incident_report_filed": _("Incident report filed"),
}


def state_words(state: str) -> str:
    return str(_STATE_WORDS.get(state, state.replace("_", " ")))


def _fields(names: Iterable[Any]) -> str:
    words = [str(_FIELD_WORDS.get(str(n), str(n).replace("_", " "))) for n in names]
    if len(words) <= 1:
        return "".join(words)
    return gettext("%(first)s and %(last)s") % {"first": ", ".join(words[:-1]), "last": words[-1]}


def _detail(action: str, payload: Mapping[str, Any]) -> str:
    """What changed, from the payload, in a few words ("" when the verb says it all)."""
    if action == "updated" and payload.get("fields") == ["reasons"]:
        return gettext("the reasons")
    if action == "updated" and payload.get("fields"):
        return _fields(payload["fields"])
    if action == "created" and payload.get("kind") == "reassessment":
        return gettext("a request for reassessment")
    # a document's title is not repeated here: an internal document's title is not the provider's
    if action == "information_requested" and payload.get("kind") == "hearing":
        return gettext("hearing: the provider may be heard on the proposed decision")
    if action in ("notification_corrected", "model_changed") and isinstance(
        payload.get("changes"), Mapping
    ):
        return _fields(payload["changes"].keys())
    if action == "record_corrected" and payload.get("field"):
        return _fields([payload["field"]])
    return ""


def describe(action: str, payload: Mapping[str, Any] | None = None) -> str:
    """The event in words: the verb, then what changed ("Notification updated: the training compute")."""
    verb = str(_VERBS.get(action, action.replace("_", " ").capitalize()))
    if action == "information_requested" and (payload or {}).get("kind") == "hearing":
        return gettext("Hearing letter sent: the provider may be heard on the proposed decision")
    if action == "updated" and (payload or {}).get("fields") == ["reasons"]:
        verb = gettext("Request for reassessment updated")
    detail = _detail(action, payload or {})
    return gettext("%(event)s: %(detail)s") % {"event": verb, "detail": detail} if detail else verb
