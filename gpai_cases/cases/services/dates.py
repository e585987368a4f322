"""Dates that depend on other dates and on the holiday calendar: computed when the event that
sets them happens, and recomputed when the calendar changes (docs/rules.md § periods)."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import transaction

from .. import audit, deadlines
from ..audit import Action
from ..calendar import holidays_around
from ..models import Designation, InformationRequest, Notification, RequestStatus, State
from .base import refresh_next_deadline

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


def _recorded(case: object, field: str, old: object, new: object, reason: str) -> None:
    audit.record(
        case=case,
        actor=None,
        action=Action.DATES_RECOMPUTED,
        payload={"field": field, "old": str(old), "new": str(new), "reason": reason},
    )


def dates_recompute(*, reason: str) -> int:
    """Recompute every stored date that depends on the holiday calendar. Returns how many changed."""
    changed = 0
    with transaction.atomic():
        for n in Notification.objects.select_related("case").filter(
            trigger_date__isnull=False, case__state=State.DRAFT
        ):
            old = n.notification_due
            compute_notification_due(n)
            if n.notification_due != old:
                n.save(update_fields=["notification_due", "notification_due_rule"])
                refresh_next_deadline(n.case)
                _recorded(n.case, "notification_due", old, n.notification_due, reason)
                changed += 1
        for r in InformationRequest.objects.select_related("case").filter(
            status=RequestStatus.OPEN, period_days__isnull=False
        ):
            computed = deadlines.rfi_due(r.sent_on, r.period_days, holidays_around(r.sent_on))
            if computed.value != r.due_date:
                old = r.due_date
                r.due_date, r.due_rule = computed.value, computed.rule
                r.save(update_fields=["due_date", "due_rule"])
                refresh_next_deadline(r.case)
                _recorded(r.case, f"request {r.pk} due_date", old, r.due_date, reason)
                changed += 1
        if settings.GPAI_REASSESSMENT_SHIFT_TO_WORKING_DAY:
            for d in Designation.objects.select_related("case").filter(ended_on__isnull=True):
                computed = earliest_reassessment(d.last_decision_on)
                if computed.value != d.reassessment_earliest:
                    old = d.reassessment_earliest
                    d.reassessment_earliest, d.reassessment_rule = computed.value, computed.rule
                    d.save(update_fields=["reassessment_earliest", "reassessment_rule"])
                    _recorded(d.case, "reassessment_earliest", old, computed.value, reason)
                    changed += 1
    return changed
