"""The public letter check in the visitor's language (issue 19): the page, its form and its answer
(the letter's date and kind) in German for a German browser."""

from __future__ import annotations

import pytest

from gpai_cases.letters.verification import shown

from .kinds import KINDS, addressed

pytestmark = pytest.mark.django_db

URL = "/letters/verify/"


def test_a_german_visitor_checks_a_letter_in_german(
    client, member_a, model_a, caseworker, approver
):
    addressed(model_a.provider, caseworker, approver)
    w = {"member": member_a, "model": model_a, "caseworker": caseworker, "approver": approver}
    letter = KINDS["designation"][0](w)
    page = client.get(URL, HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert "Ein Schreiben des Büros für Künstliche Intelligenz prüfen" in page
    assert "Prüfcode" in page and "Check a letter" not in page
    answer = client.post(
        URL,
        {"reference": letter.reference, "code": shown(letter.verification_code)},
        HTTP_ACCEPT_LANGUAGE="de",
    ).content.decode()
    assert "Echt" in answer and "Montag, 20. April 2026" in answer
    assert "Monday" not in answer
