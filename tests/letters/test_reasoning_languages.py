"""The reasoning is drafted in the language of the letter's addressee, the pages around it in the
reader's; the timeline and the filed facts come in each reader's language from the same records
(issue 19)."""

from __future__ import annotations

import datetime
import html

import pytest
from django.urls import reverse
from django.utils import translation

from gpai_cases.cases import audit, deadlines, facts
from gpai_cases.cases.event_words import describe
from gpai_cases.cases.models import CaseEvent
from gpai_cases.letters.context import OBSERVATIONS_LABEL

pytestmark = pytest.mark.django_db


def _page(client, user, name, case) -> str:
    client.force_login(user)
    response = client.get(reverse(name, args=[case.reference]))
    assert response.status_code == 200
    return html.unescape(response.content.decode())


def test_the_reasoning_is_drafted_in_the_providers_language_on_a_page_in_the_readers(
    client, assessing_a, caseworker
):
    provider = assessing_a.model.provider
    provider.language = "de"
    provider.save()
    page = _page(client, caseworker, "workspace:reasoning", assessing_a)
    # the page's labels in the caseworker's English; the draft in the provider's German
    assert '<html lang="en"' in page and "The facts" in page
    assert 'lang="de"' in page
    assert "der Kommission gemäß Artikel 52 Absatz 1 der Verordnung (EU) 2024/1689" in page
    assert "notified the Commission under Article 52(1)" not in page
    assert translation.get_language() == "en"


def test_the_letter_preview_prints_the_reasoning_in_the_providers_language(
    client, assessing_a, caseworker
):
    provider = assessing_a.model.provider
    provider.language = "fr"
    provider.save()
    page = _page(client, caseworker, "workspace:letter_preview", assessing_a)
    assert '<div lang="fr">' in page
    assert "Les faits" in page and "a notifié à la Commission" in page
    assert "The decision letter as it will be sent" in page  # the page itself in English


def test_an_english_provider_gets_the_reasoning_in_english(client, assessing_a, caseworker):
    page = _page(client, caseworker, "workspace:reasoning", assessing_a)
    assert 'lang="en"' in page
    assert "notified the Commission under Article 52(1) of Regulation (EU) 2024/1689" in page


def test_a_timeline_event_reads_in_each_language_from_its_stored_codes(assessing_a):
    event = CaseEvent.objects.get(case=assessing_a, action="taken_up")
    with translation.override("de"):
        assert event.label == "Zur Prüfung übernommen"
        assert event.to_state_words == "in Prüfung"
    with translation.override("fr"):
        assert event.label == "Pris en charge pour évaluation"
    assert event.label == "Taken up for assessment"
    payload = {"request": 1, "kind": "question", "due_date": "2026-12-23"}
    proposed = CaseEvent(action="information_requested", payload=payload)
    assert audit.describe(proposed) == "Request for information, due 23 December 2026"
    with translation.override("de"):
        assert audit.describe(proposed) == "Auskunftsersuchen, fällig am 23. Dezember 2026"
        assert describe("updated", {"fields": ["compute_flop", "compute_inputs"]}) == (
            "Mitteilung aktualisiert: die für das Training verwendete Rechenleistung und die "
            "Eingangsdaten der Schätzung"
        )


def test_the_filed_facts_read_in_each_language(assessing_a):
    with translation.override("de"):
        rows = dict(facts.case_facts(assessing_a).rows())
        notification = dict(facts.case_facts(assessing_a).notification_rows())
    assert "Anzahl der Parameter" in rows and "Art der Bereitstellung" in rows
    assert "Anlass" in notification and "Datum des Anlasses" in notification
    english = dict(facts.case_facts(assessing_a).rows())
    assert "Number of parameters" in english and "Release mode" in english


def test_the_time_for_observations_of_an_ex_officio_notice_is_named_in_the_letters_language():
    due = deadlines.period_for_acting(
        datetime.date(2026, 12, 1), days=30, holidays=(), label=OBSERVATIONS_LABEL
    )
    assert "time for observations set by the AI Office" in str(due.rule)
    with translation.override("de"):
        assert "Frist zur Stellungnahme" in str(due.rule)
