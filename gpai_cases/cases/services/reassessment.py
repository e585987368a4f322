"""The Commission's reassessment of a designation of its own motion (docs/rules.md
§ reassessment): the methodology's proactive reassessment, beside the provider's request."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from .. import access, audit, rules
from ..audit import Action
from ..models import Case, Designation, Initiative, Kind, State
from .base import next_reference, refresh_next_deadline, refuse_if, today
from .requests import information_request_send

__all__ = ["OBSERVATIONS_QUESTION", "reassessment_open"]

#: What the provider is asked when the Commission reassesses of its own motion.
OBSERVATIONS_QUESTION = (
    "The Commission is reassessing the designation of this model of its own motion, for the "
    "reasons set out in the notice. You may submit your observations and any evidence."
)


def reassessment_open(*, actor: Any, designation: Designation, reasons: str) -> Case:
    """Open a reassessment of a designation in force, of the Commission's own motion: the case
    starts under assessment, assigned to the caseworker who opens it; the provider receives the
    notice and is asked for its observations (a request with the usual period)."""
    access.require(access.may_open_reassessment, actor, designation)
    refuse_if(rules.open_reassessment_blockers(designation, reasons=reasons))
    day = today()
    with transaction.atomic():
        designation = Designation.objects.select_for_update().get(pk=designation.pk)
        refuse_if(rules.open_reassessment_blockers(designation))
        case = Case.objects.create(
            reference=next_reference(day),
            kind=Kind.REASSESSMENT,
            initiative=Initiative.COMMISSION,
            state=State.UNDER_ASSESSMENT,
            model=designation.model,
            designation=designation,
            reasons=reasons.strip(),
            assignee=actor,
            assessment_started_on=day,
            created_by=actor,
        )
        audit.record(
            case=case,
            actor=actor,
            action=Action.REASSESSMENT_OPENED,
            to_state=State.UNDER_ASSESSMENT,
            payload={"designation": designation.pk, "reasons": case.reasons},
        )
        information_request_send(
            actor=actor, case=case, questions=[OBSERVATIONS_QUESTION], due_date=None
        )
        refresh_next_deadline(case)
    return case
