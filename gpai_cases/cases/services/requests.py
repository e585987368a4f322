"""Requests for information and hearings, and the assessment clock they stop
(docs/rules.md § requests, § right-to-be-heard): sending, and every exit — answered, lapsed,
withdrawn. Extensions of a due date: :mod:`.extensions`."""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from gpai_cases.documents.models import Document

from .. import access, audit, deadlines, rules
from ..audit import Action
from ..calendar import holidays_around
from ..models import (
    Case,
    ClockStop,
    ExtensionStatus,
    InformationRequest,
    RequestKind,
    RequestStatus,
)
from ..rulecodes import Rule
from ..rulewords import in_english
from .base import lock, refresh_next_deadline, refuse_if, today

__all__ = [
    "information_request_answer",
    "information_request_send",
    "information_request_withdraw",
    "information_requests_lapse",
]

#: A due date's rule text is stored in a column of this size.


def request_facts(request: InformationRequest) -> dict[str, Any]:
    """What the provider is told about a request in every event that concerns it."""
    return {
        "request": request.pk,
        "kind": request.kind,
        "sent_on": request.sent_on.isoformat(),
        "due_date": request.due_date.isoformat(),
        "due_rule": in_english(request.due_rule),
    }


def locked_request(pk: int) -> InformationRequest:
    """Re-read a request with its row locked (lock its case first), with its extensions."""
    return (
        InformationRequest.objects.select_for_update(of=("self",))
        .select_related("case", "created_by")
        .prefetch_related("extensions__decided_by")
        .get(pk=pk)
    )


def information_request_send(
    *,
    actor: Any,
    case: Case,
    kind: str = RequestKind.QUESTION,
    questions: list[str] | None = None,
    due_date: datetime.date | None = None,
    draft_reasoning: str = "",
    draft_outcome: str = "",
) -> InformationRequest:
    """Send a question or a hearing. Without ``due_date`` the default period runs; a typed due
    date follows Reg. 1182/71 like a computed one (docs/rules.md § periods)."""
    access.require(access.may_request_information, actor, case)
    questions = [q.strip() for q in (questions or []) if q and q.strip()]
    day = today()
    with transaction.atomic():
        case = lock(case)
        refuse_if(
            rules.information_request_blockers(
                case,
                kind=kind,
                questions=questions,
                draft_reasoning=draft_reasoning,
                due_date=due_date,
                today=day,
            )
        )
        if due_date is None:
            days = (
                settings.GPAI_HEARING_DEFAULT_DAYS
                if kind == RequestKind.HEARING
                else settings.GPAI_RFI_DEFAULT_DAYS
            )
            computed, period = (
                deadlines.rfi_due(
                    day, days, holidays_around(day), hearing=kind == RequestKind.HEARING
                ),
                days,
            )
        else:
            computed, period = (
                deadlines.due_date_set_by(
                    actor.display_name, due_date, day, holidays_around(day, due_date)
                ),
                None,
            )
        request = InformationRequest.objects.create(
            case=case,
            kind=kind,
            questions=questions,
            draft_reasoning=draft_reasoning.strip(),
            draft_outcome=draft_outcome,
            sent_on=day,
            due_date=computed.value,
            due_date_set=due_date,
            due_rule=computed.rule,
            period_days=period,
            created_by=actor,
        )
        audit.record(
            case=case,
            actor=actor,
            action=Action.INFORMATION_REQUESTED,
            payload=request_facts(request),
        )
        ClockStop.objects.create(
            case=case,
            information_request=request,
            started_on=day,
            reason=Rule("stop", {"kind": request.kind, "day": day.isoformat()}),
        )
        audit.record(
            case=case, actor=actor, action=Action.CLOCK_STOPPED, payload={"request": request.pk}
        )
        refresh_next_deadline(case)
    return request


def _restart_clock(request: InformationRequest, case: Case, actor: Any, on: datetime.date) -> None:
    """End the request's clock stop on ``on``: the clock runs again from the next day."""
    ClockStop.objects.filter(information_request=request, ended_on__isnull=True).update(ended_on=on)
    audit.record(
        case=case,
        actor=actor,
        action=Action.CLOCK_RESTARTED,
        payload={
            "request": request.pk,
            "stopped_until": on.isoformat(),
            "runs_from": (on + datetime.timedelta(days=1)).isoformat(),
        },
    )


def information_request_answer(
    *,
    actor: Any,
    request: InformationRequest,
    response: str,
    documents: list[Document] | None = None,
) -> InformationRequest:
    case = request.case
    access.require(access.may_answer, actor, case)
    documents = documents or []
    day = today()
    refuse_if(rules.answer_blockers(request, today=day, response=response, documents=documents))
    with transaction.atomic():
        case = lock(case)
        request = locked_request(request.pk)
        refuse_if(rules.answer_blockers(request, today=day))
        request.status = RequestStatus.ANSWERED
        request.response = response.strip()
        request.responded_at = timezone.now()
        request.responded_by = actor
        request.save()
        for document in documents:
            Document.objects.filter(pk=document.pk, information_request__isnull=True).update(
                information_request=request
            )
        audit.record(
            case=case,
            actor=actor,
            action=Action.INFORMATION_PROVIDED,
            payload={**request_facts(request), "documents": [d.pk for d in documents]},
        )
        _restart_clock(request, case, actor, day)
        refresh_next_deadline(case)
    return request


def information_request_withdraw(
    *, actor: Any, request: InformationRequest, reason: str
) -> InformationRequest:
    """A caseworker withdraws a request sent by mistake, with the reason: the clock runs again
    from the next day and the provider receives a letter."""
    access.require(access.may_withdraw_request, actor, request.case)
    day = today()
    with transaction.atomic():
        case = lock(request.case)
        request = locked_request(request.pk)
        refuse_if(rules.request_withdraw_blockers(request, today=day, reason=reason))
        request.status = RequestStatus.WITHDRAWN
        request.withdrawn_at = timezone.now()
        request.withdrawn_by = actor
        request.withdrawal_reason = reason.strip()
        request.save(update_fields=["status", "withdrawn_at", "withdrawn_by", "withdrawal_reason"])
        audit.record(
            case=case,
            actor=actor,
            action=Action.REQUEST_WITHDRAWN,
            payload={
                **request_facts(request),
                "reason": request.withdrawal_reason,
                "withdrawn_on": day.isoformat(),
            },
        )
        _restart_clock(request, case, actor, day)
        refresh_next_deadline(case)
    return request


def lapse(request: InformationRequest, case: Case, day: datetime.date) -> None:
    """Record that the request lapsed, its due date passed unanswered (case and request locked):
    its clock stop ends on the due date, so the clock runs again from the day after."""
    request.status = RequestStatus.LAPSED
    request.lapsed_on = day
    request.save(update_fields=["status", "lapsed_on"])
    audit.record(
        case=case,
        actor=None,
        action=Action.REQUEST_LAPSED,
        payload={**request_facts(request), "lapsed_on": day.isoformat()},
    )
    _restart_clock(request, case, None, request.due_date)
    refresh_next_deadline(case)


def information_requests_lapse(
    *, today: datetime.date | None = None, case: Case | None = None
) -> int:
    """Lapse every open request whose due date has passed unanswered (of one case, or all):
    the periodic sweep, idempotent. A request due today lapses tomorrow (a period ends at the end
    of its last day); one on which the provider's request for more time awaits a decision waits
    for it. Returns how many lapsed."""
    day = today or timezone.localdate()
    due = InformationRequest.objects.filter(status=RequestStatus.OPEN, due_date__lt=day).exclude(
        extensions__status=ExtensionStatus.PENDING
    )
    if case is not None:
        due = due.filter(case=case)
    lapsed = 0
    for pk, case_id in due.order_by("pk").values_list("pk", "case_id"):
        with transaction.atomic():
            locked_case = lock(Case(pk=case_id))
            request = locked_request(pk)
            if request.status != RequestStatus.OPEN or not rules.request_lapsed(request, today=day):
                continue  # answered, extended or lapsed meanwhile
            lapse(request, locked_case, day)
            lapsed += 1
    return lapsed
