"""The conversion of stored rule sentences to rules as data and back, for the migrations of
every app that keeps rules (ADR 0008). Each migration names its fields; the loops live here once.

Forwards, ``<field>`` (English words) is read into ``<field>_data`` (a rule: the rule whose
English rendering is exactly those words, or the words kept as text); backwards, the rule is
written out again in English into ``<field>`` (cut to the old column's 400 characters).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

__all__ = ["rules_to_words", "words_to_rules"]

Fields = Iterable[tuple[str, str]]


def words_to_rules(apps: Any, app_label: str, fields: Fields) -> None:
    from .ruleparse import parse

    for model_name, field in fields:
        model = apps.get_model(app_label, model_name)
        for pk, words in model.objects.values_list("pk", field).iterator():
            rule = parse(words or "")
            model.objects.filter(pk=pk).update(**{f"{field}_data": rule.as_json()})


def rules_to_words(apps: Any, app_label: str, fields: Fields) -> None:
    from .rulecodes import Rule

    for model_name, field in fields:
        model = apps.get_model(app_label, model_name)
        for pk, data in model.objects.values_list("pk", f"{field}_data").iterator():
            words = Rule.from_json(data).render("en")[:400]
            model.objects.filter(pk=pk).update(**{field: words})
