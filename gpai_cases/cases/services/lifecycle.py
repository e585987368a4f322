"""The lifecycle of a case until the assessment: submit, withdraw, take up, assign, and the
Commission's own procedure (ex officio)."""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction

from gpai_cases.providers.models import GPAIModel

from .. import access, audit, deadlines, facts, rules
from ..audit import Action
from ..models import Case, Kind, State
from .base import lock, next_reference, refresh_next_deadline, refuse_if, today, transition

__all__ = ["case_assign", "case_open_ex_officio", "case_submit", "case_take_up", "case_withdraw"]


def case_submit(*, actor: Any, case: Case) -> Case:
    """Submit a draft (notification or reassessment request): the acknowledgement follows."""
    access.require(access.may_submit, actor, case)
    day = today()

    def blockers(locked: Case) -> list[str]:
        reasons = rules.submit_blockers(locked, today=day)
        if reasons and locked.kind == Kind.REASSESSMENT and locked.designation_id:
            refuse_if(reasons, earliest_date=locked.designation.reassessment_earliest)
        return reasons

    def flags(submitted: Case) -> None:
        """A late notification is accepted and flagged (§ notification-duty), as is an
        open-source model notified on or after its release (§ open-source-release)."""
        if submitted.kind != Kind.NOTIFICATION:
            return
        n, model = submitted.notification, submitted.model
        submitted.late = bool(n.notification_due and deadlines.is_late(n.notification_due, day))
        submitted.released_before_notification = deadlines.open_source_notified_after_release(
            model.planned_release_date if model.release_mode == "open_source" else None, day
        )

    with transition(
        case,
        actor=actor,
        method="submit",
        action=Action.SUBMITTED,
        blockers=blockers,
        before_save=flags,
    ) as step:
        step.payload["late"] = step.case.late
        if step.case.kind == Kind.NOTIFICATION:
            # what the case relies on, kept as filed whatever changes later (§ facts-as-filed)
            n = step.case.notification
            n.filed = facts.snapshot(step.case, at=step.case.submitted_at)
            n.save(update_fields=["filed"])
    return step.case


def case_withdraw(*, actor: Any, case: Case, reason: str) -> Case:
    access.require(access.may_withdraw, actor, case)
    with transition(
        case,
        actor=actor,
        method="withdraw",
        args=(reason.strip(),),
        action=Action.WITHDRAWN,
        blockers=lambda c: rules.withdraw_blockers(c, reason=reason),
    ) as step:
        step.payload["reason"] = reason.strip()
    return step.case


def case_take_up(*, actor: Any, case: Case) -> Case:
    access.require(access.may_take_up, actor, case)
    with transition(
        case,
        actor=actor,
        method="take_up",
        args=(actor,),
        action=Action.TAKEN_UP,
        blockers=rules.take_up_blockers,
    ) as step:
        step.payload["assignee"] = actor.pk
    return step.case


def case_assign(*, actor: Any, case: Case, assignee: Any, reason: str) -> Case:
    access.require(access.may_assign, actor, case)
    refuse_if(
        rules.assign_blockers(
            case, assignee_is_caseworker=access.may_be_assigned(assignee), reason=reason
        )
    )
    with transaction.atomic():
        case = lock(case)
        refuse_if(rules.assign_blockers(case))
        previous = case.assignee_id
        case.assignee = assignee
        case.save(update_fields=["assignee"])
        audit.record(
            case=case,
            actor=actor,
            action=Action.ASSIGNED,
            payload={"assignee": assignee.pk, "previous": previous, "reason": reason.strip()},
        )
    return case


def case_open_ex_officio(
    *,
    actor: Any,
    model: GPAIModel,
    basis: str,
    alert_reference: str = "",
    alert_date: datetime.date | None = None,
) -> Case:
    """Open the Commission's own procedure (docs/rules.md § ex-officio): the notice follows."""
    access.require(access.may_open_ex_officio, actor)
    day = today()
    refuse_if(
        rules.open_ex_officio_blockers(
            model=model,
            basis=basis,
            alert_reference=alert_reference,
            alert_date=alert_date,
            today=day,
        )
    )
    with transaction.atomic():
        case = Case.objects.create(
            reference=next_reference(day),
            kind=Kind.EX_OFFICIO,
            state=State.UNDER_ASSESSMENT,
            model=model,
            basis=basis,
            alert_reference=alert_reference.strip(),
            alert_date=alert_date,
            assignee=actor,
            assessment_started_on=day,
            created_by=actor,
        )
        audit.record(
            case=case,
            actor=actor,
            action=Action.OPENED_EX_OFFICIO,
            to_state=State.UNDER_ASSESSMENT,
            payload={"basis": basis, "alert_reference": case.alert_reference},
        )
        refresh_next_deadline(case)
    return case
