"""Backup codes (django-otp's static device): made at enrolment and shown once, each works once
instead of the authenticator app's code, and a new set replaces the old one after a confirmation."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from .test_security import code_for, sign_in

pytestmark = pytest.mark.django_db


def _enrol(client, user) -> list[str]:
    sign_in(client, user.email)
    client.get(reverse("second_factor_setup"))
    device = TOTPDevice.objects.get(user=user)
    page = client.post(reverse("second_factor_setup"), {"token": code_for(device), "next": "/"})
    return re.findall(
        r'<code class="secret">([a-z2-7]{4}-[a-z2-7]{4})</code>', page.content.decode()
    )


def test_enrolment_gives_ten_backup_codes_shown_once(client, caseworker):
    codes = _enrol(client, caseworker)
    assert len(codes) == 10 and len(set(codes)) == 10
    assert StaticDevice.objects.get(user=caseworker).token_set.count() == 10
    page = client.get(reverse("second_factor_backup_codes"))
    assert b"You have 10 unused backup codes" in page.content
    assert not any(c.encode() in page.content for c in codes)


def test_a_lost_phone_does_not_lock_out_a_backup_code_works_once(client, caseworker):
    codes = _enrol(client, caseworker)
    client.post(reverse("logout"))
    sign_in(client, caseworker.email)
    assert "/second-factor/verify/" in client.get(reverse("workspace:queue"))["Location"]
    used = client.post(reverse("second_factor_verify"), {"token": codes[0].upper(), "next": "/"})
    assert used.status_code == 302
    assert client.get(reverse("workspace:queue")).status_code == 200
    client.post(reverse("logout"))
    sign_in(client, caseworker.email)
    StaticDevice.objects.filter(user=caseworker).update(throttling_failure_count=0)
    again = client.post(reverse("second_factor_verify"), {"token": codes[0], "next": "/"})
    assert again.status_code == 200 and b"That code is not right" in again.content
    assert StaticDevice.objects.get(user=caseworker).token_set.count() == 9


def test_new_backup_codes_replace_the_old_ones_after_a_confirmation(client, caseworker):
    old = _enrol(client, caseworker)
    unconfirmed = client.post(reverse("second_factor_backup_codes"), {})
    assert b"You have 10 unused backup codes" in unconfirmed.content
    page = client.post(reverse("second_factor_backup_codes"), {"confirm": "yes"})
    new = re.findall(r"<code class=\"secret\">([a-z2-7-]{9})</code>", page.content.decode())
    assert len(new) == 10 and not set(new) & set(old)
    tokens = set(
        StaticDevice.objects.get(user=caseworker).token_set.values_list("token", flat=True)
    )
    assert tokens == {c.replace("-", "") for c in new}
