"""Dates that depend on other dates and on the holiday calendar: computed when the event that
sets them happens, and recomputed when the calendar changes (docs/rules.md § periods)."""

from __future__ import annotations

import datetime
from collections import defaultdict

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from .. import audit, deadlines
from ..audit import Action
from ..calendar import holidays_around, holidays_cached
from ..models import (
    OPEN_STATES,
    Case,
    Designation,
    InformationRequest,
    Notification,
    RequestStatus,
    State,
)
from ..rulewords import in_english
from .base import refresh_next_deadline
from .extensions import request_due_recomputed

__all__ = ["compute_notification_due", "dates_recompute", "earliest_reassessment"]


def compute_notification_due(notification: Notification) -> None:
    """Set the notification's due date and its rule from its trigger date (not saved)."""
    if notification.trigger_date is None:
        notification.notification_due = None
        notification.notification_due_rule = ""
        return
    due = deadlines.notification_due(
        notification.trigger_date, holidays_around(notification.trigger_date)
    )
    notification.notification_due = due.value
    notification.notification_due_rule = due.rule


def earliest_reassessment(decided_on: datetime.date) -> deadlines.ComputedDate:
    """The first day a reassessment may be requested after a decision (§ reassessment)."""
    shift = settings.GPAI_REASSESSMENT_SHIFT_TO_WORKING_DAY
    return deadlines.earliest_reassessment(
        decided_on,
        months=settings.GPAI_REASSESSMENT_MONTHS,
        shift_to_working_day=shift,
        holidays=holidays_around(decided_on, deadlines.add_months(decided_on, 6)) if shift else (),
    )


def _moved(
    field: str, old: object, new: object, rule: object, **facts: object
) -> dict[str, object]:
    return {"field": field, "old": str(old), "new": str(new), "rule": in_english(rule), **facts}


def _record_moves(case: Case, moves: list[dict[str, object]], reason: str) -> None:
    """One event per case listing every date that moved (``moved``); ``field``, ``old`` and
    ``new`` join them for a short line in the timeline."""
    audit.record(
        case=case,
        actor=None,
        action=Action.DATES_RECOMPUTED,
        payload={
            "field": ", ".join(str(m["field"]) for m in moves),
            "old": ", ".join(str(m["old"]) for m in moves),
            "new": ", ".join(str(m["new"]) for m in moves),
            "reason": reason,
            "moved": moves,
        },
    )


def _late_flag(case: Case, due: datetime.date | None, reason: str) -> bool:
    """A submitted notification is late only if it came after its due date under the calendar
    of now (§ periods: on time under the corrected calendar = no longer late)."""
    if case.submitted_at is None or case.state == State.DRAFT or due is None:
        return False
    submitted_on = timezone.localdate(case.submitted_at)
    late = deadlines.is_late(due, submitted_on)
    if late == case.late:
        return False
    Case.objects.filter(pk=case.pk).update(late=late)
    audit.record(
        case=case,
        actor=None,
        action=Action.LATE_FLAG_CHANGED,
        payload={
            "old": case.late,
            "new": late,
            "reason": (
                f"{reason}: notification due {due.isoformat()}, submitted "
                f"{submitted_on.isoformat()} — {'late' if late else 'on time'}"
            ),
            "notification_due": due.isoformat(),
            "submitted_on": submitted_on.isoformat(),
        },
    )
    case.late = late
    return True


def dates_recompute(*, reason: str) -> int:
    """Recompute every stored date that depends on the holiday calendar, of open cases: the due
    dates of notifications (drafts and submitted ones, whose late flag follows), of open
    requests (from their period or from the date a person typed), the earliest reassessment
    dates when they shift to working days; then the cases' next deadlines. Each case whose dates
    moved gets one audit event listing them. Idempotent. Returns how many dates changed."""
    changed = 0
    moves: dict[int, list[dict[str, object]]] = defaultdict(list)
    cases: dict[int, Case] = {}
    with transaction.atomic(), holidays_cached():
        for n in Notification.objects.select_related("case").filter(
            trigger_date__isnull=False, case__state__in=OPEN_STATES
        ):
            old = n.notification_due
            compute_notification_due(n)
            if n.notification_due == old:
                continue
            n.save(update_fields=["notification_due", "notification_due_rule"])
            moves[n.case_id].append(
                _moved("notification_due", old, n.notification_due, n.notification_due_rule)
            )
            cases[n.case_id] = n.case
            changed += 1 + _late_flag(n.case, n.notification_due, reason)
        for r in (
            InformationRequest.objects.select_related("case", "created_by")
            .prefetch_related("extensions__decided_by")
            .filter(status=RequestStatus.OPEN)
            .filter(Q(period_days__isnull=False) | Q(due_date_set__isnull=False))
        ):
            computed = request_due_recomputed(r)
            if computed is None or computed.value == r.due_date:
                continue
            old = r.due_date
            r.due_date, r.due_rule = computed.value, computed.rule
            r.save(update_fields=["due_date", "due_rule"])
            moves[r.case_id].append(
                _moved(f"request {r.pk} due_date", old, r.due_date, r.due_rule, request=r.pk)
            )
            cases[r.case_id] = r.case
            changed += 1
        if settings.GPAI_REASSESSMENT_SHIFT_TO_WORKING_DAY:
            for d in Designation.objects.select_related("case").filter(ended_on__isnull=True):
                computed = earliest_reassessment(d.last_decision_on)
                if computed.value != d.reassessment_earliest:
                    old = d.reassessment_earliest
                    d.reassessment_earliest, d.reassessment_rule = computed.value, computed.rule
                    d.save(update_fields=["reassessment_earliest", "reassessment_rule"])
                    moves[d.case_id].append(
                        _moved("reassessment_earliest", old, computed.value, computed.rule)
                    )
                    cases[d.case_id] = d.case
                    changed += 1
        for pk, case in cases.items():
            refresh_next_deadline(case)
            _record_moves(case, moves[pk], reason)
    return changed
