"""Facts as filed (docs/rules.md § facts-as-filed): dated corrections of a submitted
notification, and the model's later edits recorded on its open cases. The snapshot itself is
taken at submission (:func:`.lifecycle.case_submit`, :func:`..facts.snapshot`)."""

from __future__ import annotations

import datetime
import json
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from gpai_cases.accounts.roles import is_member_of
from gpai_cases.documents.models import Document
from gpai_cases.providers.compute import parse_flop
from gpai_cases.providers.models import GPAIModel

from .. import access, audit, deadlines, rules
from ..audit import Action
from ..facts import notification_text
from ..models import Case, NotificationCorrection, State
from .base import lock, refresh_next_deadline, refuse_if, today
from .dates import compute_notification_due

__all__ = ["model_change_record", "notification_correct"]

#: The cases a model edit is recorded on: those that rely on the model's figures as they were
#: (submitted, under assessment, before an approver). A draft shows the current values anyway.
RECORDED_ON = (State.SUBMITTED, State.UNDER_ASSESSMENT, State.DECISION_PROPOSED)


def model_change_record(
    *,
    model: GPAIModel,
    changes: dict[str, list[str]],
    actor: Any,
    via: str = "",
    reason: str = "",
    version: int | None = None,
) -> int:
    """Record a model edit (old and new values) on each open case of the model that relies on
    it; the case pages flag it. Returns how many cases. Called in the edit's transaction."""
    by = "provider" if is_member_of(actor, model.provider_id) else "ai_office"
    cases = list(Case.objects.filter(model=model, state__in=RECORDED_ON).order_by("pk"))
    for case in cases:
        audit.record(
            case=case,
            actor=actor,
            action=Action.MODEL_CHANGED,
            payload={
                "model": model.pk,
                "changes": changes,
                "version": version,
                "via": via,
                "reason": reason,
                "by": by,
            },
        )
    return len(cases)


def _inputs_text(inputs: dict[str, Any]) -> str:
    return json.dumps(inputs or {}, sort_keys=True, default=str)


def notification_correct(
    *,
    actor: Any,
    case: Case,
    reason: str,
    documents: list[Document],
    compute_flop: Decimal | str | None = None,
    compute_method: str = "",
    compute_inputs: dict[str, Any] | None = None,
    trigger_date: datetime.date | None = None,
    confirms_met: bool = False,
    met_on: datetime.date | None = None,
) -> NotificationCorrection:
    """File a dated correction of a submitted notification: the new figures replace the
    notification's current ones (the snapshot keeps the original), the dates and flags that
    follow from them are recomputed, and the receipt follows from the recorded event."""
    access.require(access.may_correct_notification, actor, case)
    day = today()
    if compute_flop is not None and not isinstance(compute_flop, Decimal):
        compute_flop = parse_flop(compute_flop)
    inputs = {
        "reason": reason,
        "documents": documents,
        "confirms_met": confirms_met,
        "final_compute": compute_flop,
        "met_on": met_on,
        "trigger_date": trigger_date,
        "today": day,
    }
    with transaction.atomic():
        case = lock(case)
        n = case.notification
        new = {
            "compute_flop": compute_flop if compute_flop is not None else n.compute_flop,
            "compute_method": compute_method or n.compute_method,
            "trigger_date": trigger_date or n.trigger_date,
            "met_confirmed_on": met_on if confirms_met else n.met_confirmed_on,
        }
        changes = {
            name: [notification_text(name, getattr(n, name)), notification_text(name, value)]
            for name, value in new.items()
            if notification_text(name, getattr(n, name)) != notification_text(name, value)
        }
        if compute_inputs is not None and _inputs_text(compute_inputs) != _inputs_text(
            n.compute_inputs
        ):
            changes["compute_inputs"] = [
                _inputs_text(n.compute_inputs),
                _inputs_text(compute_inputs),
            ]
            n.compute_inputs = dict(compute_inputs)
        refuse_if(rules.correction_blockers(case, changes=changes, **inputs))
        for name, value in new.items():
            setattr(n, name, value)
        late = None
        if "trigger_date" in changes:
            old_due = n.notification_due
            compute_notification_due(n)
            changes["notification_due"] = [
                notification_text("notification_due", old_due),
                notification_text("notification_due", n.notification_due),
            ]
            submitted_on = timezone.localtime(case.submitted_at).date()
            now_late = bool(
                n.notification_due and deadlines.is_late(n.notification_due, submitted_on)
            )
            if now_late != case.late:
                late = [case.late, now_late]
                case.late = now_late
                case.save(update_fields=["late"])
        n.save()
        correction = NotificationCorrection.objects.create(
            case=case,
            filed_by=actor,
            reason=reason.strip(),
            changes=changes,
            confirms_met=confirms_met,
        )
        correction.documents.set(documents)
        audit.record(
            case=case,
            actor=actor,
            action=Action.NOTIFICATION_CORRECTED,
            payload={
                "correction": correction.pk,
                "changes": changes,
                "reason": correction.reason,
                "confirms_met": confirms_met,
                "documents": [d.pk for d in documents],
            },
        )
        if late is not None:
            audit.record(
                case=case,
                actor=actor,
                action=Action.LATE_FLAG_CHANGED,
                payload={
                    "old": late[0],
                    "new": late[1],
                    "reason": "the trigger date was corrected: "
                    f"{changes['trigger_date'][0]} → {changes['trigger_date'][1]}, "
                    f"due {changes['notification_due'][1]}",
                    "correction": correction.pk,
                },
            )
        refresh_next_deadline(case)
    return correction
