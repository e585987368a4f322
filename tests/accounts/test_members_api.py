"""The API's members and invitations: what a provider's own system sees and does, with the
same permissions as the portal's account pages."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from gpai_cases.accounts.models import Invitation
from gpai_cases.providers.models import Membership

from ..factories import UserFactory

pytestmark = pytest.mark.django_db


def _api(user) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.get_or_create(user=user)[0].key}")
    return client


def test_a_member_lists_its_providers_members_and_not_anothers(member_a, member_b, provider_b):
    api = _api(member_a)
    listed = api.get(reverse("api:provider-members", args=[member_a.providers.get().pk])).json()
    assert [m["email"] for m in listed["results"]] == ["alice@alpha.example"]
    assert api.get(reverse("api:provider-members", args=[provider_b.pk])).status_code == 404


def test_an_administrator_invites_through_the_api_and_the_link_goes_by_mail_only(
    member_a, provider_a, django_capture_on_commit_callbacks
):
    Membership.objects.filter(user=member_a).update(is_administrator=True)
    url = reverse("api:provider-invitations", args=[provider_a.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = _api(member_a).post(url, {"email": "Nora@Alpha.example"}, format="json")
    assert response.status_code == 201, response.content
    assert response.json()["email"] == "nora@alpha.example"
    assert (
        "token" not in response.content.decode() and "invitation/" not in response.content.decode()
    )
    assert mail.outbox[-1].to == ["nora@alpha.example"]
    again = _api(member_a).post(url, {"email": "nora@alpha.example"}, format="json")
    assert again.status_code == 409
    assert "already been invited" in again.json()["detail"]


def test_a_member_without_the_flag_is_refused_by_the_api(member_a, provider_a):
    url = reverse("api:provider-invitations", args=[provider_a.pk])
    response = _api(member_a).post(url, {"email": "nora@alpha.example"}, format="json")
    assert response.status_code == 403
    assert "Only a provider administrator" in response.json()["detail"]
    assert not Invitation.objects.exists()


def test_an_administrator_removes_a_member_through_the_api(member_a, provider_a):
    Membership.objects.filter(user=member_a).update(is_administrator=True)
    colleague = UserFactory(email="carl@alpha.example", provider=provider_a)
    membership = Membership.objects.get(user=colleague)
    response = _api(member_a).post(reverse("api:membership-remove", args=[membership.pk]))
    assert response.status_code == 204
    colleague.refresh_from_db()
    assert not colleague.is_active
    # the removed member's own token no longer works
    assert _api(colleague).get(reverse("api:cases")).status_code == 401
