"""What a case relied on, as filed (docs/rules.md § facts-as-filed).

At submission a notification keeps a snapshot of itself and of the model's figures
(:func:`snapshot`, stored in ``Notification.filed``). Pages, the scorecard and letters read a
case's figures through :func:`case_facts`: the snapshot once submitted, the model's current
values for a draft (and for cases without a notification, or notifications submitted before
snapshots were kept). Later edits of the model are recorded on the open cases as
``model_changed`` events, read back by :func:`model_changes`. Reads only: nothing here writes.
"""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext, pgettext
from django.utils.translation import gettext_lazy as _

from gpai_cases.providers import compute, figures
from gpai_cases.providers.models import threshold_flop

from . import deadlines
from .audit import Action
from .models import Case, ComputeMethod, State, TriggerType

__all__ = [
    "Facts",
    "case_facts",
    "compute_check",
    "compute_check_shown",
    "correction_rows",
    "model_changes",
    "notification_text",
    "snapshot",
]

#: The notification's own fields the snapshot keeps (besides the model's figures).
NOTIFICATION_FACTS = ("trigger_type", "trigger_date", "compute_flop", "compute_method")


def notification_text(name: str, value: Any) -> str:
    """A notification field as text, as the snapshot and corrections keep it."""
    if value is None or value == "":
        return ""
    if name == "compute_flop":
        return str(int(Decimal(value).to_integral_value()))
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def snapshot(case: Case, *, at: datetime.datetime) -> dict[str, Any]:
    """The notification and the model's figures as they are at submission (JSON)."""
    n = case.notification
    return {
        "filed_at": at.isoformat(timespec="seconds"),
        "notification": {
            **{name: notification_text(name, getattr(n, name)) for name in NOTIFICATION_FACTS},
            "compute_inputs": dict(n.compute_inputs or {}),
        },
        "model": figures.text_values(case.model, figures.FIGURES),
    }


@dataclass(frozen=True)
class Facts:
    """A case's figures: as filed (``as_filed``), or the model's current values."""

    as_filed: bool
    filed_at: datetime.datetime | None
    model: dict[str, str]
    notification: dict[str, Any] = field(default_factory=dict)

    def value(self, name: str) -> Any:
        return figures.from_text(name, self.model.get(name, ""))

    def shown(self, name: str) -> str:
        return figures.shown(name, self.model.get(name, ""))

    def notification_rows(self) -> list[tuple[str, str]]:
        """(label, value shown) of the notification as filed: trigger, compute and method."""
        trigger = self.notification.get("trigger_type", "")
        shown = TriggerType(trigger).label if trigger in TriggerType.values else "—"
        rows = [(pgettext("what triggered a notification", "Trigger"), str(shown))]
        return rows + [
            (str(CORRECTED[name]), _shown_corrected(name, self.notification.get(name, "")))
            for name in ("trigger_date", "compute_flop", "compute_method")
        ]

    def rows(self) -> list[tuple[str, str]]:
        """(label, value shown) for every figure but the training compute (a notification
        declares its own, shown beside), in the order of :data:`figures.FIGURES`."""
        return [
            (str(label), self.shown(name))
            for name, label in figures.FIGURES.items()
            if name != "training_compute_flop"
        ]


def case_facts(case: Case) -> Facts:
    """The figures a case relies on: the snapshot of a submitted notification, else the model's
    current values."""
    n = getattr(case, "notification", None) if case.kind == "notification" else None
    filed = (n.filed or {}) if n is not None else {}
    if case.state != State.DRAFT and filed.get("model") is not None:
        at = parse_datetime(filed.get("filed_at", "")) if filed.get("filed_at") else None
        return Facts(
            as_filed=True,
            filed_at=timezone.localtime(at) if at else None,
            model=dict(filed["model"]),
            notification=dict(filed.get("notification") or {}),
        )
    return Facts(
        as_filed=False,
        filed_at=None,
        model=figures.text_values(case.model, figures.FIGURES),
    )


def compute_check(case: Case) -> compute.ComputeCheck | None:
    """The notification's declared compute (as corrected, if it was) against the threshold
    setting and the estimates its inputs allow, with the parameters and tokens it relied on."""
    n = getattr(case, "notification", None)
    if n is None or n.compute_flop is None:
        return None
    facts = case_facts(case)
    estimates = compute.estimates_from_inputs(
        n.compute_inputs or {},
        parameters=facts.value("parameter_count"),
        training_tokens=facts.value("training_tokens"),
    )
    return compute.check_compute(n.compute_flop, estimates, threshold=threshold_flop())


def compute_check_shown(case: Case) -> dict[str, Any] | None:
    """:func:`compute_check` in the words of the pages (the case page, the wizard)."""
    check = compute_check(case)
    if check is None:
        return None
    low, high = check.band
    return {
        "declared": compute.format_flop(check.declared),
        "threshold": compute.format_flop(check.threshold),
        "above": check.above,
        "straddles": check.straddles,
        "band": gettext("%(low)s to %(high)s")
        % {"low": compute.format_flop(low), "high": compute.format_flop(high)},
        "consistent": check.consistent,
        "estimates": [
            {
                "label": e.estimate.label,
                "value": compute.format_flop(e.estimate.value),
                "difference": e.difference_text,
                "consistent": e.consistent,
            }
            for e in check.estimates
        ],
    }


@dataclass(frozen=True)
class ModelChange:
    """One figure of the model changed after the case relied on it."""

    at: datetime.datetime
    by_provider: bool
    name: str
    label: str
    old: str
    new: str
    via: str
    reason: str
    #: since when the case relies on the figures: "submission", or "opened" (ex officio)
    since: str = "submission"

    @property
    def sentence(self) -> str:
        """The change in words, in the active language."""
        text = _CHANGE_SENTENCES[(self.by_provider, self.since == "opened")]
        return str(text).format(figure=self.label, old=self.old, new=self.new)


_CHANGE_SENTENCES = {
    (True, False): _("Changed by the provider after submission — {figure}: {old} → {new}"),
    (False, False): _("Changed by the AI Office after submission — {figure}: {old} → {new}"),
    (True, True): _("Changed by the provider after the case was opened — {figure}: {old} → {new}"),
    (False, True): _(
        "Changed by the AI Office after the case was opened — {figure}: {old} → {new}"
    ),
}


def model_changes(events: Any, *, case: Case | None = None) -> list[ModelChange]:
    """The model's figures changed while the case was open, from its ``model_changed`` events
    (any iterable of events: the page passes the ones it has already read)."""
    since = "opened" if case is not None and case.kind == "ex_officio" else "submission"
    found = []
    for event in events:
        if event.action != Action.MODEL_CHANGED:
            continue
        p = event.payload or {}
        for name, (old, new) in (p.get("changes") or {}).items():
            if name not in figures.RECORDED_FIELDS:
                continue
            found.append(
                ModelChange(
                    at=event.at,
                    by_provider=p.get("by") == "provider",
                    name=name,
                    label=figures.label(name),
                    old=figures.shown(name, old),
                    new=figures.shown(name, new),
                    via=str(p.get("via", "")),
                    reason=str(p.get("reason", "")),
                    since=since,
                )
            )
    return found


#: What a correction may change, in words (as a table's labels).
CORRECTED = {
    "compute_flop": _("Training compute"),
    "compute_method": _("Method of the estimate"),
    "compute_inputs": _("Inputs of the estimate"),
    "trigger_date": _("Trigger date"),
    "notification_due": _("Notification due by"),
    "met_confirmed_on": _("Threshold met on"),
}


#: The inputs of an estimate of the compute, in words (older names still found in filings).
_INPUT_WORDS = {
    "accelerators": _("accelerators"),
    "peak_flops_per_accelerator": _("peak FLOP/s per accelerator"),
    "peak_flops": _("peak FLOP/s per accelerator"),
    "utilisation": _("utilisation"),
    "training_hours": _("training hours"),
    "hours": _("training hours"),
    "parameters": _("parameters"),
    "training_tokens": _("training tokens"),
}


def _shown_corrected(name: str, text: str) -> str:
    if not text:
        return "—"
    try:
        if name == "compute_flop":
            return f"{compute.format_flop(Decimal(text))} FLOP"
        if name in ("trigger_date", "notification_due", "met_confirmed_on"):
            return deadlines.format_date(datetime.date.fromisoformat(text))
        if name == "compute_inputs":
            inputs = json.loads(text)
            return (
                "; ".join(
                    f"{_INPUT_WORDS.get(k, k.replace('_', ' '))} {v}" for k, v in inputs.items()
                )
                or "—"
            )
    except (ValueError, ArithmeticError):
        return text
    if name == "compute_method":
        return str(ComputeMethod(text).label) if text in ComputeMethod.values else text
    return text


def correction_rows(changes: dict[str, list[str]]) -> list[tuple[str, str, str]]:
    """(what, before, now) in words for each change of a correction."""
    return [
        (
            str(CORRECTED.get(name, name.replace("_", " ").capitalize())),
            _shown_corrected(name, old),
            _shown_corrected(name, new),
        )
        for name, (old, new) in changes.items()
    ]
