"""Dates and numbers in the reader's language (issue 19): French and German through Django's
localisation and gpai_cases/formats/<lang>/formats.py; English unchanged."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import translation

from gpai_cases.cases import dayformat
from gpai_cases.providers.compute import format_flop, parse_flop

DAY = datetime.date(2026, 12, 1)  # a Tuesday


def _render(text: str, language: str, **context) -> str:
    with translation.override(language):
        return Template("{% load gpai_format %}" + text).render(Context(context))


@pytest.mark.parametrize(
    ("language", "long", "deadline"),
    [
        ("en", "1 December 2026", "Tuesday 1 December 2026"),
        ("fr", "1er décembre 2026", "mardi 1 décembre 2026"),
        ("de", "1. Dezember 2026", "Dienstag, 1. Dezember 2026"),
    ],
)
def test_long_dates_and_deadlines_in_each_language(language, long, deadline):
    assert _render("{{ d|longdate }}", language, d=DAY) == long
    assert _render("{{ d|deadline }}", language, d=DAY) == deadline
    assert _render("{{ d|longdate }}", language, d="2026-12-01") == long


def test_only_the_first_of_the_month_is_written_1er_in_french():
    with translation.override("fr"):
        assert dayformat.format_date(datetime.date(2026, 3, 2)) == "2 mars 2026"
        assert dayformat.format_day_long(datetime.date(2026, 3, 2)) == "lundi 2 mars 2026"


def test_short_days_in_each_language():
    with translation.override("en"):
        assert dayformat.format_day(DAY) == "Tue 1 Dec 2026"
    with translation.override("fr"):
        assert dayformat.format_day(DAY) == "mar 1 déc. 2026"
    with translation.override("de"):
        assert dayformat.format_day(DAY) == "Di, 1. Dez. 2026"


def test_a_language_without_its_own_forms_uses_its_django_date_format():
    with translation.override("it"):
        assert dayformat.format_date(DAY) == "01 Dicembre 2026"


@pytest.mark.parametrize(
    ("language", "compute", "parameters"),
    [
        ("en", "3.6 × 10^25 FLOP", "4.05 × 10^11"),
        ("fr", "3,6 × 10^25 FLOP", "4,05 × 10^11"),
        ("de", "3,6 × 10^25 FLOP", "4,05 × 10^11"),
    ],
)
def test_compute_and_parameters_with_the_languages_decimal_mark(language, compute, parameters):
    assert _render("{{ v|flop }}", language, v=Decimal("3.6E+25")) == compute
    assert _render("{{ v|bignumber }}", language, v=Decimal("4.05E+11")) == parameters


def test_whole_mantissas_and_plain_digits_are_the_same_in_every_language():
    with translation.override("de"):
        assert format_flop(Decimal("1E+25")) == "1 × 10^25"
        assert format_flop(Decimal("999999")) == "999999"
        assert format_flop(Decimal("0.125")) == "0.125"  # "0,125" would read as thousands


def test_an_explicit_language_overrides_the_active_one():
    with translation.override("en"):
        assert format_flop(Decimal("3.6E+25"), language="fr") == "3,6 × 10^25"


@pytest.mark.parametrize("language", ["en", "fr", "de"])
@pytest.mark.parametrize("value", ["3.6E+25", "7.54E+22", "1E+25", "4.05E+11", "123456"])
def test_every_written_form_reads_back_exactly(language, value):
    with translation.override(language):
        written = format_flop(Decimal(value))
    assert parse_flop(written) == Decimal(value)


def test_a_decimal_comma_is_read_only_in_the_scientific_form():
    assert parse_flop("3,6 × 10^25") == Decimal("3.6E+25")
    assert parse_flop("3,25e25 FLOP") == Decimal("3.25E+25")
    assert parse_flop("36,000,000") == Decimal("36000000")  # still a group of thousands


@pytest.mark.parametrize(
    ("language", "short", "day", "moment"),
    [
        ("en", "2 Mar 2026", "Mon 2 Mar 2026", "3 March 2026, 00:30"),
        ("fr", "2 mars 2026", "lun 2 mars 2026", "3 mars 2026, 00:30"),
        ("de", "2. März 2026", "Mo, 2. März 2026", "3. März 2026, 00:30"),
    ],
)
def test_short_dates_and_moments_in_each_language(language, short, day, moment):
    """The templates' short forms and moments: in the service's time zone (23:30 UTC is the next
    day in Brussels), never a hand-written English pattern."""
    late = datetime.datetime(2026, 3, 2, 23, 30, tzinfo=datetime.UTC)
    text = _render(
        "{{ d|shortdate }}|{{ d|shortday }}|{{ m|moment }}|{{ m|longdate }}",
        language,
        d=datetime.date(2026, 3, 2),
        m=late,
    )
    assert text.split("|") == [short, day, moment, moment.split(",")[0]]
