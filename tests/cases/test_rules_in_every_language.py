"""A refusal is one sentence per language (issue 19): the same guard, called with another language
active, gives the whole sentence in that language, with the verb where that language puts it."""

from __future__ import annotations

from datetime import date

import pytest
from django.utils import translation

from gpai_cases.cases import rules
from gpai_cases.cases.models import State


@pytest.mark.django_db
def test_a_state_refusal_reads_in_english_french_and_german_from_the_same_call(submitted_a):
    assert submitted_a.state == State.SUBMITTED
    said = {}
    for language in ("en", "fr", "de"):
        with translation.override(language):
            said[language] = rules.approve_blockers(submitted_a, user=None)[0]
    assert said["en"] == (
        "You cannot approve: the case has been submitted and awaits a caseworker."
    )
    assert said["fr"] == (
        "Vous ne pouvez pas approuver : le dossier a été soumis et attend un gestionnaire."
    )
    assert said["de"] == (
        "Sie können nicht genehmigen: Das Verfahren wurde eingereicht und wartet auf eine/n "
        "Sachbearbeiter/in."
    )


@pytest.mark.django_db
def test_a_refusal_with_a_date_writes_the_date_in_the_readers_language():
    today = date(2026, 12, 2)
    with translation.override("de"):
        (said,) = rules.request_due_date_problems(date(2028, 1, 1), today=today)
    assert said.startswith("Die Frist kann nicht nach dem ")
    assert "Dezember 2027" in said or "Dez. 2027" in said or "Dez 2027" in said
    with translation.override("en"):
        (said,) = rules.request_due_date_problems(date(2028, 1, 1), today=today)
    assert said == "The due date cannot be later than Fri 3 Dec 2027."


def test_the_withdrawal_title_is_a_sentence_per_kind():
    from gpai_cases.workspace.views.requests import WITHDRAW_TITLES

    with translation.override("de"):
        assert str(WITHDRAW_TITLES["question"]) == "Das Auskunftsersuchen zurücknehmen?"
    with translation.override("fr"):
        assert str(WITHDRAW_TITLES["hearing"]).startswith("Retirer l'audition")
