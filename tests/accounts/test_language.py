"""The language of pages and messages (issue 19): the browser's before signing in, the account's
after; the switcher changes both at once; a message is written in its reader's language; a
provider's letters default to its country's language."""

from __future__ import annotations

import datetime
import html

import pytest
import time_machine
from django.urls import reverse
from django.utils import translation

from gpai_cases.cases import services
from gpai_cases.providers.languages import default_language
from gpai_cases.reminders.models import InboxMessage

pytestmark = pytest.mark.django_db


def at(day: datetime.date):
    return time_machine.travel(datetime.datetime.combine(day, datetime.time(9), datetime.UTC))


def test_the_browsers_language_chooses_the_page_language_before_signing_in(client):
    response = client.get(reverse("login"), headers={"accept-language": "fr-FR,fr;q=0.9"})
    assert response["Content-Language"] == "fr"
    assert '<html lang="fr"' in response.content.decode()
    assert client.get(reverse("login"))["Content-Language"] == "en"


def test_a_signed_in_person_reads_their_accounts_language_whatever_the_browser(
    client, member_a, assessing_a, caseworker
):
    member_a.language = "de"
    member_a.save(update_fields=["language"])
    with at(datetime.date(2026, 12, 1)):
        request = services.information_request_send(
            actor=caseworker, case=assessing_a, questions=["Which chips?"]
        )
    client.force_login(member_a)
    with at(datetime.date(2026, 12, 2)):
        response = client.get(
            reverse("portal:case", args=[assessing_a.reference]),
            headers={"accept-language": "fr"},
        )
    body = html.unescape(response.content.decode())
    assert response["Content-Language"] == "de"
    german = request.due_rule.render("de")
    assert german.startswith("14 Tage nach Dienstag, 1. Dezember 2026 (im Auskunftsersuchen")
    assert german in body
    assert request.due_rule.render("en") not in body


def test_switching_the_language_changes_the_account_and_the_pages_at_once(client, member_a):
    client.force_login(member_a)
    home = reverse("portal:home")
    response = client.post(reverse("set_language"), {"language": "fr", "next": home})
    assert response.status_code == 302 and response["Location"] == home
    member_a.refresh_from_db()
    assert member_a.language == "fr"
    assert client.get(home)["Content-Language"] == "fr"


def test_the_switcher_refuses_an_unknown_language_and_a_foreign_next_address(client, member_a):
    client.force_login(member_a)
    response = client.post(
        reverse("set_language"), {"language": "xx", "next": "https://elsewhere.example/"}
    )
    assert response.status_code == 302 and response["Location"] == "/"
    member_a.refresh_from_db()
    assert member_a.language == ""  # unchanged: still not chosen


def test_a_signed_out_visitor_switches_with_a_cookie(client):
    client.post(reverse("set_language"), {"language": "de", "next": reverse("login")})
    assert client.get(reverse("login"))["Content-Language"] == "de"


def test_each_member_gets_the_request_message_in_their_own_language(
    member_a, assessing_a, caseworker, provider_a
):
    from tests.factories import UserFactory

    colleague = UserFactory(email="bruno@alpha.example", language="fr")
    provider_a.memberships.create(user=colleague)
    member_a.language = "de"
    member_a.save(update_fields=["language"])
    with at(datetime.date(2026, 12, 1)):
        request = services.information_request_send(
            actor=caseworker, case=assessing_a, questions=["Which chips?"]
        )
    german = InboxMessage.objects.get(user=member_a, case=assessing_a, due_date__isnull=False)
    french = InboxMessage.objects.get(user=colleague, case=assessing_a, due_date__isnull=False)
    with translation.override("de"):
        assert str(request.due_rule) in german.body
    with translation.override("fr"):
        assert str(request.due_rule) in french.body
    assert request.due_rule.render("en") not in german.body + french.body


@pytest.mark.parametrize(
    ("country", "language"), [("DE", "de"), ("FR", "fr"), ("AT", "de"), ("US", "en"), ("", "en")]
)
def test_a_providers_letters_default_to_its_countrys_language(country, language):
    assert default_language(country) == language


def test_a_provider_may_choose_the_language_of_its_letters(provider_a):
    provider_a.country = "DE"
    provider_a.language = ""  # not chosen (the test factory chooses English)
    assert provider_a.letter_language == "de"
    provider_a.language = "fr"
    assert provider_a.letter_language == "fr"


def test_the_case_page_reads_in_each_readers_language(client, assessing_a, caseworker, caseworker2):
    """Two caseworkers read the same case page (its body is a cached fragment) a moment apart."""
    from tests.conftest import SignedInClient

    caseworker2.language = "de"
    caseworker2.save(update_fields=["language"])
    with at(datetime.date(2026, 12, 1)):
        request = services.information_request_send(
            actor=caseworker, case=assessing_a, questions=["Which chips?"]
        )
    url = reverse("workspace:case", args=[assessing_a.reference])
    client.force_login(caseworker)
    other = SignedInClient()
    other.force_login(caseworker2)
    with at(datetime.date(2026, 12, 2)):
        english = html.unescape(client.get(url).content.decode())
        german = html.unescape(other.get(url).content.decode())
    assert request.due_rule.render("en") in english
    assert request.due_rule.render("de") in german


def test_a_cached_fragment_is_kept_per_language():
    from gpai_cases.core.fragments import fragment_key

    keys = set()
    for language in ("en", "fr", "de"):
        with translation.override(language):
            keys.add(fragment_key("workspace/_case_body.html", 7, ["GPAI-2026-0001"]))
    assert len(keys) == 3


def test_a_person_who_never_chose_keeps_the_language_they_signed_in_with(client, member_a):
    assert member_a.language == ""  # not chosen
    response = client.post(
        reverse("login"),
        {"username": member_a.email, "password": "correct horse battery staple"},
        headers={"accept-language": "fr-FR,fr;q=0.9"},
    )
    assert response.status_code == 302
    member_a.refresh_from_db()
    assert member_a.language == "fr"
    # the pages follow at once, whatever the browser says next; e-mails follow the account
    page = client.get(reverse("portal:home"), headers={"accept-language": "de"})
    assert page["Content-Language"] == "fr"


def test_a_chosen_language_is_not_replaced_by_the_browsers_at_sign_in(client, member_a):
    member_a.language = "de"
    member_a.save(update_fields=["language"])
    client.post(
        reverse("login"),
        {"username": member_a.email, "password": "correct horse battery staple"},
        headers={"accept-language": "fr"},
    )
    member_a.refresh_from_db()
    assert member_a.language == "de"
