"""Writing a sweep's reminders: the subject and text of each, in each reader's language.

A catch-up writes tens of thousands of reminders, and a template with translated blocks takes
a fraction of a millisecond to render; so each kind's templates are rendered once per stage and
language with stand-ins for the values of a reminder (the case's reference, the due day …),
and that pattern is filled for each reminder, each value written as the template would write it
(localised, and escaped where the template escapes). The templates stay the one source of the
words: the first reminder of every pattern is also rendered in full and compared; should a
template ever do with a value what the pattern cannot (a filter, a test on it), and the first
reminder shows it, that pattern's reminders are all rendered in full. A pattern is kept per kind,
stage and language because the templates test ``stage`` and nothing else: a template that tests
another value would need that value in the key (the comparison with the first reminder cannot
see a branch that only later reminders take).
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Mapping
from typing import Any, Protocol

from django.conf import settings
from django.template.loader import get_template
from django.utils import translation
from django.utils.formats import localize
from django.utils.html import conditional_escape
from django.utils.timezone import template_localtime

from gpai_cases.accounts.language import language_of

__all__ = ["Writer", "by_language"]

_ESCAPED, _RAW = "\x01", "\x00"
_SLOT = re.compile(r"([\x00\x01])([A-Za-z0-9_.]+)\1")


class _Slot(str):
    """Stands in for one value (``case.reference``) while a pattern is rendered: printed as its
    path between markers, one marker where the template escapes the value (``__html__``, which
    the escaping calls), another where not. A string, so that the template prints it as it is."""

    path: str

    def __new__(cls, path: str) -> _Slot:
        slot = super().__new__(cls, f"{_RAW}{path}{_RAW}")
        slot.path = path
        return slot

    def __getattr__(self, name: str) -> _Slot:
        if name.startswith("_"):
            raise AttributeError(name)
        return _Slot(f"{self.path}.{name}")

    def __html__(self) -> str:
        return f"{_ESCAPED}{self.path}{_ESCAPED}"


def _lookup(context: Mapping[str, Any], path: str) -> Any:
    first, *rest = path.split(".")
    value = context[first]
    for name in rest:
        value = getattr(value, name)
    return value


def _fill(pattern: str, context: Mapping[str, Any]) -> str:
    """The pattern with each stand-in replaced by its value, written as a template writes a
    value (``render_value_in_context``): localised, then escaped where the template escapes."""

    def value(match: re.Match[str]) -> str:
        written = str(localize(template_localtime(_lookup(context, match[2]))))
        return conditional_escape(written) if match[1] == _ESCAPED else written

    return _SLOT.sub(value, pattern)


class Message(Protocol):
    kind: str
    stage: str
    case: Any
    context: dict[str, Any]


def _subject(rendered: str) -> str:
    return " ".join(rendered.split())


class Writer:
    """Writes the reminders of one sweep (``today``); keeps the patterns it rendered."""

    def __init__(self, today: datetime.date) -> None:
        self.today = today
        self._patterns: dict[tuple[str, str, str, frozenset[str]], tuple[str, str] | None] = {}

    def _context(self, due: Message) -> dict[str, Any]:
        return {
            "case": due.case,
            "stage": due.stage,
            "kind": due.kind,
            "today": self.today,
            **due.context,
        }

    def _render(self, kind: str, context: Mapping[str, Any]) -> tuple[str, str]:
        subject = get_template(f"reminders/{kind}_subject.txt").render(context)
        return _subject(subject), get_template(f"reminders/{kind}.txt").render(context)

    def render(self, due: Message, language: str) -> tuple[str, str]:
        """The subject and text of a reminder rendered in full from its templates."""
        with translation.override(language):
            return self._render(due.kind, self._context(due))

    def write(self, due: Message, language: str) -> tuple[str, str]:
        """The subject and text of a reminder in ``language``."""
        with translation.override(language):
            context = self._context(due)
            key = (due.kind, due.stage, language, frozenset(due.context))
            if key not in self._patterns:
                slots = {name: _Slot(name) for name in ("case", *due.context)}
                subject, text = self._render(due.kind, {**context, **slots})
                written = _subject(_fill(subject, context)), _fill(text, context)
                full = self._render(due.kind, context)
                self._patterns[key] = (subject, text) if written == full else None
                return full
            pattern = self._patterns[key]
            if pattern is None:
                return self._render(due.kind, context)
            return _subject(_fill(pattern[0], context)), _fill(pattern[1], context)


def by_language(
    users: list[Any], addresses: list[str], language: Callable[[Any], str] = language_of
) -> list[tuple[str, list[Any], list[str]]]:
    """The readers of one reminder grouped by their language (an address without an account,
    the caseworkers' mailbox, reads the default): each group gets it written once, in its own."""
    language_by_address = {u.email: language(u) for u in users}
    groups: dict[str, tuple[list[Any], list[str]]] = {}
    for u in users:
        groups.setdefault(language(u), ([], []))[0].append(u)
    for address in addresses:
        groups.setdefault(language_by_address.get(address, settings.LANGUAGE_CODE), ([], []))[
            1
        ].append(address)
    return [(code, readers, to) for code, (readers, to) in groups.items()]
