"""What every service of the procedure does the same way: lock the case, refuse in words, run a
transition of the lifecycle, record it, store the next deadline.

:func:`transition` is the one helper every lifecycle service uses::

    with transition(case, actor=actor, method="take_up", args=(actor,), action=Action.TAKEN_UP,
                    blockers=rules.take_up_blockers) as step:
        step.payload["assignee"] = actor.pk
    return step.case
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django_fsm import ConcurrentTransition

from gpai_cases.core.errors import ActionRefused, refuse_if

from .. import audit, due
from ..audit import Action
from ..models import Case, ReferenceSequence

__all__ = [
    "ActionRefused",
    "Step",
    "lock",
    "next_reference",
    "refresh_next_deadline",
    "refuse_if",
    "today",
    "transition",
]

#: The refusal when two people act on the same case at the same moment.
CONCURRENT_CHANGE = _("Someone else changed this case at the same moment; reload it.")
#: The refusal when a database constraint refuses what the guards allowed (a record another
#: transaction saved at the same moment): never a server error.
CONFLICT = _(
    "The change conflicts with a record saved at the same moment and was not made; reload the "
    "case and try again."
)


def today() -> datetime.date:
    """Today in Brussels (the AI Office's calendar)."""
    return timezone.localdate()


def lock(case: Case) -> Case:
    """Re-read the case with its row locked for the rest of the transaction."""
    return (
        Case.objects.select_for_update(of=("self",))
        .select_related("model__provider")
        .get(pk=case.pk)
    )


def next_reference(day: datetime.date) -> str:
    """The next case reference of the year (never reused): ``GPAI-2026-0042``."""
    year = day.year
    ReferenceSequence.objects.get_or_create(year=year)
    ReferenceSequence.objects.filter(year=year).update(last=F("last") + 1)
    number = ReferenceSequence.objects.get(year=year).last
    return f"GPAI-{year}-{number:04d}"


def refresh_next_deadline(case: Case) -> None:
    """Store the case's next deadline (queue sorting, overdue filter); call after any change."""
    date, kind = due.next_deadline(case, target_days=settings.GPAI_ASSESSMENT_TARGET_DAYS)
    if (case.next_deadline, case.next_deadline_kind) != (date, kind):
        Case.objects.filter(pk=case.pk).update(next_deadline=date, next_deadline_kind=kind)
        case.next_deadline, case.next_deadline_kind = date, kind


@dataclass
class Step:
    """One transition under way: the locked case, and the payload of its audit event.

    ``after`` holds what must happen once the event is recorded (still in the transaction).
    """

    case: Case
    from_state: str
    payload: dict[str, Any] = field(default_factory=dict)
    after: list[Callable[[], Any]] = field(default_factory=list)


@contextmanager
def transition(
    case: Case,
    *,
    actor: Any,
    method: str,
    action: Action,
    blockers: Callable[[Case], list[str]],
    args: tuple[Any, ...] = (),
    before_save: Callable[[Case], None] | None = None,
) -> Iterator[Step]:
    """Run the lifecycle transition ``method`` of the case, all or nothing.

    In one transaction: lock the case row; refuse with ``blockers(case)``; run the transition
    (django-fsm checks the source state), then ``before_save(case)``, and stamp the time; save
    (a concurrent change to the
    same case is refused in words); let the caller write what goes with it (the ``with`` body);
    record the event with the caller's ``payload``; run ``after``; store the next deadline.
    A database integrity error (a constraint another transaction won) undoes it all and is
    refused in words (:data:`CONFLICT`, or the words of a :func:`refused_on_conflict` inside).
    """
    try:
        with transaction.atomic():
            locked = lock(case)
            refuse_if(blockers(locked))
            step = Step(case=locked, from_state=locked.state)
            getattr(locked, method)(*args)
            if before_save is not None:
                before_save(locked)
            locked.state_changed_at = timezone.now()
            try:
                locked.save()
            except ConcurrentTransition as exc:
                raise ActionRefused([CONCURRENT_CHANGE]) from exc
            yield step
            audit.record(
                case=locked,
                actor=actor,
                action=action,
                from_state=step.from_state,
                to_state=locked.state,
                payload=step.payload,
            )
            for then in step.after:
                then()
            refresh_next_deadline(locked)
    except IntegrityError as exc:
        raise ActionRefused([CONFLICT]) from exc


@contextmanager
def refused_on_conflict(reason: str | Promise) -> Iterator[None]:
    """Turn a database integrity error (a constraint another transaction won) into a refusal
    in words: a service never ends in a server error."""
    try:
        with transaction.atomic():
            yield
    except IntegrityError as exc:
        raise ActionRefused([reason]) from exc
