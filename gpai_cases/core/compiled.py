"""Querysets compiled once per shape, run with each call's values.

Django builds and compiles a queryset on every request: on a page that misses the fragment
cache, ``filter()``, ``annotate()`` and ``as_sql()`` were 42–50% of the CPU of the queue, the case
page and the portal home, more than PostgreSQL's answers (a sampling profile at 100,000 cases,
docs/adr/0025-queries-compiled-once.md). The SQL of most of those queries depends only on the
*structure* of the call (which filters, which page), not on the values it filters on (whose
id, which state, which day).

:class:`Compiled` wraps a function that builds a queryset. The first call of each shape builds it
once with *stand-ins* for the values (numbers, words and days no real value takes), compiles it,
and records where each stand-in reached the parameters; every later call substitutes its own
values there and runs the same SQL. The rows come back as the ORM would give them (the same
converters: days and times on SQLite, say).

What keeps it correct:

- every value must reach the SQL as a whole parameter, and every stand-in must be found there:
  a value the SQL is built *from* (written into its text, an ``icontains`` pattern, a list whose
  length changes the SQL) is refused at compile time; such things belong to the ``shape``;
- ``None`` and booleans change the SQL (``IS NULL``), so they are part of the shape, as are a
  list's length and the explicit ``shape`` the caller passes (the filters present, the page);
- with ``GPAI_CHECK_COMPILED`` on (the test settings), every call also builds the real queryset
  and compares its SQL and parameters with what was substituted: the whole test suite checks
  each compiled query on every call.
"""

from __future__ import annotations

import copy
import datetime
import weakref
from collections import OrderedDict
from collections.abc import Callable, Hashable, Sequence
from typing import Any

from django.conf import settings
from django.core.exceptions import EmptyResultSet
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import QuerySet
from django.db.models.query import get_related_populators

from .cursors import kept_cursor

__all__ = ["Compiled", "fields_of"]

_MARK = "\x1fstand-in "
#: Integer stand-ins: positive (a slice's bound) and inside 32 bits (a lookup on an
#: IntegerField with a value out of its range changes the SQL).
_FIRST_INT = 1_987_654_000
_UTC = datetime.UTC


class _StandIns:
    """Values no real argument takes, one per argument (or list element), by type."""

    def __init__(self) -> None:
        self.n = 0

    def next(self, value: Any) -> tuple[Any, Any]:
        """The stand-in to build with, and the parameter it reaches the SQL as."""
        self.n += 1
        if isinstance(value, bool):  # pragma: no cover - booleans are part of the shape
            raise TypeError("a boolean is part of the shape")
        if _is_record(value):  # a copy that differs only by its id: the id is the parameter
            stand_in = copy.copy(value)
            stand_in._state = copy.copy(value._state)
            stand_in._state.fields_cache = {}
            stand_in.pk = _FIRST_INT + self.n
            return stand_in, stand_in.pk
        if isinstance(value, int):
            s = _FIRST_INT + self.n
        elif isinstance(value, str):
            s = f"{_MARK}{self.n}\x1f"
        elif isinstance(value, datetime.datetime):
            s = datetime.datetime(1001, 1, 1, tzinfo=_UTC) + datetime.timedelta(seconds=self.n)
        elif isinstance(value, datetime.date):
            s = datetime.date(1001, 1, 1) + datetime.timedelta(days=self.n)
        else:
            raise TypeError(f"no stand-in for a {type(value).__name__}: put it in the shape")
        return s, s


def _is_record(value: Any) -> bool:
    """A model instance that says what of it the SQL's structure depends on (a person: the role,
    ``User.compiled_shape``); it reaches the SQL by its id."""
    return hasattr(value, "compiled_shape") and hasattr(value, "_state")


def _adapt(connection: Any, value: Any) -> Any:
    """The parameter the ORM would pass for ``value`` (days and times as the backend takes them,
    a record by its id)."""
    if _is_record(value):
        return value.pk
    if isinstance(value, datetime.datetime):
        return connection.ops.adapt_datetimefield_value(value)
    if isinstance(value, datetime.date):
        return connection.ops.adapt_datefield_value(value)
    return value


def _is_fixed(value: Any) -> bool:
    """A value that changes the SQL's text, not only its parameters: part of the shape."""
    return value is None or isinstance(value, bool)


class _Entry:
    __slots__ = ("compiler", "converters", "names", "params", "plain", "slots", "sql")

    def __init__(
        self,
        sql: str,
        params: list[Any],
        slots: list[tuple[int, int, int]],
        compiler: Any,
        names: list[str],
    ) -> None:
        self.sql, self.params, self.slots = sql, params, slots
        self.compiler, self.names = compiler, names
        # the converters of the columns, found once (results_iter looks them up on every call)
        self.converters, self.plain = {}, True
        if compiler is not None and compiler.select is not None:
            fields = [s[0] for s in compiler.select[: compiler.col_count]]
            self.converters = compiler.get_converters(fields)
            self.plain = not compiler.has_composite_fields(fields)

    def convert(self, fetched: list[Any]) -> list[tuple[Any, ...]]:
        """The rows as the ORM gives them (``results_iter``), the converters found once."""
        if not self.plain:
            return list(self.compiler.results_iter(results=[fetched], tuple_expected=True))
        if not self.converters:
            return [tuple(row) for row in fetched]
        return [tuple(row) for row in self.compiler.apply_converters(fetched, self.converters)]


class Compiled:
    """``Compiled(build)``: ``build(shape, *values)`` returns a queryset (``values()`` or
    ``values_list()``, sliced or not); ``dicts(shape, *values)`` and ``rows(shape, *values)``
    answer what ``list(build(shape, *values))`` would, as dicts or tuples, and ``count(shape,
    *values)`` counts its rows (``SELECT COUNT(*) FROM (…)``: give it ``values("pk")``, unordered
    and sliced where a bound count is wanted), each compiled once per shape and connection.

    ``shape``: anything hashable the SQL's structure depends on, besides the values' own types
    (which filters the call has, the page's offset, the language...). ``values``: numbers, words,
    days, times, or lists of them (a list's length is part of the shape); ``None`` and booleans
    are passed through as they are, and are part of the shape; a model instance with a
    ``compiled_shape()`` (a person: its role, which the access rules branch on) is built with a
    copy that has another id, and reaches the SQL by its id.
    """

    def __init__(
        self,
        build: Callable[..., QuerySet[Any]],
        *,
        using: str = DEFAULT_DB_ALIAS,
        max_shapes: int = 256,
    ) -> None:
        self._build, self._using, self._max = build, using, max_shapes
        self._by_connection: weakref.WeakKeyDictionary[Any, OrderedDict[Hashable, _Entry]] = (
            weakref.WeakKeyDictionary()
        )

    def queryset(self, shape: Hashable, *values: Any) -> QuerySet[Any]:
        """The queryset itself, built with the real values (for what is not compiled)."""
        return self._build(shape, *values)

    def dicts(self, shape: Hashable, *values: Any) -> list[dict[str, Any]]:
        entry, rows = self._run("rows", shape, values)
        names = entry.names
        return [dict(zip(names, row, strict=True)) for row in rows]

    def rows(self, shape: Hashable, *values: Any) -> list[tuple[Any, ...]]:
        return self._run("rows", shape, values)[1]

    def records(self, shape: Hashable, *values: Any) -> list[Any]:
        """Model instances, as the ORM loads them (``Model.from_db``): the build gives
        ``values_list(*fields_of(Model))``, every concrete column in the model's order."""
        entry, rows = self._run("rows", shape, values)
        if not rows:
            return []
        model = entry.compiler.query.model
        if entry.names != fields_of(model):
            raise ValueError(f"records() reads every column of {model.__name__}: fields_of()")
        return [model.from_db(self._using, entry.names, row) for row in rows]

    def instances(self, shape: Hashable, *values: Any) -> list[Any]:
        """Model instances with the records ``select_related`` names, as iterating the queryset
        gives them: the build gives the model's queryset itself (no ``values()``, no
        ``prefetch_related()``: run :func:`~django.db.models.prefetch_related_objects` after)."""
        entry, fetched = self._run("instances", shape, values)
        if not fetched:
            return []
        compiler, db = entry.compiler, self._using
        if compiler.query.values_select:
            raise ValueError("instances() reads a model's queryset, not values()")
        select, klass_info = compiler.select, compiler.klass_info
        start, end = klass_info["select_fields"][0], klass_info["select_fields"][-1] + 1
        init_list = [f[0].target.attname for f in select[start:end]]
        related = get_related_populators(klass_info, select, db)
        found = []
        for row in compiler.results_iter(results=[fetched]):
            obj = klass_info["model"].from_db(db, init_list, row[start:end])
            for populator in related:
                populator.populate(row, obj)
            for name, position in compiler.annotation_col_map.items():
                setattr(obj, name, row[position])
            found.append(obj)
        return found

    def count(self, shape: Hashable, *values: Any) -> int:
        return self._run("count", shape, values)[1][0][0]

    # -- inside ----------------------------------------------------------------------------

    def _run(self, how: str, shape: Hashable, values: Sequence[Any]) -> tuple[_Entry, list[Any]]:
        connection = connections[self._using]
        if any(_out_of_range(v) for v in values):
            # the ORM answers "no rows" for an id no integer column holds; the compiled SQL would
            # pass it on and fail: built and compiled with it, as the ORM does
            entry = _Entry(*self._sql(how, connection, self._build(shape, *values)))
            params = entry.params
        else:
            entry = self._entry(how, connection, shape, values)
            params = list(entry.params)
            for position, which, index in entry.slots:
                value = values[which] if index < 0 else values[which][index]
                params[position] = _adapt(connection, value)
            if getattr(settings, "GPAI_CHECK_COMPILED", False):
                self._check(how, connection, shape, values, entry.sql, params)
        if not entry.sql:  # nothing can match (an empty IN list, none()): no query, as the ORM
            return entry, [(0,)] if how == "count" else []
        cursor = kept_cursor(connection)  # the session's one: a new one costs more (cursors.py)
        cursor.execute(entry.sql, params)
        fetched = cursor.fetchall()
        if how in ("count", "instances"):
            return entry, fetched
        return entry, entry.convert(fetched)

    def _entry(self, how: str, connection: Any, shape: Hashable, values: Sequence[Any]) -> _Entry:
        key = (how, shape, *(_key_of(v) for v in values))
        entries = self._by_connection.get(connection)
        if entries is None:
            entries = self._by_connection[connection] = OrderedDict()
        entry = entries.get(key)
        if entry is None:
            entry = entries[key] = self._compile(how, connection, shape, values)
            if len(entries) > self._max:
                entries.popitem(last=False)
        else:
            entries.move_to_end(key)
        return entry

    def _sql(
        self, how: str, connection: Any, queryset: QuerySet[Any]
    ) -> tuple[str, list[Any], list[Any], Any, list[str]]:
        """The SQL and parameters, no slots, the compiler and the columns' names; no SQL ("")
        for a query that can match nothing."""
        try:
            return self._sql_of(how, connection, queryset.query)
        except EmptyResultSet:
            return "", [], [], None, []

    def _sql_of(
        self, how: str, connection: Any, query: Any
    ) -> tuple[str, list[Any], list[Any], Any, list[str]]:
        if how == "count":  # as QuerySet.count() of a sliced query: a count of the subquery
            sql, params = query.get_compiler(connection=connection).as_sql()
            # the ORM's own SQL, its values bound as parameters
            counted = f"SELECT COUNT(*) FROM ({sql}) counted"  # noqa: S608  # nosec B608
            return counted, list(params), [], None, []
        compiler = query.get_compiler(connection=connection)
        sql, params = compiler.as_sql()
        if query.selected:
            names = list(query.selected)
        else:
            names = [*query.extra_select, *query.values_select, *query.annotation_select]
        return sql, list(params), [], compiler, names

    def _compile(self, how: str, connection: Any, shape: Hashable, values: Sequence[Any]) -> _Entry:
        stand_ins = _StandIns()
        arguments: list[Any] = []
        found: dict[Any, tuple[int, int]] = {}
        for which, value in enumerate(values):
            if _is_fixed(value):
                arguments.append(value)
            elif isinstance(value, (list, tuple)):
                items = []
                for index, item in enumerate(value):
                    s, param = stand_ins.next(item)
                    found[_adapt(connection, param)] = (which, index)
                    items.append(s)
                arguments.append(type(value)(items))
            else:
                s, param = stand_ins.next(value)
                found[_adapt(connection, param)] = (which, -1)
                arguments.append(s)
        sql, params, _, compiler, names = self._sql(how, connection, self._build(shape, *arguments))
        if not sql:
            return _Entry("", [], [], None, [])
        # a person's id need not reach the SQL (the AI Office's access rules read only the role,
        # which is in the key): the other values must
        unused_ok = {
            where
            for where in found.values()
            if _is_record(values[where[0]] if where[1] < 0 else values[where[0]][where[1]])
        }
        slots, seen = [], set()
        for position, p in enumerate(params):
            try:
                where = found.get(p)
            except TypeError:  # an unhashable parameter (a list): no stand-in
                where = None
            if where is not None:
                slots.append((position, *where))
                seen.add(where)
            elif isinstance(p, str) and _MARK in p:
                raise ValueError(f"a value reached the SQL inside another parameter: {p!r}")
        if _MARK in sql or any(str(s) in sql for s in found if isinstance(s, int)):
            raise ValueError("a value was written into the SQL's text: put it in the shape")
        if seen | unused_ok != set(found.values()):
            raise ValueError("a value did not reach the SQL as a parameter: put it in the shape")
        return _Entry(sql, params, slots, compiler, names)

    def _check(
        self,
        how: str,
        connection: Any,
        shape: Hashable,
        values: Sequence[Any],
        sql: str,
        params: list[Any],
    ) -> None:
        real_sql, real_params, _, _, _ = self._sql(how, connection, self._build(shape, *values))
        if (real_sql, list(real_params)) != (sql, params):
            raise AssertionError(
                f"compiled query differs from the queryset it stands for:\n{sql}\n{params}\n"
                f"--- built now:\n{real_sql}\n{real_params}"
            )


def fields_of(model: Any) -> list[str]:
    """The columns :meth:`Compiled.records` reads: every concrete field's, in the model's order."""
    return [f.attname for f in model._meta.concrete_fields]


def _out_of_range(value: Any) -> bool:
    if isinstance(value, (list, tuple)):
        return any(_out_of_range(v) for v in value)
    return isinstance(value, int) and not isinstance(value, bool) and not -(2**31) <= value < 2**31


def _key_of(value: Any) -> Hashable:
    if _is_fixed(value):
        return ("fixed", value)
    if _is_record(value):  # __class__: a person behind request.user's lazy object is a User
        return (value.__class__.__name__, value.compiled_shape())
    if isinstance(value, (list, tuple)):
        return (type(value).__name__, tuple(_key_of(v) for v in value))
    return type(value).__name__
