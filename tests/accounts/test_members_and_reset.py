"""Removing members (who can then no longer sign in), the organisation's details, acting for one
of several providers, password reset by e-mail, and the public pages in every footer."""

from __future__ import annotations

import datetime
import re

import pytest
import time_machine
from django.core import mail
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from gpai_cases.accounts.models import AccountEvent
from gpai_cases.accounts.pages import RESETS_PER_ADDRESS
from gpai_cases.providers.models import Membership

from ..factories import UserFactory
from .helpers import last_link

pytestmark = pytest.mark.django_db
PASSWORD = "correct horse battery staple"
NEW = "a long and unusual passphrase 42"


@pytest.fixture(autouse=True)
def _no_throttle_left_over():
    cache.clear()


@pytest.fixture
def admin_a(member_a):
    Membership.objects.filter(user=member_a).update(is_administrator=True)
    return member_a


def test_a_removed_member_can_no_longer_sign_in(client, admin_a, provider_a):
    colleague = UserFactory(email="carl@alpha.example", provider=provider_a)
    client.force_login(admin_a)
    membership = Membership.objects.get(user=colleague)
    assert client.post(reverse("portal:member_remove", args=[membership.pk])).status_code == 302
    colleague.refresh_from_db()
    assert not colleague.is_active
    other = client.__class__()
    response = other.post(reverse("login"), {"username": colleague.email, "password": PASSWORD})
    assert response.status_code == 200  # the form again: no sign-in
    event = AccountEvent.objects.get(kind="member_removed")
    assert (event.actor, event.subject) == (admin_a, "carl@alpha.example")


def test_an_administrator_cannot_remove_themselves(client, admin_a):
    client.force_login(admin_a)
    membership = Membership.objects.get(user=admin_a)
    response = client.post(reverse("portal:member_remove", args=[membership.pk]))
    assert "You cannot remove yourself" in response.content.decode()
    assert Membership.objects.filter(pk=membership.pk).exists()


def test_the_administrator_keeps_the_postal_address_up_to_date(client, admin_a, provider_a):
    client.force_login(admin_a)
    response = client.post(
        reverse("portal:details"),
        {
            "contact_name": "Alice Martin",
            "contact_email": "legal@alpha.example",
            "street_address": "1 rue de l'IA",
            "postal_code": "75001",
            "city": "Paris",
            "language": "fr",
        },
    )
    assert response.status_code == 302
    provider_a.refresh_from_db()
    assert (provider_a.city, provider_a.language) == ("Paris", "fr")
    changes = AccountEvent.objects.get(kind="details_changed").detail["changes"]
    assert changes["city"] == ["", "Paris"]


def test_a_member_without_the_flag_reads_the_details_but_cannot_change_them(
    client, member_a, provider_a
):
    client.force_login(member_a)
    assert (
        "A provider administrator changes" in client.get(reverse("portal:details")).content.decode()
    )
    assert client.post(reverse("portal:details"), {"city": "Lyon"}).status_code == 403


def test_a_representative_of_two_providers_sees_only_the_chosen_ones_cases(
    client, member_a, provider_b, draft_a
):
    Membership.objects.create(user=member_a, provider=provider_b)
    client.force_login(member_a)
    home = client.get(reverse("portal:home")).content.decode()
    assert "Acting for <strong>Alpha Labs SE</strong>" in home and draft_a.reference in home
    client.post(reverse("portal:acting_for"), {"provider": provider_b.pk})
    home = client.get(reverse("portal:home")).content.decode()
    assert "Acting for <strong>Beta Intelligence Inc.</strong>" in home
    assert draft_a.reference not in home
    # a case of the other provider (a link in a message) acts for that one, and says so
    page = client.get(reverse("portal:case", args=[draft_a.reference])).content.decode()
    assert "Acting for <strong>Alpha Labs SE</strong>" in page


def test_acting_for_a_provider_one_is_not_a_member_of_is_refused(client, member_a, provider_b):
    client.force_login(member_a)
    response = client.post(reverse("portal:acting_for"), {"provider": provider_b.pk})
    assert response.status_code == 200 and "There is a problem" in response.content.decode()


def _ask_reset(client, email):
    return client.post(reverse("password_reset"), {"email": email}, follow=True)


def _page(response) -> bytes:
    """The answer without its CSRF token (masked afresh on every response, as Django does)."""
    return re.sub(rb'name="csrfmiddlewaretoken" value="[^"]+"', b"", response.content)


def test_a_reset_for_an_unknown_address_answers_exactly_like_a_known_one(client, member_a):
    known = _ask_reset(client, "alice@alpha.example")
    unknown = _ask_reset(client, "nobody@nowhere.example")
    assert known.redirect_chain == unknown.redirect_chain
    assert _page(known) == _page(unknown)
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["alice@alpha.example"]


def test_a_reset_link_works_once(client, member_a):
    _ask_reset(client, "Alice@Alpha.example")  # found whatever the case
    link = last_link("/accounts/password-reset/")
    form = client.get(link, follow=True)
    assert "Choose a new password" in form.content.decode()
    set_url = form.redirect_chain[-1][0]
    assert client.post(set_url, {"new_password1": NEW, "new_password2": NEW}).status_code == 302
    member_a.refresh_from_db()
    assert member_a.check_password(NEW)
    again = client.get(link, follow=True)
    assert "This link does not work" in again.content.decode()


def test_an_expired_reset_link_is_refused(client, member_a):
    _ask_reset(client, "alice@alpha.example")
    link = last_link("/accounts/password-reset/")
    with time_machine.travel(timezone.now() + datetime.timedelta(days=4)):
        page = client.get(link, follow=True)
    assert "This link does not work" in page.content.decode()


def test_resets_are_throttled_with_the_same_answer(client, member_a):
    answers = [_ask_reset(client, "alice@alpha.example") for _ in range(RESETS_PER_ADDRESS + 2)]
    assert len(mail.outbox) == RESETS_PER_ADDRESS
    assert len({_page(a) for a in answers}) == 1


def test_a_weak_new_password_is_refused(client, member_a):
    _ask_reset(client, "alice@alpha.example")
    form = client.get(last_link("/accounts/password-reset/"), follow=True)
    response = client.post(
        form.redirect_chain[-1][0], {"new_password1": "12345678", "new_password2": "12345678"}
    )
    assert response.status_code == 200 and "There is a problem" in response.content.decode()


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("accessibility", "How we tested it"),
        ("privacy", "How long we keep it"),
        ("legal_notice", "Legal notice"),
        ("contact", "Postal address"),
    ],
)
def test_the_public_pages_are_linked_from_every_footer(client, name, words):
    page = client.get(reverse(name)).content.decode()
    assert words in page
    footer = client.get(reverse("login")).content.decode().split("<footer")[1]
    assert f'href="{reverse(name)}"' in footer


def test_a_provider_asks_to_be_registered_and_the_office_sees_it(client, caseworker):
    bad = client.post(
        reverse("registration_request"),
        {
            "legal_name": "Delta Inc.",
            "country": "US",
            "contact_name": "Dan",
            "contact_email": "d@x",
        },
    )
    assert "authorised representative" in bad.content.decode()
    assert 'value="Delta Inc."' in bad.content.decode()
    ok = client.post(
        reverse("registration_request"),
        {
            "legal_name": "Delta Inc.",
            "country": "US",
            "eu_representative": "Delta EU SRL, Milan",
            "contact_name": "Dan Delta",
            "contact_email": "Dan@Delta.example",
        },
    )
    assert "Your request is received" in ok.content.decode()
    client.force_login(caseworker)
    assert "Delta Inc." in client.get(reverse("workspace:enrolment")).content.decode()
