"""One formatting of numbers and dates for every page: ``{% load gpai_format %}``.

- ``{{ value|flop }}``: "3.6 × 10^25 FLOP"; ``{{ value|bignumber }}``: "4 × 10^11" (parameters,
  tokens), both through :func:`gpai_cases.providers.compute.format_flop`;
- ``{{ day|longdate }}``: "1 December 2026"; ``{{ day|deadline }}``: "Tuesday 1 December 2026";
  ``{{ day|shortdate }}``: "1 Dec 2026"; ``{{ day|shortday }}``: "Tue 1 Dec 2026";
  ``{{ moment|moment }}``: "1 December 2026, 14:05" (in the service's time zone), through
  :mod:`gpai_cases.cases.dayformat`. Never ``|date:"j F Y"``: German writes "1. Dezember 2026".

All in the active language: "3,6 × 10^25 FLOP", "1er décembre 2026", "Dienstag, 1. Dezember 2026". Dates may be ``date``/``datetime`` objects or ISO
  strings (the register's JSON); anything unreadable is shown as given, never an error page.
"""

from __future__ import annotations

import datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from django import template

from gpai_cases.cases.dayformat import (
    format_date,
    format_date_short,
    format_day,
    format_day_long,
    format_moment,
)
from gpai_cases.providers.compute import format_flop

register = template.Library()


def _number(value: Any) -> Decimal | None:
    if value is None or value == "" or isinstance(value, bool):
        return None
    try:
        number = Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        return None
    return number if number.is_finite() else None


@register.filter
def bignumber(value: Any) -> str:
    number = _number(value)
    return format_flop(number) if number is not None else ("" if value is None else str(value))


@register.filter
def flop(value: Any) -> str:
    number = _number(value)
    return (
        f"{format_flop(number)} FLOP"
        if number is not None
        else ("—" if value in (None, "") else str(value))
    )


def _day(value: Any) -> datetime.date | None:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, str):
        try:
            return datetime.date.fromisoformat(value.strip()[:10])
        except ValueError:
            return None
    return None


def _shown(value: Any, form: Any) -> str:
    day = _day(value)
    return form(day) if day is not None else ("" if value is None else str(value))


# expects_localtime: an aware datetime arrives in the service's time zone, as with |date (a
# moment at 23:30 UTC is the next day in Brussels)
@register.filter(expects_localtime=True)
def shortdate(value: Any) -> str:
    return _shown(value, format_date_short)


@register.filter(expects_localtime=True)
def shortday(value: Any) -> str:
    return _shown(value, format_day)


@register.filter(expects_localtime=True)
def moment(value: Any) -> str:
    if isinstance(value, datetime.datetime):
        return format_moment(value)
    return "" if value is None else str(value)


@register.filter(expects_localtime=True)
def longdate(value: Any) -> str:
    day = _day(value)
    return format_date(day) if day is not None else ("" if value is None else str(value))


@register.filter(expects_localtime=True)
def deadline(value: Any) -> str:
    day = _day(value)
    return format_day_long(day) if day is not None else ("" if value is None else str(value))
