"""Sign-in security: second factor for the AI Office, login throttling, audit of sign-ins, CSP,
production settings."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from django.test import override_settings
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from gpai_cases.accounts.models import SignInEvent

pytestmark = pytest.mark.django_db
PASSWORD = "correct horse battery staple"


def sign_in(client, email, password=PASSWORD):
    return client.post(
        reverse("login"), {"username": email, "password": password}, REMOTE_ADDR="10.0.0.7"
    )


def code_for(device: TOTPDevice) -> str:
    device.refresh_from_db()
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


@override_settings(GPAI_REQUIRE_SECOND_FACTOR=True)
def test_caseworker_enrols_a_second_factor_at_first_sign_in_then_must_verify_it(client, caseworker):
    sign_in(client, caseworker.email)
    response = client.get(reverse("home"))
    assert response.status_code == 302 and "/accounts/second-factor/setup/" in response["Location"]
    setup = client.get(response["Location"])
    assert b"<svg" in setup.content and b"Key:" in setup.content
    device = TOTPDevice.objects.get(user=caseworker)
    wrong = client.post(reverse("second_factor_setup"), {"token": "000000", "next": "/"})
    assert b"That code is not right" in wrong.content
    device.refresh_from_db()
    device.throttle_reset()  # django-otp slows down guessing after a wrong code; time passes
    ok = client.post(reverse("second_factor_setup"), {"token": code_for(device), "next": "/"})
    assert ok.status_code == 200 and b"Your backup codes" in ok.content  # shown once, at once
    assert client.get(reverse("workspace:queue")).status_code == 200
    # Next session: verify, not enrol.
    client.post(reverse("logout"))
    sign_in(client, caseworker.email)
    response = client.get(reverse("home"))
    assert "/accounts/second-factor/verify/" in response["Location"]
    device.refresh_from_db()
    device.last_t = -1  # allow the same time step again in this fast test
    device.save()
    assert (
        client.post(
            reverse("second_factor_verify"), {"token": code_for(device), "next": "/"}
        ).status_code
        == 302
    )
    assert client.get(reverse("workspace:queue")).status_code == 200
    kinds = list(
        SignInEvent.objects.filter(user=caseworker)
        .order_by("at", "id")
        .values_list("kind", flat=True)
    )
    assert kinds == [
        "signed_in",
        "second_factor_failed",
        "second_factor_enrolled",
        "signed_out",
        "signed_in",
        "second_factor_verified",
    ]


@override_settings(GPAI_REQUIRE_SECOND_FACTOR=True)
def test_providers_need_no_second_factor_unless_they_opt_in(client, member_a):
    sign_in(client, member_a.email)
    assert client.get(reverse("home")).status_code in (200, 302)
    assert "second-factor" not in client.get(reverse("home")).get("Location", "")
    TOTPDevice.objects.create(user=member_a, name="phone", confirmed=True)
    client.post(reverse("logout"))
    sign_in(client, member_a.email)
    assert "/accounts/second-factor/verify/" in client.get(reverse("home"))["Location"]


@override_settings(AXES_ENABLED=True)
def test_repeated_failed_sign_ins_lock_the_account_and_are_recorded(client, member_a):
    for _ in range(5):
        response = sign_in(client, member_a.email, "wrong password")
    assert response.status_code == 429
    assert b"Too many failed sign-in attempts" in response.content
    locked = sign_in(client, member_a.email)  # even the right password is refused now
    assert locked.status_code == 429
    assert SignInEvent.objects.filter(kind="failed", username=member_a.email).count() >= 5
    assert SignInEvent.objects.filter(kind="locked_out").exists()


def test_a_failed_sign_in_is_recorded_with_the_address(client, member_a):
    sign_in(client, member_a.email, "nope")
    event = SignInEvent.objects.get(kind="failed")
    assert event.username == member_a.email
    assert event.ip_address == "10.0.0.7"


def test_pages_carry_a_content_security_policy_without_unsafe_inline(client):
    response = client.get(reverse("login"))
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy


def test_production_settings_pass_the_deploy_check_and_harden_cookies():
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}  # set by e2e
    env.update(
        DJANGO_SETTINGS_MODULE="gpai_cases.settings.production",
        DJANGO_SECRET_KEY="x" * 20 + "-a-long-random-production-secret-key-for-the-check",
        DJANGO_ALLOWED_HOSTS="gpai-cases.example.eu",
    )
    check = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert check.returncode == 0, check.stdout + check.stderr
    probe = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.conf import settings as s; "
            "print(s.SESSION_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY, s.CSRF_COOKIE_SECURE, "
            "s.PASSWORD_HASHERS[0].rsplit('.', 1)[-1], s.DEBUG)",
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert probe.stdout.split() == ["True", "True", "True", "Argon2PasswordHasher", "False"], (
        probe.stderr
    )
