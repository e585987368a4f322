"""Second factor by view, not by URL prefix: after a password-only sign-in, every staff URL —
workspace, publishing, admin, inbox, downloads, the API with a session — asks for the second
factor; only the views declared public or part of signing in do not."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from .test_permission_matrix import MATRIX, world  # noqa: F401  (the fixture)

pytestmark = pytest.mark.django_db

#: The views that declare themselves exempt: the public list, the API's description, health,
#: signing in and out, and a calendar feed (its secret address is the key, no session is
#: involved). Every other view asks.
EXEMPT = {
    "calendar_feed",
    "login",
    "logout",
    "healthz",
    "set_language",
    "health",
    "health_worker",
    "second_factor_setup",
    "second_factor_verify",
    "letter_verify",
    "register:list",
    "register:archive",
    "register:publication",
    "register:entry",
    "register:json",
    "register:csv",
    "register:atom",
    "register:schema",
    "api:schema",
    "api:docs",
    # accounts: resetting a password, following an invitation, asking to be registered, and
    # the pages every public service owes (accessibility, privacy, legal notice, contact)
    "password_reset",
    "password_reset_done",
    "password_reset_confirm",
    "password_reset_complete",
    "invitation",
    "registration_request",
    "accessibility",
    "privacy",
    "legal_notice",
    "contact",
}
ADMIN_URLS = ["/admin/", "/admin/cases/case/", "/admin/accounts/user/", "/admin/auditlog/logentry/"]


def _asks_for_second_factor(response, enrolled: bool) -> bool:
    if response.get("Content-Type", "").startswith("application/problem+json"):
        return response.status_code == 403 and b"second factor" in response.content
    target = "/accounts/second-factor/verify/" if enrolled else "/accounts/second-factor/setup/"
    return response.status_code == 302 and response["Location"].startswith(target)


@pytest.mark.parametrize(
    ("role", "enrolled"), [("caseworker", False), ("approver", True), ("admin", True)]
)
def test_every_staff_url_asks_for_the_second_factor_after_a_password_only_sign_in(
    client,
    world,  # noqa: F811
    role,
    enrolled,
):
    user = world["users"][role]
    if enrolled:
        TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    client.password_only(user)
    not_asked, asked_when_exempt = [], []
    for name, (args, _expected, method) in MATRIX.items():
        url_name = name.split("#")[0]
        url = reverse(url_name, args=args(world) if args else None)
        verb = method.removeprefix("api-")
        response = client.post(url) if verb == "post" else client.get(url)
        asked = _asks_for_second_factor(response, enrolled)
        if url_name in EXEMPT:
            # set-up and verify send a user between each other by themselves
            if asked and not url_name.startswith("second_factor_"):
                asked_when_exempt.append(f"{verb.upper()} {url}")
        elif not asked:
            not_asked.append(f"{verb.upper()} {url}: {response.status_code}")
    for url in ADMIN_URLS:
        if not _asks_for_second_factor(client.get(url), enrolled):
            not_asked.append(f"GET {url}")
    assert not_asked == [], "staff URLs reachable without a second factor"
    assert asked_when_exempt == [], "public or sign-in views asking for a second factor"


def test_the_walk_covers_every_url_of_the_project():
    from .test_permission_matrix import all_url_names

    assert all_url_names() <= {name.split("#")[0] for name in MATRIX}


def test_a_token_call_to_the_api_is_the_tokens_business(client, world):  # noqa: F811
    """A browser session does not stand in the way of a token: the API authenticates the token."""
    from rest_framework.authtoken.models import Token

    caseworker = world["users"]["caseworker"]
    client.password_only(caseworker)
    token = Token.objects.create(user=caseworker)
    response = client.get(reverse("api:cases"), HTTP_AUTHORIZATION=f"Token {token.key}")
    assert response.status_code == 200


def test_a_provider_without_a_device_is_not_asked(client, world):  # noqa: F811
    client.password_only(world["users"]["provider_a"])
    assert client.get(reverse("portal:home")).status_code == 200
