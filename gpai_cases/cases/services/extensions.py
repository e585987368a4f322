"""Extensions of a request's due date (docs/rules.md § requests): of the AI Office's own motion,
or on the provider's reasoned request, which a caseworker grants (the date asked for or another)
or refuses. A new due date is a date a person sets: it follows Reg. 1182/71 (§ periods), and
every date depending on it is recomputed; the clock stop stays open."""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone

from .. import access, audit, deadlines, rules
from ..audit import Action
from ..calendar import holidays_around
from ..models import (
    ExtensionOrigin,
    ExtensionStatus,
    InformationRequest,
    RequestExtension,
    RequestKind,
)
from .base import lock, refresh_next_deadline, refuse_if, today
from .requests import lapse, locked_request, request_facts

__all__ = [
    "extension_grant",
    "extension_refuse",
    "extension_request",
    "information_request_extend",
    "request_due_recomputed",
]

#: What the person who set a due date did, in the words of its rule.
HOW = {
    "": "set",
    ExtensionOrigin.OWN_MOTION: "extended",
    ExtensionOrigin.PROVIDER_REQUEST: "extended_on_request",
}


def _typed_due(
    request: InformationRequest, typed: datetime.date, person: str, how: str
) -> deadlines.ComputedDate:
    return deadlines.due_date_set_by(
        person, typed, request.sent_on, holidays_around(request.sent_on, typed), how=how
    )


def request_due_recomputed(request: InformationRequest) -> deadlines.ComputedDate | None:
    """The request's due date under today's calendar: from its period, or from the date a person
    typed (the last extension granted, or the one typed when it was sent); None if neither."""
    if request.due_date_set is not None:
        granted = [e for e in request.extensions.all() if e.status == ExtensionStatus.GRANTED]
        last = max(granted, key=lambda e: (e.decided_at, e.pk), default=None)
        person = (last.decided_by if last else request.created_by).display_name
        return _typed_due(request, request.due_date_set, person, HOW[last.origin if last else ""])
    if request.period_days:
        return deadlines.rfi_due(
            request.sent_on,
            request.period_days,
            holidays_around(request.sent_on),
            hearing=request.kind == RequestKind.HEARING,
        )
    return None


def _grant(
    request: InformationRequest,
    extension: RequestExtension,
    typed: datetime.date,
    actor: Any,
) -> RequestExtension:
    """Move the due date to ``typed`` as Reg. 1182/71 reads it (request and case locked)."""
    computed = _typed_due(request, typed, actor.display_name, HOW[extension.origin])
    old = request.due_date
    request.due_date, request.due_date_set = computed.value, typed
    request.due_rule, request.period_days = computed.rule, None
    request.save(update_fields=["due_date", "due_date_set", "due_rule", "period_days"])
    extension.status = ExtensionStatus.GRANTED
    extension.decided_by, extension.decided_at = actor, timezone.now()
    extension.old_due_date, extension.new_due_date = old, computed.value
    extension.new_due_rule = request.due_rule
    extension.save()
    audit.record(
        case=request.case,
        actor=actor,
        action=Action.DUE_DATE_EXTENDED,
        payload={
            **request_facts(request),
            "extension": extension.pk,
            "origin": extension.origin,
            "old": old.isoformat(),
            "new": computed.value.isoformat(),
            "typed": typed.isoformat(),
            "reason": extension.reason,
            "note": extension.decision_note,
        },
    )
    refresh_next_deadline(request.case)
    return extension


def information_request_extend(
    *, actor: Any, request: InformationRequest, due_date: datetime.date | None, reason: str
) -> RequestExtension:
    """A caseworker extends the due date of an open request of the AI Office's own motion."""
    access.require(access.may_extend_request, actor, request.case)
    day = today()
    with transaction.atomic():
        case = lock(request.case)
        request = locked_request(request.pk)
        request.case = case
        refuse_if(
            rules.request_extend_blockers(
                request, today=day, due_date=due_date, reason=reason, check_inputs=True
            )
        )
        extension = RequestExtension.objects.create(
            request=request,
            case=case,
            origin=ExtensionOrigin.OWN_MOTION,
            reason=reason.strip(),
            proposed_due_date=due_date,
            requested_by=actor,
        )
        return _grant(request, extension, due_date, actor)


def extension_request(
    *,
    actor: Any,
    request: InformationRequest,
    reason: str,
    proposed_due_date: datetime.date | None,
) -> RequestExtension:
    """The provider asks, with reasons, for more time to answer an open request; a caseworker
    decides. While the request for more time awaits a decision, the request does not lapse."""
    access.require(access.may_request_extension, actor, request.case)
    day = today()
    with transaction.atomic():
        case = lock(request.case)
        request = locked_request(request.pk)
        refuse_if(
            rules.extension_request_blockers(
                request,
                today=day,
                reason=reason,
                proposed_due_date=proposed_due_date,
                check_inputs=True,
            )
        )
        extension = RequestExtension.objects.create(
            request=request,
            case=case,
            origin=ExtensionOrigin.PROVIDER_REQUEST,
            reason=reason.strip(),
            proposed_due_date=proposed_due_date,
            requested_by=actor,
        )
        audit.record(
            case=case,
            actor=actor,
            action=Action.EXTENSION_REQUESTED,
            payload={
                **request_facts(request),
                "extension": extension.pk,
                "reason": extension.reason,
                "proposed_due_date": proposed_due_date.isoformat(),
            },
        )
    return extension


def _locked_extension(extension: RequestExtension) -> tuple[Any, InformationRequest, Any]:
    """The case and the request, re-read with their rows locked (every decision on an
    extension locks its request first), and the extension as the locked request holds it."""
    case = lock(extension.case)
    request = locked_request(extension.request_id)
    request.case = case
    locked = next(e for e in request.extensions.all() if e.pk == extension.pk)
    locked.request = request
    return case, request, locked


def extension_grant(
    *,
    actor: Any,
    extension: RequestExtension,
    due_date: datetime.date | None = None,
    note: str = "",
) -> RequestExtension:
    """Grant the provider's request for more time: the date asked for, or ``due_date``."""
    access.require(access.may_extend_request, actor, extension.case)
    day = today()
    with transaction.atomic():
        _case, request, extension = _locked_extension(extension)
        typed = due_date or extension.proposed_due_date
        refuse_if(
            rules.extension_decision_blockers(
                extension, today=day, decision=rules.GRANT, due_date=typed, note=note
            )
        )
        extension.decision_note = note.strip()
        return _grant(request, extension, typed, actor)


def extension_refuse(*, actor: Any, extension: RequestExtension, note: str) -> RequestExtension:
    """Refuse the provider's request for more time, saying why: the due date stays. If it has
    passed meanwhile, the request lapses now."""
    access.require(access.may_extend_request, actor, extension.case)
    day = today()
    with transaction.atomic():
        case, request, extension = _locked_extension(extension)
        refuse_if(
            rules.extension_decision_blockers(
                extension, today=day, decision=rules.REFUSE, note=note
            )
        )
        extension.status = ExtensionStatus.REFUSED
        extension.decided_by, extension.decided_at = actor, timezone.now()
        extension.decision_note = note.strip()
        extension.old_due_date = request.due_date
        extension.save()
        audit.record(
            case=case,
            actor=actor,
            action=Action.EXTENSION_REFUSED,
            payload={
                **request_facts(request),
                "extension": extension.pk,
                "note": extension.decision_note,
                "proposed_due_date": (
                    extension.proposed_due_date.isoformat() if extension.proposed_due_date else None
                ),
            },
        )
        if rules.request_lapsed(request, today=day):
            lapse(request, case, day)
    return extension
