"""Queries compiled once per process: Django builds and compiles a queryset on every request
(``filter()`` and ``as_sql`` cost more CPU than PostgreSQL's answer on a page of rows); a query
whose SQL depends only on its arguments' values is compiled once, with stand-ins for them, and
run with each request's values (docs/adr/0021-cheap-list-pages.md).

Only for queries that hold no permission decision (those are built by the access modules on every
request) and whose columns need no conversion from the database's values (numbers, text).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from django.db import connections
from django.db.models import QuerySet

__all__ = ["CompiledValues"]

#: Stand-ins no id takes (ids are positive).
_FIRST_STAND_IN = -1_000_000_001


class CompiledValues:
    """``CompiledValues(lambda ids: Case.objects.filter(model_id__in=ids).values_list(...))``
    called as ``query(ids)`` answers the rows of ``list(build(ids))`` (tuples), the SQL compiled
    once per number of ids (and database).

    ``build`` takes lists of ids and returns a ``values_list()`` queryset of columns that need no
    conversion; each id list's values must reach the SQL only as parameters.
    """

    def __init__(self, build: Callable[..., QuerySet[Any]], using: str = "default") -> None:
        self._build, self._using = build, using
        self._compiled: dict[
            tuple[int, ...], tuple[str, list[Any], list[tuple[int, int, int]]]
        ] = {}

    def __call__(self, *id_lists: Sequence[int]) -> list[tuple[Any, ...]]:
        if any(not ids for ids in id_lists):
            return []  # as the ORM: an empty IN () is no query
        shape = tuple(len(ids) for ids in id_lists)
        if shape not in self._compiled:
            self._compiled[shape] = self._compile(shape)
        sql, params, slots = self._compiled[shape]
        params = list(params)
        for position, which, index in slots:
            params[position] = id_lists[which][index]
        with connections[self._using].cursor() as cursor:
            cursor.execute(sql, params)
            return [tuple(row) for row in cursor.fetchall()]

    def _compile(self, shape: tuple[int, ...]) -> tuple[str, list[Any], list[tuple[int, int, int]]]:
        stand_ins: dict[int, tuple[int, int]] = {}
        lists = []
        value = _FIRST_STAND_IN
        for which, n in enumerate(shape):
            lists.append([])
            for index in range(n):
                stand_ins[value] = (which, index)
                lists[-1].append(value)
                value -= 1
        sql, params = self._build(*lists).query.sql_with_params()
        slots = [
            (position, *stand_ins[p])
            for position, p in enumerate(params)
            if isinstance(p, int) and p in stand_ins
        ]
        if sorted((w, i) for _, w, i in slots) != sorted(stand_ins.values()):
            raise ValueError("each id must reach the SQL once, as a parameter")
        return sql, list(params), slots
