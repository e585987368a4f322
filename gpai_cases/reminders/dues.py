"""What a reminder of the sweep is (``Due``: its kind, case, stage, audience and the values its
words need) and the pieces the finders share: who it is for, the words of its days (written in
each reader's language) and the test that it was not sent yet."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Exists, OuterRef
from django.utils import translation
from django.utils.functional import lazy

from gpai_cases.cases import deadlines
from gpai_cases.cases.models import Case

from .models import Reminder

__all__ = [
    "ASSIGNEE",
    "BOTH",
    "CASEWORKERS",
    "PROVIDER",
    "Due",
    "date_words",
    "day_long",
    "due_words",
    "kind_words",
    "not_sent",
]


def _in_sentence(label: Any) -> str:
    """A kind's name inside a sentence: lower case, except in German (nouns keep their capital)."""
    text = str(label)
    return text if (translation.get_language() or "").startswith("de") else text.lower()


# The words of a day, written when the message is written, in its reader's language (the sweep
# itself runs in the default language): lazy, so that each reader's override applies.
date_words = lazy(deadlines.format_date, str)
day_long = lazy(deadlines.format_day_long, str)
due_words = lazy(deadlines.due_in_words, str)
kind_words = lazy(_in_sentence, str)

PROVIDER, CASEWORKERS, ASSIGNEE = "provider", "caseworkers", "assignee"
BOTH = "provider_and_caseworkers"


@dataclass
class Due:
    kind: str
    case: Case
    ref_id: int
    stage: str
    audience: str
    context: dict[str, Any] = field(default_factory=dict)

    @property
    def key(self) -> tuple[str, int, int, str]:
        return (self.kind, self.case.pk, self.ref_id, self.stage)


def not_sent(kind: str, case_ref: str, ref: Any, stage: Any) -> Exists:
    return ~Exists(
        Reminder.objects.filter(kind=kind, case_id=OuterRef(case_ref), ref_id=ref, stage=stage)
    )
