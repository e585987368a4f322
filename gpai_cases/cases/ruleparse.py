"""Reading back the English sentences rules were stored as before they were data (the migration
of ``*_rule`` fields). Pure.

:func:`parse` turns a sentence into a :class:`Rule` only when rendering that rule in English gives
the very same sentence back; anything else stays as words (code ``text``), so nothing stored is
ever changed in meaning.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from typing import Any

from .dayformat import MONTH_NAMES
from .rulecodes import Rule

__all__ = ["parse"]

_DAY = r"(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) \d{1,2} (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4}"
_MONTHS = {name[:3]: i for i, name in enumerate(MONTH_NAMES, start=1)}
_UNITS = {"day", "week", "month"}
_WORDS = {
    w: i
    for i, w in enumerate(
        ("", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
    )
    if w
}
_REASON = r"a Saturday|a Sunday|a public holiday(?: \((?P<holiday>.+?)\))?"
_SHIFT = rf"(?:, (?P<reason>{_REASON}) → next working day: (?P<to>{_DAY}))?"
_TYPED_SHIFT = rf"(?:, not a working day \((?P<reason>{_REASON}); Reg\. 1182/71 Art 3\(4\)\) → (?P<to>{_DAY}))?"
_TWO = rf"(?:; a period of two days or more contains at least two working days \(Reg\. 1182/71 Art 3\(5\)\) → (?P<two>{_DAY}))?"
_MONTH_END = r"(?P<month_end> \(there is no \d{1,2} \w+ \d{4}: last day of the month\))?"

_PERIOD = re.compile(
    rf"^(?P<count>\w+) (?P<unit>day|week|month)s? after (?P<start>{_DAY}) \((?P<label>.+); "
    rf"Reg\. 1182/71 Art 3\) = (?P<end>{_DAY}){_MONTH_END}{_SHIFT}{_TWO}$"
)
_TYPED = re.compile(
    rf"^Due date (?P<how>set|extended on the provider's request|extended) by (?P<person>.+?): "
    rf"(?P<typed>{_DAY}){_TYPED_SHIFT}{_TWO}$"
)
_WAITING = re.compile(
    rf"^(?P<count>\w+) months? after the decision of (?P<decided>{_DAY}) \(Art 52\(5\) AI Act; "
    rf"Reg\. 1182/71 Art 3\) end on (?P<end>{_DAY}){_MONTH_END}; a request may be made from the "
    rf"next day: (?P<earliest>{_DAY})(?:, (?P<reason>{_REASON}) → next working day \(setting\): "
    rf"(?P<to>{_DAY}))?$"
)
_BEFORE = re.compile(
    rf"^Before placing the model on the EU market on (?P<day>{_DAY}) \((?P<citation>.+)\): "
    rf"by (?P<due>{_DAY})$"
)
_CORRECTED = re.compile(rf"^Corrected by the AI Office on (?P<day>{_DAY}): (?P<reason>.*)$", re.S)

_LABELS: list[tuple[re.Pattern[str], Callable[[re.Match[str]], dict[str, str]]]] = [
    (re.compile(r"^Art 52\(1\) AI Act$"), lambda m: {"code": "notification"}),
    (re.compile(r"^period set in the request for information$"), lambda m: {"code": "rfi"}),
    (
        re.compile(r"^period set in the hearing letter \(right to be heard\)$"),
        lambda m: {"code": "hearing"},
    ),
    (
        re.compile(r"^time for observations set by the AI Office$"),
        lambda m: {"code": "observations"},
    ),
    (
        re.compile(r"^initial report, (?P<kind>.+?): (?P<citation>.+)$"),
        lambda m: {"code": "incident_initial", "kind": m["kind"], "citation": m["citation"]},
    ),
    (
        re.compile(r"^intermediate report while the incident is unresolved: (?P<citation>.+)$"),
        lambda m: {"code": "incident_intermediate", "citation": m["citation"]},
    ),
    (
        re.compile(r"^final report after the incident was resolved: (?P<citation>.+)$"),
        lambda m: {"code": "incident_final", "citation": m["citation"]},
    ),
    (
        re.compile(r"^first model report after the designation: (?P<citation>.+)$"),
        lambda m: {"code": "first_model_report", "citation": m["citation"]},
    ),
    (
        re.compile(r"^update of the model report: (?P<citation>.+)$"),
        lambda m: {"code": "model_report_update", "citation": m["citation"]},
    ),
    (
        re.compile(r"^period set in the request for changes to the framework: (?P<citation>.+)$"),
        lambda m: {"code": "change_request", "citation": m["citation"]},
    ),
]


def _day(words: str) -> str:
    _, day, month, year = words.split()
    return date(int(year), _MONTHS[month], int(day)).isoformat()


def _number(words: str) -> int:
    return _WORDS[words.lower()] if words.lower() in _WORDS else int(words)


def _shift(m: re.Match[str]) -> dict[str, str] | None:
    if not m["reason"]:
        return None
    reason = m["reason"]
    code = "saturday" if reason == "a Saturday" else "sunday" if reason == "a Sunday" else "holiday"
    return {"reason": code, "holiday": m["holiday"] or "", "to": _day(m["to"])}


def _label(words: str) -> dict[str, str]:
    for pattern, build in _LABELS:
        match = pattern.match(words)
        if match:
            return build(match)
    return {"code": "text", "text": words}


def _candidate(sentence: str) -> Rule | None:
    if m := _PERIOD.match(sentence):
        params: dict[str, Any] = {
            "count": _number(m["count"]),
            "unit": m["unit"],
            "start": _day(m["start"]),
            "end": _day(m["end"]),
            "month_end": bool(m["month_end"]),
            "label": _label(m["label"]),
            "shift": _shift(m),
            "two_days": _day(m["two"]) if m["two"] else None,
        }
        return Rule("period", params)
    if m := _TYPED.match(sentence):
        how = {"set": "set", "extended": "extended"}.get(m["how"], "extended_on_request")
        # the day it was sent is not in the words; the shift data alone renders the sentence
        params = {
            "person": m["person"],
            "how": how,
            "start": "",
            "typed": _day(m["typed"]),
            "shift": _shift(m),
            "two_days": _day(m["two"]) if m["two"] else None,
        }
        return Rule("typed", params)
    if m := _WAITING.match(sentence):
        params = {
            "months": _number(m["count"]),
            "decided_on": _day(m["decided"]),
            "end": _day(m["end"]),
            "month_end": bool(m["month_end"]),
            "earliest": _day(m["earliest"]),
            "shift": _shift(m),
        }
        return Rule("waiting", params)
    if m := _BEFORE.match(sentence):
        return Rule(
            "before", {"day": _day(m["day"]), "due": _day(m["due"]), "citation": m["citation"]}
        )
    if m := _CORRECTED.match(sentence):
        return Rule("corrected", {"day": _day(m["day"]), "reason": m["reason"]})
    return None


def parse(sentence: str) -> Rule:
    """The rule a stored English sentence says, or the sentence kept as words."""
    sentence = sentence or ""
    try:
        rule = _candidate(sentence)
    except (KeyError, ValueError):
        rule = None
    if rule is not None and rule.render("en") == sentence:
        return rule
    return Rule.text(sentence)
