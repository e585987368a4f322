"""Requests for information and hearings, and the assessment clock they stop
(docs/rules.md § requests, § right-to-be-heard)."""

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
from ..models import Case, ClockStop, InformationRequest, RequestKind, RequestStatus
from .base import lock, refresh_next_deadline, refuse_if, today

__all__ = ["information_request_answer", "information_request_send"]


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
            computed = deadlines.rfi_due(day, days, holidays_around(day))
            due, rule, period = computed.value, computed.rule, days
        else:
            due, rule, period = (
                due_date,
                # the provider reads this: the AI Office, not a member of its staff
                f"Set by the AI Office on {deadlines.format_day(day)}",
                None,
            )
        request = InformationRequest.objects.create(
            case=case,
            kind=kind,
            questions=questions,
            draft_reasoning=draft_reasoning.strip(),
            draft_outcome=draft_outcome,
            sent_on=day,
            due_date=due,
            due_rule=rule,
            period_days=period,
            created_by=actor,
        )
        audit.record(
            case=case,
            actor=actor,
            action=Action.INFORMATION_REQUESTED,
            payload={"request": request.pk, "kind": kind, "due_date": due.isoformat()},
        )
        ClockStop.objects.create(
            case=case,
            information_request=request,
            started_on=day,
            reason=f"{request.get_kind_display()} sent on {deadlines.format_day(day)}",
        )
        audit.record(
            case=case, actor=actor, action=Action.CLOCK_STOPPED, payload={"request": request.pk}
        )
        refresh_next_deadline(case)
    return request


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
    refuse_if(rules.answer_blockers(request, response=response, documents=documents))
    day = today()
    with transaction.atomic():
        request = InformationRequest.objects.select_for_update().get(pk=request.pk)
        refuse_if(rules.answer_blockers(request))
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
            payload={"request": request.pk, "documents": [d.pk for d in documents]},
        )
        ClockStop.objects.filter(information_request=request, ended_on__isnull=True).update(
            ended_on=day
        )
        audit.record(
            case=case, actor=actor, action=Action.CLOCK_RESTARTED, payload={"request": request.pk}
        )
        refresh_next_deadline(case)
    return request
