"""The rule behind a computed date is stored as a code with parameters and written in the reader's
language when it is shown (issue 19): the same stored rule reads in English, French and German;
the English sentences stored before are read back into rules (the migration), or kept as words."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from gpai_cases.cases.deadlines import (
    due_date_set_by,
    earliest_reassessment,
    notification_due,
    period_for_acting,
    rfi_due,
)
from gpai_cases.cases.rulecodes import Rule
from gpai_cases.cases.ruleparse import parse
from gpai_cases.obligations.dates import first_model_report_due, incident_initial_due

from .deadline_helpers import holiday_names, holidays

LOCALE = Path(__file__).resolve().parents[2] / "locale"


def test_a_notification_rule_reads_in_english_french_and_german_from_the_same_data():
    due = notification_due(date(2025, 12, 17), holiday_names(2025, 2026))
    assert due.rule.code == "period"
    assert due.rule.render("en") == (
        "Two weeks after Wed 17 Dec 2025 (Art 52(1) AI Act; Reg. 1182/71 Art 3) = Wed 31 Dec"
        " 2025, a public holiday (New Year's Eve) → next working day: Mon 5 Jan 2026"
    )
    assert due.rule.render("fr") == (
        "Deux semaines après le mercredi 17 décembre 2025 (art. 52, paragraphe 1, du règlement"
        " sur l'IA ; règlement nº 1182/71, art. 3) = mercredi 31 décembre 2025, un jour férié"
        " (New Year's Eve) → jour ouvrable suivant : lundi 5 janvier 2026"
    )
    assert due.rule.render("de") == (
        "Zwei Wochen nach Mittwoch, 17. Dezember 2025 (Art. 52 Abs. 1 KI-Verordnung;"
        " VO Nr. 1182/71 Art. 3) = Mittwoch, 31. Dezember 2025, ein Feiertag (New Year's Eve)"
        " → nächster Arbeitstag: Montag, 5. Januar 2026"
    )


def test_str_of_a_rule_follows_the_active_language():
    earliest = earliest_reassessment(date(2025, 8, 29))
    with translation.override("de"):
        german = str(earliest.rule)
    with translation.override("fr"):
        french = str(earliest.rule)
    assert german.startswith("Sechs Monate nach der Entscheidung vom Freitag, 29. August 2025")
    assert "den 29. Februar 2026 gibt es nicht" in german
    assert french.startswith("Six mois après la décision du vendredi 29 août 2025")
    assert "à partir du lendemain : dimanche 1 mars 2026" in french


def test_a_language_without_a_catalogue_falls_back_to_english_words_with_its_own_dates():
    due = rfi_due(date(2026, 3, 2), 10, holidays(2026))
    italian = due.rule.render("it")
    assert "after" in italian and "period set in the request for information" in italian
    assert "marzo 2026" in italian.lower()  # Django's own Italian month names


def test_a_stored_rule_is_data_and_renders_per_language(submitted_a):
    from gpai_cases.cases.models import Notification

    notification = Notification.objects.get(case=submitted_a)
    assert isinstance(notification.notification_due_rule, Rule)
    stored = (
        type(notification)
        .objects.filter(pk=notification.pk)
        .values_list("notification_due_rule", flat=True)[0]
    )
    assert stored.as_json()["code"] == "period"
    english = notification.notification_due_rule.render("en")
    french = notification.notification_due_rule.render("fr")
    german = notification.notification_due_rule.render("de")
    assert english.startswith("Two weeks after")
    assert french.startswith("Deux semaines après le")
    assert german.startswith("Zwei Wochen nach")


def _rules() -> list[Rule]:
    names = holiday_names(2025, 2026, 2027)
    return [
        notification_due(date(2025, 12, 17), names).rule,
        notification_due(date(2026, 2, 14), names).rule,
        rfi_due(date(2026, 12, 23), 2, names).rule,
        earliest_reassessment(date(2025, 8, 29)).rule,
        earliest_reassessment(date(2026, 1, 31), shift_to_working_day=True, holidays=names).rule,
        due_date_set_by("C. Rossi", date(2026, 12, 24), date(2026, 12, 10), names).rule,
        due_date_set_by(
            "C. Rossi", date(2026, 12, 12), date(2026, 12, 1), names, how="extended_on_request"
        ).rule,
        period_for_acting(date(2026, 1, 31), months=1, holidays=names, label="Test rule").rule,
        incident_initial_due(
            date(2026, 10, 5), days=2, kind="Death", citation="Art 73(4)", holidays=names
        ).rule,
        first_model_report_due(
            date(2026, 9, 15),
            market_date=date(2026, 10, 20),
            period={"days": 14},
            citation="Art 55(1)(c)",
            holidays=names,
        ).rule,
    ]


@pytest.mark.parametrize("rule", _rules(), ids=lambda r: r.code)
def test_an_english_sentence_stored_before_is_read_back_into_its_rule(rule: Rule):
    sentence = rule.render("en")
    parsed = parse(sentence)
    assert parsed.code == rule.code
    assert parsed.render("en") == sentence
    assert parsed.render("fr") == rule.render("fr")
    assert parsed.render("de") == rule.render("de")


@given(st.dates(min_value=date(2024, 1, 1), max_value=date(2030, 12, 31)), st.integers(1, 60))
def test_every_computed_period_survives_the_migration(start: date, days: int):
    rule = rfi_due(start, days, holidays(start.year, start.year + 1)).rule
    assert parse(rule.render("en")) == rule


def test_words_that_are_no_rule_are_kept_as_words():
    for words in ("14 days", "Six months after the decision (Art 52(5))", ""):
        kept = parse(words)
        assert kept.code == "text"
        assert str(kept) == words
    assert not parse("")
