"""Sign-in finds the account whatever the case the e-mail address is typed in, and throttling
counts the failures of one address together whatever its case."""

from __future__ import annotations

import pytest
from django.test import override_settings
from django.urls import reverse

pytestmark = pytest.mark.django_db
PASSWORD = "correct horse battery staple"


def test_an_email_typed_in_mixed_case_signs_in(client, member_a):
    response = client.post(
        reverse("login"), {"username": "  Alice@ALPHA.example ", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert client.get(reverse("portal:home")).status_code == 200


@override_settings(AXES_ENABLED=True)
def test_changing_the_case_does_not_reset_the_failure_count(client, member_a):
    spellings = ["alice@alpha.example", "ALICE@alpha.example", "Alice@Alpha.Example"]
    for i in range(5):
        client.post(
            reverse("login"),
            {"username": spellings[i % 3], "password": "wrong"},
            REMOTE_ADDR="10.0.0.9",
        )
    locked = client.post(
        reverse("login"),
        {"username": "aLiCe@alpha.example", "password": PASSWORD},
        REMOTE_ADDR="10.0.0.9",
    )
    assert locked.status_code == 429
