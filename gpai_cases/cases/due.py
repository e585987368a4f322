"""What is due next on a case: the date it must move by, and the words of the rule behind it.

Stored on the case (``next_deadline``) when the event that sets it happens, for the queue's sort
and the overdue filter (:func:`gpai_cases.cases.services.refresh_next_deadline`). Pure reads.
"""

from __future__ import annotations

import datetime

from . import deadlines
from .models import Case, Kind, State
from .rules import open_requests


def next_deadline_rule(case: Case, *, target_days: int) -> str:
    """The words of the rule behind the stored next deadline (shown when a date is expanded)."""
    kind = case.next_deadline_kind
    if kind == "notification due":
        n = getattr(case, "notification", None)
        return n.notification_due_rule if n else ""
    if kind == "answer due":
        due = [r for r in open_requests(case) if r.due_date == case.next_deadline]
        return due[0].due_rule if due else ""
    if kind == "assessment target" and case.assessment_started_on:
        stopped = (case.next_deadline - case.assessment_started_on).days - target_days
        return (
            f"Internal target of {target_days} days after the assessment started on "
            f"{deadlines.format_day(case.assessment_started_on)}, plus {stopped} day(s) while the clock "
            f"was stopped = {deadlines.format_day(case.next_deadline)}"
        )
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
