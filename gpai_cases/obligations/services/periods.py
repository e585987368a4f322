"""The periods of the obligations kept as data: read them, and change them with an audit entry
(docs/rules.md § model-reports, § serious-incidents). A change of an incident kind's period
recomputes the open incidents of that kind (:func:`.incidents.incident_dates_recompute`)."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import QuerySet

from .. import access, rules, seed
from ..audit import Action, record
from ..models import IncidentKind, ObligationPeriod
from .base import refuse_if

__all__ = [
    "FRAMEWORK_CHANGES",
    "MODEL_REPORT_FIRST",
    "MODEL_REPORT_UPDATE",
    "incident_kind_add",
    "incident_kind_change",
    "incident_kinds",
    "period",
    "period_change",
    "periods",
]

MODEL_REPORT_FIRST = "model_report_first"
MODEL_REPORT_UPDATE = "model_report_update"
FRAMEWORK_CHANGES = "framework_changes"

KIND_PERIODS = ("initial_days", "intermediate_days", "final_days")
KIND_FIELDS = (
    "label",
    "severity",
    "citation",
    *KIND_PERIODS,
    "initial_source",
    "intermediate_source",
    "final_source",
    "active",
)


def periods(*codes: str) -> dict[str, ObligationPeriod]:
    """Periods kept as data, by code (seeded by migration ``obligations/0002``; a seeded period
    found missing is created again from :mod:`..seed`)."""
    found = {p.code: p for p in ObligationPeriod.objects.filter(code__in=codes)}
    if len(found) < len(codes):
        seed.ensure()
        found = {p.code: p for p in ObligationPeriod.objects.filter(code__in=codes)}
    return found


def period(code: str) -> ObligationPeriod:
    return periods(code)[code]


def incident_kinds() -> QuerySet[IncidentKind]:
    """The kinds of harm a provider may report, the most severe first."""
    if not IncidentKind.objects.exists():
        seed.ensure()
    return IncidentKind.objects.filter(active=True).order_by("severity", "code")


def _changes(obj: Any, fields: dict[str, Any], allowed: tuple[str, ...]) -> dict[str, list[str]]:
    unknown = set(fields) - set(allowed)
    if unknown:
        raise TypeError(f"Unknown fields: {', '.join(sorted(unknown))}")
    changes = {}
    for name, value in fields.items():
        old = getattr(obj, name)
        if old != value:
            changes[name] = [str(old), str(value)]
            setattr(obj, name, value)
    return changes


def period_change(*, actor: Any, code: str, reason: str, **fields: Any) -> ObligationPeriod:
    """Change a period (``amount``, ``unit``, ``citation``, ``source``, ``label``). The dates of
    model reports follow at once (they are computed from the data when shown and swept); requests
    for changes already sent keep the period they were sent with."""
    access.require(access.may_change_periods, actor)
    with transaction.atomic():
        obj = ObligationPeriod.objects.select_for_update().get(code=code)
        changes = _changes(obj, fields, ("label", "amount", "unit", "citation", "source"))
        refuse_if(rules.period_blockers(**{obj.unit: obj.amount}))
        if changes:
            obj.save()
            record(
                provider=None,
                actor=actor,
                action=Action.PERIOD_CHANGED,
                payload={"record": f"period {code}", "changes": changes, "reason": reason},
            )
    return obj


def incident_kind_change(*, actor: Any, code: str, reason: str, **fields: Any) -> IncidentKind:
    """Change a kind of harm; a change of one of its periods recomputes the due dates (and late
    flags) of the open incidents of that kind, each recomputation audited on its case."""
    from .incidents import incident_dates_recompute

    access.require(access.may_change_periods, actor)
    with transaction.atomic():
        kind = IncidentKind.objects.select_for_update().get(code=code)
        changes = _changes(kind, fields, KIND_FIELDS)
        for name in KIND_PERIODS:
            refuse_if(rules.period_blockers(days=getattr(kind, name)))
        if not changes:
            return kind
        kind.save()
        record(
            provider=None,
            actor=actor,
            action=Action.PERIOD_CHANGED,
            payload={"record": f"incident kind {code}", "changes": changes, "reason": reason},
        )
        if set(changes) & {*KIND_PERIODS, "citation", "label"}:
            words = ", ".join(f"{n} {old} → {new}" for n, (old, new) in changes.items())
            incident_dates_recompute(
                reason=f"incident kind “{kind.label}” changed ({words}): {reason}",
                kinds=[code],
            )
    return kind


def incident_kind_add(*, actor: Any, reason: str, code: str, **fields: Any) -> IncidentKind:
    """A new kind of harm (the seeded ones come from migration ``obligations/0002``)."""
    access.require(access.may_change_periods, actor)
    unknown = set(fields) - set(KIND_FIELDS)
    if unknown:
        raise TypeError(f"Unknown fields: {', '.join(sorted(unknown))}")
    with transaction.atomic():
        kind = IncidentKind.objects.create(code=code, **fields)
        record(
            provider=None,
            actor=actor,
            action=Action.PERIOD_CHANGED,
            payload={
                "record": f"incident kind {code}",
                "changes": {n: ["", str(v)] for n, v in fields.items()},
                "reason": reason,
            },
        )
    return kind
