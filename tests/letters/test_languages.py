"""Letters in the addressee's language (issue 19): the provider's letter language when the
letters are complete in it, English otherwise, and the caseworker is told before sending."""

from __future__ import annotations

import datetime
import re

import pytest
import time_machine
from django.urls import reverse
from django.utils import translation

from gpai_cases.cases import services
from gpai_cases.letters.languages import fallback_warning, language_of_letters
from gpai_cases.letters.models import Letter, LetterKind, LetterWording
from gpai_cases.letters.rendering import render_html
from gpai_cases.letters.wording import wording

pytestmark = pytest.mark.django_db

SUBMITTED = datetime.datetime(2026, 12, 1, 9, 30, tzinfo=datetime.UTC)  # Tuesday, 10:30 Brussels


def _text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def _acknowledgement(provider, member, draft, language):
    provider.language = language
    provider.save()
    with time_machine.travel(SUBMITTED):
        case = services.case_submit(actor=member, case=draft)
        return Letter.objects.get(case=case, kind=LetterKind.ACKNOWLEDGEMENT)


def test_a_german_provider_receives_its_acknowledgement_in_german(provider_a, member_a, draft_a):
    letter = _acknowledgement(provider_a, member_a, draft_a, "de")
    html = render_html(letter)
    text = _text(html)
    assert '<html lang="de">' in html
    assert "Eingangsbestätigung Ihrer Mitteilung nach Artikel 52 Absatz 1" in text
    assert "eingereicht am Dienstag, 1. Dezember 2026, 10:30 Uhr (Brüsseler Zeit)" in text
    assert "Büro für Künstliche Intelligenz" in text
    assert "Für das Training verwendete Rechenleistung 3,2 × 10^25 FLOP" in text
    assert "Brüssel, Dienstag, 1. Dezember 2026" in text
    assert "Mit freundlichen Grüßen" in text
    for english in ("acknowledges receipt", "Yours faithfully", "December", "What happens next"):
        assert english not in text
    assert translation.get_language() == "en"  # the letter's language does not leak


def test_a_french_provider_receives_its_acknowledgement_in_french(provider_a, member_a, draft_a):
    text = _text(render_html(_acknowledgement(provider_a, member_a, draft_a, "fr")))
    assert "Accusé de réception de votre notification au titre de l'article 52, paragraphe 1" in (
        text.replace("&#x27;", "'")
    )
    assert "déposée le mardi 1 décembre 2026, à 10:30 (heure de Bruxelles)" in text
    assert "3,2 × 10^25 FLOP" in text and "Bureau de l" in text


def test_the_legal_wording_is_kept_per_language(db):
    assert "Nichtigkeitsklage" in wording("redress", "de")[0]
    assert "Artikel 263" in wording("redress", "de")[0]
    assert "recours en annulation" in wording("redress", "fr")[0]
    assert "Article 263" in wording("redress", "en")[0]
    with translation.override("de"):
        assert "Gericht der Europäischen Union" in wording("redress")[0]
    # a language without its own row quotes the English one
    assert wording("redress", "it") == wording("redress", "en")


def test_a_language_without_complete_letters_falls_back_to_english_and_says_so(
    provider_a, member_a, draft_a
):
    letter = _acknowledgement(provider_a, member_a, draft_a, "it")
    assert language_of_letters(provider_a) == "en"
    text = _text(render_html(letter))
    assert "Acknowledgement of receipt of your notification under Article 52(1)" in text
    assert "Tuesday 1 December 2026, 10:30" in text
    assert fallback_warning(provider_a) == (
        "This letter will be sent in English: no Italian translation."
    )
    provider_a.language = "de"
    assert fallback_warning(provider_a) is None


def test_german_letters_fall_back_when_a_german_wording_is_missing(provider_a):
    provider_a.language = "de"
    assert language_of_letters(provider_a) == "de"
    LetterWording.objects.filter(key="redress", language="de").delete()
    assert language_of_letters(provider_a) == "en"
    assert "no German translation" in fallback_warning(provider_a)


def test_the_caseworker_is_warned_before_sending_a_letter_in_english(
    client, provider_a, assessing_a, caseworker
):
    provider_a.language = "it"
    provider_a.save()
    client.force_login(caseworker)
    page = client.get(reverse("workspace:request_information", args=[assessing_a.reference]))
    assert page.status_code == 200
    body = page.content.decode()
    assert "This letter will be sent in English: no Italian translation." in body
    assert "ecl-notification--warning" in body
    provider_a.language = "de"
    provider_a.save()
    page = client.get(reverse("workspace:request_information", args=[assessing_a.reference]))
    assert "This letter will be sent in English" not in page.content.decode()


def test_a_german_reader_is_told_in_german_that_the_letter_is_ready(
    provider_a, member_a, draft_a, django_capture_on_commit_callbacks
):
    from gpai_cases.reminders.models import InboxMessage

    member_a.language = "de"
    member_a.save()
    provider_a.language = "de"
    provider_a.save()
    with time_machine.travel(SUBMITTED), django_capture_on_commit_callbacks(execute=True):
        case = services.case_submit(actor=member_a, case=draft_a)
    ready = InboxMessage.objects.get(user=member_a, kind="letter_ready", case=case)
    assert ready.subject.startswith(f"Verfahren {case.reference}: Ein Schreiben liegt vor")
    assert "Eingangsbestätigung" in ready.subject
    assert "Lesen Sie es im Portal" in ready.body


def test_the_seeded_signatory_and_contact_point_are_in_the_letters_language(
    provider_a, member_a, draft_a
):
    """The settings' own wording is translated; what the AI Office typed is printed as typed."""
    from gpai_cases.letters.models import LetterSettings

    text = _text(render_html(_acknowledgement(provider_a, member_a, draft_a, "de")))
    assert "1049 Brüssel, Belgien" in text and "European Commission" not in text
    config = LetterSettings.current()
    config.contact_point = "Unit A.1, Rue de la Loi 200"
    config.save()
    letter = Letter.objects.get(case__model__provider=provider_a, kind=LetterKind.ACKNOWLEDGEMENT)
    assert "Unit A.1, Rue de la Loi 200" in _text(render_html(letter))
