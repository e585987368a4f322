"""What is due next on a case: the date it must move by, and the words of the rule behind it.

Stored on the case (``next_deadline``) when the event that sets it happens, for the queue's sort
and the overdue filter (:func:`gpai_cases.cases.services.refresh_next_deadline`). Pure reads.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.utils.translation import ngettext

from . import deadlines
from .models import Case, Kind, State
from .rules import open_requests


def next_deadline_rule(case: Case, *, target_days: int) -> Any:
    """The words of the rule behind the stored next deadline (shown when a date is expanded)."""
    kind = case.next_deadline_kind
    notification = getattr(case, "notification", None) if kind == "notification due" else None
    answering = (
        [r for r in open_requests(case) if r.due_date == case.next_deadline]
        if kind == "answer due"
        else []
    )
    return rule_of(
        kind,
        case.next_deadline,
        notification_rule=notification.notification_due_rule if notification else "",
        answer_rule=answering[0].due_rule if answering else "",
        assessment_started_on=case.assessment_started_on,
        target_days=target_days,
    )


def rule_of(
    kind: str,
    next_deadline: datetime.date | None,
    *,
    notification_rule: Any,
    answer_rule: Any,
    assessment_started_on: datetime.date | None,
    target_days: int,
) -> Any:
    """:func:`next_deadline_rule` from plain values: the stored rule of the notification or of
    the request that is due (read as columns by lists), or the assessment target's sentence."""
    if kind == "notification due":
        return notification_rule or ""
    if kind == "answer due":
        return answer_rule or ""
    if kind == "assessment target" and assessment_started_on and next_deadline:
        stopped = (next_deadline - assessment_started_on).days - target_days
        return ngettext(
            "Internal target of %(target)s days after the assessment started on %(started)s, "
            "plus %(stopped)s day while the clock was stopped = %(due)s",
            "Internal target of %(target)s days after the assessment started on %(started)s, "
            "plus %(stopped)s days while the clock was stopped = %(due)s",
            stopped,
        ) % {
            "target": target_days,
            "started": deadlines.format_day(assessment_started_on),
            "stopped": stopped,
            "due": deadlines.format_day(next_deadline),
        }
    return ""


def next_deadline(case: Case, *, target_days: int) -> tuple[datetime.date | None, str]:
    """The date the case must move by next, and what it is; (None, "") when nothing is due."""
    if case.state == State.DRAFT and case.kind == Kind.NOTIFICATION:
        n = getattr(case, "notification", None)
        if n is not None and n.notification_due:
            return n.notification_due, "notification due"
        return None, ""
    if case.state in (State.SUBMITTED, State.UNDER_ASSESSMENT):
        due = [r.due_date for r in open_requests(case)]
        if due:
            return min(due), "answer due"
    if case.state == State.UNDER_ASSESSMENT and case.assessment_started_on:
        stopped = 0
        for stop in case.clock_stops.all():
            end = stop.ended_on or datetime.date.max
            if end != datetime.date.max:
                stopped += max(0, (end - max(stop.started_on, case.assessment_started_on)).days)
        target = case.assessment_started_on + datetime.timedelta(days=target_days + stopped)
        return target, "assessment target"
    return None, ""
