"""The API answers in the caller's language (their account's, else Accept-Language): problem
titles and details are the service's sentences, translated like the pages."""

from __future__ import annotations

import pytest
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db


def _client(user):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    return client


def test_a_german_callers_not_found_is_in_german(member_a):
    member_a.language = "de"
    member_a.save(update_fields=["language"])
    answer = _client(member_a).get(reverse("api:case", args=["GPAI-2099-9999"]))
    assert answer.status_code == 404
    body = answer.json()
    assert body["title"] == "Nicht gefunden"
    assert "nicht" in body["detail"] and "object" not in body["detail"]


def test_an_english_callers_not_found_stays_english(member_a):
    answer = _client(member_a).get(reverse("api:case", args=["GPAI-2099-9999"]))
    assert answer.json()["title"] == "Not found"
