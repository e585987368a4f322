"""The AI Office's holiday calendar, kept as data (PublicHoliday rows, editable per year).

A year that nobody has set up yet is seeded with the default pattern of docs/rules.md § periods the first time a
date in it is needed.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.db import IntegrityError, transaction

from .deadlines import default_holidays
from .models import CalendarYear, PublicHoliday


def ensure_years(years: range | list[int]) -> None:
    known = set(CalendarYear.objects.filter(year__in=list(years)).values_list("year", flat=True))
    for year in years:
        if year in known:
            continue
        try:
            with transaction.atomic():
                calendar_year = CalendarYear.objects.create(year=year, note="Default pattern")
                PublicHoliday.objects.bulk_create(
                    PublicHoliday(calendar_year=calendar_year, date=day, name=name)
                    for day, name in default_holidays(year)
                )
        except IntegrityError:
            pass  # seeded concurrently by someone else


_cache: ContextVar[dict[tuple[int, ...], frozenset[datetime.date]] | None] = ContextVar(
    "holidays_cache", default=None
)


@contextmanager
def holidays_cached() -> Iterator[None]:
    """Read each year's holidays once inside the block (a recomputation of thousands of dates)."""
    token = _cache.set({})
    try:
        yield
    finally:
        _cache.reset(token)


def holidays_around(*dates: datetime.date | None) -> frozenset[datetime.date]:
    """Holidays of the years of the given dates and the year after (periods cross New Year)."""
    years = tuple(sorted({y for d in dates if d for y in (d.year, d.year + 1)}))
    if not years:
        return frozenset()
    cache = _cache.get()
    if cache is not None and years in cache:
        return cache[years]
    ensure_years(list(years))
    found = frozenset(
        PublicHoliday.objects.filter(date__year__in=years).values_list("date", flat=True)
    )
    if cache is not None:
        cache[years] = found
    return found
