"""A constant of the code written into the SQL text instead of being bound as a parameter.

Why: PostgreSQL uses a partial index only when it can prove the query implies the index's
condition. The app's statements are prepared and bound on the server (settings: a statement run
often is planned once); after a few runs PostgreSQL plans them generically, for any value of the
parameters, and a condition such as ``kind = $1`` no longer implies the index's
``kind = 'ex_officio'``: the queue's first page walked past every provider's draft again (7 ms
instead of 0.1 ms at 100,000 cases). Written as a literal, the condition is part of the
statement's text, and every plan of it can use the index (docs/adr/0023-queue-first-page.md).

Only for fixed values of the code (a choice's value), never for what a person typed: the value
must be a plain word, checked on construction.
"""

from __future__ import annotations

import re
from typing import Any

from django.db.models import CharField, Expression
from django.utils.deconstruct import deconstructible

_WORD = re.compile(r"[A-Za-z0-9_]+")


@deconstructible(path="gpai_cases.core.sql.Constant")
class Constant(Expression):
    """``Q(kind=Constant(Kind.EX_OFFICIO))`` compiles to ``"kind" = 'ex_officio'``."""

    def __init__(self, value: str) -> None:
        value = str(value)
        if not _WORD.fullmatch(value):
            raise ValueError(f"not a plain word: {value!r}")
        super().__init__(output_field=CharField())
        self.value = value

    def as_sql(self, compiler: Any, connection: Any) -> tuple[str, list[Any]]:
        return f"'{self.value}'", []
