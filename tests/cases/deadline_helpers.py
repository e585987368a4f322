"""Holiday sets for the deadline tests (test_deadlines.py and test_periods.py), from the default
holiday pattern of gpai_cases.cases.deadlines: no Django, no database."""

from __future__ import annotations

from datetime import date

from gpai_cases.cases.deadlines import default_holidays


def holidays(*years: int) -> set[date]:
    return {day for year in years for day, _ in default_holidays(year)}


def holiday_names(*years: int) -> dict[date, str]:
    return {day: name for year in years for day, name in default_holidays(year)}
