"""The provider's door in the reader's language (issue 19): sign-in, the wizard and its refusals,
the compute parser's errors, and a switch of language that changes the next page at once."""

from __future__ import annotations

import html

import pytest
from django.urls import reverse
from django.utils import translation

from gpai_cases.providers.compute import FlopParseError, parse_flop

pytestmark = pytest.mark.django_db


def text(response) -> str:
    return html.unescape(response.content.decode())


def test_the_sign_in_page_is_in_french_for_a_french_browser(client):
    page = text(client.get(reverse("login"), headers={"accept-language": "fr-FR,fr;q=0.9"}))
    assert "Se connecter" in page and "Adresse électronique" in page
    assert "Mot de passe oublié ?" in page and "Forgot your password?" not in page


def test_the_wizard_and_its_refusal_are_in_the_accounts_language(client, member_a, model_a):
    member_a.language = "fr"
    member_a.save(update_fields=["language"])
    client.force_login(member_a)
    url = reverse("portal:notify", args=[model_a.pk])
    page = text(client.get(url))
    assert "Quand le seuil a été atteint" in page and "Étapes de la notification" in page
    assert "When the threshold was met" not in page
    refused = text(client.post(url, {"trigger_type": "met", "trigger_date": ""}))
    assert "À quelle date" in refused  # the field named in French in the error summary
    assert "Ce champ est obligatoire." in refused
    assert "This field is required." not in refused


def test_the_evidence_step_has_a_secondary_upload_and_a_primary_continue(client, member_a, draft_a):
    client.force_login(member_a)
    page = text(client.get(reverse("portal:wizard", args=[draft_a.reference, "evidence"])))
    upload = page.index("Upload this document")
    go_on = page.index("Continue to the arguments")
    assert upload < go_on
    assert "ecl-button--secondary" in page[page.rindex("<button", 0, upload) : upload]
    assert "ecl-button--primary" in page[page.rindex("<button", 0, go_on) : go_on]


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("en", "Enter the training compute in FLOP."),
        ("fr", "Saisissez la puissance de calcul utilisée pour l'entraînement, en FLOP."),
        ("de", "Geben Sie die für das Training verwendete Rechenleistung in FLOP ein."),
    ],
)
def test_the_compute_parser_refuses_in_the_readers_language(language, words):
    with translation.override(language), pytest.raises(FlopParseError) as refused:
        parse_flop("  ")
    assert str(refused.value).startswith(words)


def test_switching_the_language_changes_the_next_page_at_once(client, member_a):
    client.force_login(member_a)
    members = reverse("portal:members")
    assert "Members of" in text(client.get(members))
    client.post(reverse("set_language"), {"language": "de", "next": members})
    page = text(client.get(members))
    assert "Mitglieder von" in page and "Members of" not in page
