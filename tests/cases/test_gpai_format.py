"""One formatting of numbers and dates on every page (the gpai_format template filters)."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.template import Context, Template


def _render(text: str, **context) -> str:
    return Template("{% load gpai_format %}" + text).render(Context(context))


def test_compute_parameters_and_tokens_in_one_scientific_form():
    assert _render("{{ v|flop }}", v=Decimal("36000000000000000000000000")) == "3.6 × 10^25 FLOP"
    assert _render("{{ v|bignumber }}", v=Decimal("4E+11")) == "4 × 10^11"
    assert _render("{{ v|bignumber }}", v="1.5E+13") == "1.5 × 10^13"
    assert _render("{{ v|flop }}", v=None) == "—"


def test_dates_in_the_long_form_and_deadlines_with_their_weekday():
    day = datetime.date(2026, 12, 1)
    assert _render("{{ d|longdate }}", d=day) == "1 December 2026"
    assert _render("{{ d|longdate }}", d="2026-12-01") == "1 December 2026"  # the register's JSON
    assert _render("{{ d|deadline }}", d=day) == "Tuesday 1 December 2026"
    assert _render("{{ d|longdate }}", d="not a date") == "not a date"  # shown, never an error
