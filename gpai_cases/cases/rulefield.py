"""A model field holding the rule behind a computed date as data (:class:`.rulecodes.Rule`).

Stored as JSON (``{"code": …, "params": …}``); read back, and on assignment, always a
:class:`Rule`, whose ``str()`` is its sentence in the active language — so a template printing
``{{ request.due_rule }}`` writes it in the reader's language. A sentence assigned as a string
is kept as words (code ``text``).
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models.query_utils import DeferredAttribute

from .rulecodes import Rule

__all__ = ["RuleField", "no_rule"]


def no_rule() -> Rule:
    """The default: no rule (an empty sentence)."""
    return Rule.text("")


class _RuleAttribute(DeferredAttribute):
    def __set__(self, instance: models.Model, value: Any) -> None:
        instance.__dict__[self.field.attname] = Rule.from_json(value)


class RuleField(models.JSONField):
    description = "The rule behind a computed date, as a code with parameters"
    descriptor_class = _RuleAttribute

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("default", no_rule)
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)

    def from_db_value(self, value: Any, expression: Any, connection: Any) -> Rule:
        return Rule.from_json(super().from_db_value(value, expression, connection))

    def to_python(self, value: Any) -> Rule:
        return Rule.from_json(value)

    def get_prep_value(self, value: Any) -> Any:
        return super().get_prep_value(Rule.from_json(value).as_json())

    def value_to_string(self, obj: models.Model) -> str:
        return str(self.value_from_object(obj))
