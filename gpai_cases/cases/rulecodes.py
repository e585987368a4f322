"""The rule behind a computed date, kept as data: a code and its parameters.

A date the procedure computes (a notification's due date, a request's, the earliest reassessment)
is shown with the rule that produced it (docs/rules.md § periods). The rule is stored as a code
with parameters — the event day, the period, the day it ended on and why it moved — and its
sentence is written at display time in the reader's language (:mod:`.rulewords`). So the same
stored rule reads "Two weeks after Wed 17 Dec 2025 …", "Deux semaines après le mercredi
17 décembre 2025 …" or "Zwei Wochen nach Mittwoch, 17. Dezember 2025 …".

Pure: no Django, no database. Days in the parameters are ISO strings (``"2025-12-17"``) so that a
rule is plain JSON.

Codes and their parameters:

``period``  a period for acting (Reg. 1182/71 Art 3): ``count``, ``unit`` (day, week, month),
            ``start``, ``end`` (the last day of the period before any shift), ``month_end`` (the
            date does not exist in the last month), ``label`` (a :data:`LABELS` code with its
            ``kind`` and ``citation``), ``shift`` and ``two_days`` (below).
``typed``   a due date a person typed: ``person``, ``how`` (set, extended), ``start`` (sent on),
            ``typed``, ``shift``, ``two_days``.
``waiting`` the waiting period before a reassessment may be requested (Art 52(5)): ``months``,
            ``decided_on``, ``end``, ``month_end``, ``earliest``, ``shift``.
``before``  before a day (a model report before the market placement): ``day``, ``due``,
            ``citation``.
``corrected`` a due date the AI Office corrected: ``day``, ``reason``.
``stop``    why the assessment clock stopped: ``kind`` (of the request) and ``day`` it was sent.
``text``    a sentence stored as it was written (``text``), shown as it is.

``shift`` is ``None`` or ``{"reason": "saturday" | "sunday" | "holiday", "holiday": name,
"to": day}``; ``two_days`` is ``None`` or the day a period of two days or more ends on so that it
contains two working days (Art 3(5)).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

__all__ = ["CODES", "LABELS", "Rule"]

CODES = ("period", "typed", "waiting", "before", "corrected", "stop", "text")

#: What a period is for, as the rule names its source.
LABELS = (
    "notification",  # Art 52(1) AI Act
    "rfi",  # period set in the request for information
    "hearing",  # period set in the hearing letter (right to be heard)
    "incident_initial",
    "incident_intermediate",
    "incident_final",
    "first_model_report",
    "model_report_update",
    "change_request",
    "observations",  # time for observations set by the AI Office (an ex officio notice)
    "text",  # a label stored as words
)


@dataclass(frozen=True, eq=False)
class Rule:
    """A rule as data. ``str(rule)`` is its sentence in the active language."""

    code: str
    params: Mapping[str, Any] = field(default_factory=dict)

    @classmethod
    def text(cls, sentence: str) -> Rule:
        return cls("text", {"text": sentence})

    @classmethod
    def from_json(cls, value: Any) -> Rule:
        """A stored value: a mapping with ``code`` and ``params``, a sentence (kept as words), or
        nothing (an empty rule)."""
        if isinstance(value, Rule):
            return value
        if isinstance(value, str):
            if value.startswith("{"):
                try:
                    return cls.from_json(json.loads(value))
                except ValueError:
                    pass
            return cls.text(value)
        if isinstance(value, Mapping) and value.get("code") in CODES:
            return cls(str(value["code"]), dict(value.get("params") or {}))
        return cls.text("")

    def as_json(self) -> dict[str, Any]:
        return {"code": self.code, "params": dict(self.params)}

    def render(self, language: str | None = None) -> str:
        from .rulewords import render  # the words need Django's translations; the data does not

        return render(self, language)

    def __str__(self) -> str:
        return self.render()

    def __bool__(self) -> bool:
        return not (self.code == "text" and not self.params.get("text"))

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Rule):
            return self.as_json() == other.as_json()
        if isinstance(other, str):
            return str(self) == other
        return NotImplemented

    def __hash__(self) -> int:
        return hash(json.dumps(self.as_json(), sort_keys=True, default=str))

    def __contains__(self, words: str) -> bool:
        return words in str(self)

    def __len__(self) -> int:
        return len(str(self))

    def __repr__(self) -> str:
        return f"Rule({self.code!r}, {dict(self.params)!r})"
