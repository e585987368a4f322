"""A hearing is called a hearing everywhere it is listed, not only in the timeline: the case
pages' request lists, the letters, the inboxes (issue 17)."""

from __future__ import annotations

import html
import re

import pytest
from django.urls import reverse

from gpai_cases.cases import services

pytestmark = pytest.mark.django_db


@pytest.fixture
def hearing(assessing_a, caseworker):
    return services.information_request_send(
        actor=caseworker, case=assessing_a, kind="hearing", draft_reasoning="We designate."
    )


def _text(response) -> str:
    html = response.content.decode()
    html = re.sub(r"<section[^>]*timeline.*?</section>", "", html, flags=re.S)
    return re.sub(r"<[^>]+>", " ", html)


def _mentions_of_a_request(text: str) -> list[str]:
    return [
        " ".join(text[m.start() - 80 : m.end() + 40].split())
        for m in re.finditer(r"[Rr]equest for information", text)
    ]


def test_a_hearing_is_not_called_a_request_for_information_on_the_case_pages_or_inbox(
    client, hearing, caseworker, member_a
):
    case = hearing.case
    client.force_login(caseworker)
    office = _text(client.get(reverse("workspace:case", args=[case.reference])))
    assert "Hearing on a draft decision" in office
    assert "period set in the hearing letter (right to be heard)" in office
    assert "The hearing is still open" in office
    assert _mentions_of_a_request(office) == []
    client.force_login(member_a)
    provider = _text(client.get(reverse("portal:case", args=[case.reference])))
    inbox = _text(client.get(reverse("inbox")))
    assert "period set in the hearing letter (right to be heard)" in provider + inbox
    # the provider's page explains in general what may come: a request, then a hearing
    assert [m for m in _mentions_of_a_request(provider) if "Answer any request" not in m] == []
    assert _mentions_of_a_request(inbox) == []


def test_a_request_for_information_keeps_its_name(client, assessing_a, caseworker):
    services.information_request_send(actor=caseworker, case=assessing_a, questions=["Q?"])
    client.force_login(caseworker)
    office = _text(client.get(reverse("workspace:case", args=[assessing_a.reference])))
    assert "period set in the request for information" in office
    assert "A request for information is still open" in office


def test_the_case_page_and_its_choice_labels_speak_french_and_german(client, hearing, caseworker):
    url = reverse("workspace:case", args=[hearing.case.reference])
    caseworker.language = "fr"
    caseworker.save(update_fields=["language"])
    client.force_login(caseworker)
    french = html.unescape(client.get(url).content.decode())
    assert "Ce que vous pouvez faire" in french and "En cours d'évaluation" in french
    assert "Audition sur un projet de décision (droit d'être entendu)" in french
    assert "délai fixé dans la lettre d'audition (droit d'être entendu)" in french
    caseworker.language = "de"
    caseworker.save(update_fields=["language"])
    german = html.unescape(client.get(url).content.decode())
    assert "Was Sie tun können" in german and "In Prüfung" in german
    assert "Anhörung zu einem Beschlussentwurf" in german
