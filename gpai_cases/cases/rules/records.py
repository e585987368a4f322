"""Guards of who-sees-what and of corrections: sharing an internal document, correcting the
record, claiming confidentiality, and publishing nothing claimed (docs/rules.md
§ confidentiality, § facts-as-filed)."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ..models import CLAIMABLE_FIELDS, Case, RequestStatus, State
from .common import request_due_date_problems

__all__ = [
    "CORRECTABLE",
    "claimed_terms_in",
    "confidentiality_claim_blockers",
    "publish_blockers",
    "record_correction_blockers",
    "share_blockers",
]

#: What the AI Office may correct in a case's record, in words.
CORRECTABLE = {
    "late": _("Notified late (the late flag)"),
    "request_due_date": _("The due date of an open request"),
}


def share_blockers(document: Any) -> list[str]:
    if not document.internal:
        return [_("This document is already shared with the provider.")]
    return []


def record_correction_blockers(
    case: Case,
    *,
    field: str | None = None,
    value: Any = None,
    reason: str | None = None,
    request: Any = None,
    today: datetime.date | None = None,
) -> list[str]:
    reasons: list[str] = []
    if case.state == State.DRAFT:
        reasons.append(_("A draft is the provider's own: there is no record to correct yet."))
    if field is None:
        return reasons
    if field not in CORRECTABLE:
        reasons.append(
            _("Choose what to correct: the late flag or the due date of an open request.")
        )
    if reason is not None and not reason.strip():
        reasons.append(_("Give the reason for the correction: it is recorded with it."))
    if field == "late" and value is not None and bool(value) == case.late:
        reasons.append(_("The late flag already says so: nothing to correct."))
    if field == "request_due_date":
        if request is None or request.case_id != case.pk:
            reasons.append(_("Choose an open request of this case."))
        elif request.status != RequestStatus.OPEN:
            reasons.append(_("Only the due date of an open request can be corrected."))
        elif value is None:
            reasons.append(_("Give the corrected due date."))
        elif value == request.due_date:
            reasons.append(_("The due date is already that day: nothing to correct."))
        elif today is not None:
            reasons += request_due_date_problems(value, today=today)
    return reasons


def confidentiality_claim_blockers(
    case: Case,
    *,
    document: Any = None,
    field: str = "",
    reason: str | None = None,
) -> list[str]:
    reasons: list[str] = []
    if case.state == State.WITHDRAWN:
        reasons.append(_("The case has been withdrawn."))
    if reason is None:
        return reasons
    if (document is None) == (not field):
        reasons.append(_("Choose one document or one field to claim confidential."))
    if document is not None and document.case_id != case.pk:
        reasons.append(_("The document claimed is not part of this case."))
    if field and field not in CLAIMABLE_FIELDS:
        reasons.append(_("That field cannot be claimed."))
    if not reason.strip():
        reasons.append(_("Say why it is confidential business information (Art 78)."))
    return reasons


def claimed_terms_in(texts: Iterable[str], terms: Iterable[str]) -> list[str]:
    """The claimed terms that appear in any of the texts (case-insensitive)."""
    haystack = "\n".join(t for t in texts if t).casefold()
    return sorted({t for t in terms if t and t.casefold() in haystack}, key=str.casefold)


def publish_blockers(found: dict[str, list[str]]) -> list[str]:
    """``found``: entry id → claimed terms its wording contains. Nothing claimed confidential
    enters the public list (Art 52(6), Art 78)."""
    return [
        gettext(
            "{entry}: the public wording contains “{term}”, which the provider claimed "
            "confidential (Art 78); change the wording before publishing."
        ).format(entry=entry_id, term=term)
        for entry_id, terms in sorted(found.items())
        for term in terms
    ]
