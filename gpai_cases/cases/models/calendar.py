"""The AI Office's holiday calendar, as data admins edit per year (docs/rules.md § periods)."""

from __future__ import annotations

from django.db import models

from gpai_cases.core.models import TrackedModel


class CalendarYear(TrackedModel):
    """A year of the AI Office's holiday calendar; seeded with the default pattern when first needed."""

    year = models.PositiveIntegerField(primary_key=True)
    note = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["year"]

    def __str__(self) -> str:
        return str(self.year)


class PublicHoliday(TrackedModel):
    """A public holiday of the Commission in Brussels; editable per year by admins."""

    calendar_year = models.ForeignKey(
        CalendarYear, on_delete=models.CASCADE, related_name="holidays"
    )
    date = models.DateField(unique=True)
    name = models.CharField(max_length=100)

    class Meta:
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.name}"
