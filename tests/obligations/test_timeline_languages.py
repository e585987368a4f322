"""The titles of a model's timeline are derived from its records at display, never stored: the
same entries read in English, French and German (docs/rules.md § reassessment)."""

from __future__ import annotations

import pytest
from django.utils import translation

from gpai_cases.obligations import services
from gpai_cases.obligations.timeline import model_timeline

from .conftest import D, at, file_framework, file_model_report, report_incident

pytestmark = pytest.mark.django_db


@pytest.fixture
def entries(designation_a, member_a, provider_a, caseworker):
    with at(D(2026, 10, 1)):
        file_framework(member_a, provider_a, "Framework with risk tiers")
        services.code_of_practice_record(
            actor=caseworker,
            provider=provider_a,
            chapter="safety_security",
            signatory=True,
            on=D(2025, 8, 1),
        )
    with at(D(2026, 10, 5)):
        file_model_report(member_a, designation_a, summary="Evaluations show uplift")
    with at(D(2026, 11, 2)):
        report_incident(member_a, designation_a, title="Breach", kind="cybersecurity_breach")

    def read(language: str) -> dict[str, str]:
        with translation.override(language):
            return {
                e.prefix: f"{e.what} | {e.text} | {e.citation}"
                for e in model_timeline(designation_a.model, user=caseworker)
            }

    return read


def test_the_timeline_titles_read_in_english(entries):
    en = entries("en")
    assert en["framework"].startswith("Safety and security framework, version 1 |")
    assert en["cop"].startswith("Code of Practice, safety and security chapter | signatory since")
    assert en["report"].startswith("Model report, version 1 (first report")
    assert en["incident"].startswith(
        "Serious incident “Breach” (Serious cybersecurity breach): initial report |"
    )


def test_the_same_entries_read_in_german_with_german_dates(entries):
    de = entries("de")
    assert de["framework"].startswith("Sicherheitsrahmen, Version 1 |")
    assert (
        "1. Oktober 2026 — Sicherheitsrahmen, Version 1: Framework with risk tiers"
        in (de["framework"])
    )
    assert de["cop"].startswith("Praxisleitfaden, Kapitel „Sicherheit und Gefahrenabwehr“ | ")
    assert "Unterzeichner seit dem 1. August 2025" in de["cop"]
    assert de["report"].startswith("Modellbericht, Version 1 (erster Bericht")
    assert de["incident"].startswith("Schwerwiegender Vorfall „Breach“")
    assert "Erstbericht" in de["incident"]


def test_the_same_entries_read_in_french(entries):
    fr = entries("fr")
    assert fr["framework"].startswith("Cadre de sûreté et de sécurité, version 1 |")
    assert fr["incident"].startswith("Incident grave « Breach »")


def test_a_seeded_kind_of_harm_reads_in_german_and_a_reworded_one_as_typed(db):
    from gpai_cases.obligations.models import IncidentKind
    from gpai_cases.obligations.services import incident_kinds

    incident_kinds()  # seeded again after a flush
    death = IncidentKind.objects.get(code="death")
    with translation.override("de"):
        assert death.words == "Tod eines Menschen"
    assert death.words == "Death of a person"
    death.label = "Death of a person (as the admins word it)"
    with translation.override("de"):
        assert death.words == "Death of a person (as the admins word it)"
