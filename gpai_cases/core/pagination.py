"""A paginator that never counts a whole table: long lists count only as far as they need to.

``Paginator`` runs ``SELECT COUNT(*)`` over every row the list matches, on every request: at
100,000 cases that alone cost more than fetching the page (docs/adr/0021-cheap-list-pages.md).
:class:`CappedPaginator` counts at most ``cap`` rows past the end of the page asked for, so a
page costs the same at any size of the table; beyond that the count reads "more than …".
"""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.utils.functional import cached_property


class CappedPaginator(Paginator):
    """``Paginator`` with a count that stops at ``cap`` rows past the page ``asked`` for (give it
    the same number as ``get_page``).

    ``capped`` says whether the count stopped: then ``count`` is a lower bound, and ``num_pages``
    the pages known to exist (the last page's "next" link leads on to more).
    """

    def __init__(
        self, object_list: Any, per_page: int, *, asked: Any = 1, cap: int = 1000, **kwargs: Any
    ):
        super().__init__(object_list, per_page, **kwargs)
        self.cap = cap
        try:
            self._wanted = max(int(asked), 1)
        except (TypeError, ValueError):
            self._wanted = 1

    @cached_property
    def _counted(self) -> tuple[int, bool]:
        limit = self._wanted * self.per_page + self.cap
        if isinstance(self.object_list, QuerySet):
            # count primary keys in any order: the columns, joins and sort of the rows shown would
            # cost for nothing
            n = self.object_list.values("pk").order_by()[: limit + 1].count()
        elif hasattr(self.object_list, "count_up_to"):  # rows of a compiled query
            n = self.object_list.count_up_to(limit + 1)
        else:
            n = len(self.object_list[: limit + 1])
        return (limit, True) if n > limit else (n, False)

    @property
    def count(self) -> int:  # type: ignore[override]
        return self._counted[0]

    @property
    def capped(self) -> bool:
        return self._counted[1]
