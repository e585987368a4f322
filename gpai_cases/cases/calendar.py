"""The AI Office's holiday calendar, kept as data (PublicHoliday rows, editable per year).

A year that nobody has set up yet is seeded with the default pattern of docs/rules.md § periods the first time a
date in it is needed.
"""

from __future__ import annotations

import datetime

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


def holidays_around(*dates: datetime.date | None) -> frozenset[datetime.date]:
    """Holidays of the years of the given dates and the year after (periods cross New Year)."""
    years = sorted({y for d in dates if d for y in (d.year, d.year + 1)})
    if not years:
        return frozenset()
    ensure_years(years)
    return frozenset(
        PublicHoliday.objects.filter(date__year__in=years).values_list("date", flat=True)
    )
