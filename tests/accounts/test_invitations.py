"""Invitations: the AI Office enrols a provider and invites its first member; a provider
administrator invites colleagues; a link works once, until it expires, and only its digest is
stored."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from gpai_cases.accounts.models import AccountEvent, Invitation, User, token_digest
from gpai_cases.cases.rules.members import INVITATION_UNUSABLE
from gpai_cases.cases.services import members
from gpai_cases.providers.models import Membership

from .helpers import last_link

pytestmark = pytest.mark.django_db
PASSWORD = "a long and unusual passphrase 42"


@pytest.fixture
def invite(django_capture_on_commit_callbacks):
    def send(actor, provider, email, **kw):
        with django_capture_on_commit_callbacks(execute=True):
            invitation = members.invitation_send(actor=actor, provider=provider, email=email, **kw)
        return invitation, last_link("/accounts/invitation/")

    return send


def _join(client, link, password=PASSWORD, name="Nora Neu"):
    return client.post(link, {"full_name": name, "password1": password, "password2": password})


def test_the_ai_office_enrols_a_provider_and_its_first_member_joins(
    client, caseworker, django_capture_on_commit_callbacks
):
    client.force_login(caseworker)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("workspace:enrolment"),
            {
                "form": "enrol",
                "legal_name": "Gamma AI Oy",
                "country": "FI",
                "contact_name": "Greta Gamma",
                "first_member_email": "Greta@Gamma.example",
            },
        )
    assert response.status_code == 302, response.content.decode()
    assert mail.outbox[-1].to == ["greta@gamma.example"]
    link = last_link("/accounts/invitation/")
    client.logout()
    assert client.get(link).status_code == 200
    assert _join(client, link).status_code == 302
    greta = User.objects.get(email="greta@gamma.example")
    assert greta.check_password(PASSWORD)
    membership = Membership.objects.get(user=greta)
    assert membership.provider.legal_name == "Gamma AI Oy" and membership.is_administrator
    kinds = set(AccountEvent.objects.values_list("kind", flat=True))
    assert {"provider_registered", "invitation_sent", "member_joined"} <= kinds


def test_only_the_digest_of_the_link_is_stored(office_admin, provider_a, invite):
    invitation, link = invite(office_admin, provider_a, "nora@alpha.example")
    token = link.rstrip("/").rsplit("/", 1)[1]
    assert invitation.token_digest == token_digest(token)
    assert token not in Invitation.objects.values_list("token_digest", flat=True)


def test_a_used_link_is_refused(client, office_admin, provider_a, invite):
    _, link = invite(office_admin, provider_a, "nora@alpha.example")
    assert _join(client, link).status_code == 302
    again = client.get(link)
    assert again.status_code == 404
    assert str(INVITATION_UNUSABLE) in again.content.decode()
    assert _join(client, link, password="another long passphrase 7").status_code == 404
    assert User.objects.get(email="nora@alpha.example").check_password(PASSWORD)


def test_an_expired_link_is_refused(client, office_admin, provider_a, invite):
    _, link = invite(office_admin, provider_a, "nora@alpha.example")
    with time_machine.travel(timezone.now() + datetime.timedelta(days=7, minutes=1)):
        response = _join(client, link)
    assert response.status_code == 404
    assert str(INVITATION_UNUSABLE) in response.content.decode()
    assert not User.objects.filter(email="nora@alpha.example").exists()


def test_an_unknown_link_answers_like_a_used_one(client):
    response = client.get(reverse("invitation", args=["x" * 43]))
    assert response.status_code == 404
    assert str(INVITATION_UNUSABLE) in response.content.decode()


def test_a_withdrawn_invitation_no_longer_works(client, office_admin, provider_a, invite):
    invitation, link = invite(office_admin, provider_a, "nora@alpha.example")
    members.invitation_revoke(actor=office_admin, invitation=invitation)
    assert client.get(link).status_code == 404


def test_a_weak_password_is_refused_with_the_values_kept(client, office_admin, provider_a, invite):
    _, link = invite(office_admin, provider_a, "nora@alpha.example")
    response = _join(client, link, password="password")
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page and "too common" in page
    assert 'value="Nora Neu"' in page
    assert client.get(link).status_code == 200  # the link still works


def test_a_member_without_the_administrator_flag_cannot_invite(client, member_a, provider_a):
    client.force_login(member_a)
    assert client.get(reverse("portal:member_invite")).status_code == 403
    response = client.post(reverse("portal:member_invite"), {"email": "x@alpha.example"})
    assert response.status_code == 403
    assert not Invitation.objects.exists()
    with pytest.raises(Exception, match="Only a provider administrator"):
        members.invitation_send(actor=member_a, provider=provider_a, email="x@alpha.example")


def test_a_provider_administrator_invites_in_the_portal(
    client, member_a, provider_a, django_capture_on_commit_callbacks
):
    Membership.objects.filter(user=member_a).update(is_administrator=True)
    client.force_login(member_a)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("portal:member_invite"), {"email": "Nora@Alpha.Example"})
    assert response.status_code == 302
    assert Invitation.objects.get().email == "nora@alpha.example"
    again = client.post(reverse("portal:member_invite"), {"email": "NORA@alpha.example"})
    assert "already been invited" in again.content.decode()
    assert 'value="NORA@alpha.example"' in again.content.decode()


def test_an_existing_member_is_not_invited_again_whatever_the_case(office_admin, member_a):
    from gpai_cases.core.errors import ActionRefused

    with pytest.raises(ActionRefused, match="already a member"):
        members.invitation_send(
            actor=office_admin, provider=member_a.providers.get(), email="ALICE@alpha.example"
        )


def test_an_existing_account_joins_a_second_provider_signed_in(
    client, office_admin, member_a, provider_b, invite
):
    _, link = invite(office_admin, provider_b, "Alice@Alpha.example")
    page = client.get(link).content.decode()
    assert "Sign in as alice@alpha.example" in page
    client.force_login(member_a)
    assert client.post(link).status_code == 302
    assert set(member_a.providers.values_list("legal_name", flat=True)) == {
        "Alpha Labs SE",
        "Beta Intelligence Inc.",
    }


def test_the_invitation_is_in_the_organisations_language(office_admin, provider_a, invite):
    provider_a.language = "de"
    provider_a.save(update_fields=["language"])
    invite(office_admin, provider_a, "neu@alpha.example")
    email = mail.outbox[-1]
    assert email.subject == f"Einladung zu GPAI Cases für {provider_a.legal_name}"
    assert "Folgen Sie diesem Link" in email.body and "Follow this link" not in email.body


def test_an_smtp_outage_does_not_fail_the_invitation_nor_lose_it(
    client, office_admin, provider_a, django_capture_on_commit_callbacks, monkeypatch
):
    """The e-mail is handed to a worker (which retries); with the broker down too, the error is
    logged and the invitation stays open, listed for the administrator to send again."""
    from gpai_cases.core import tasks

    def down(*args, **kwargs):
        raise OSError("Connection refused")

    monkeypatch.setattr(tasks.send_emails, "delay", down)
    monkeypatch.setattr("gpai_cases.core.mail.get_connection", down)
    with django_capture_on_commit_callbacks(execute=True):
        invitation = members.invitation_send(
            actor=office_admin, provider=provider_a, email="neu@alpha.example"
        )
    assert Invitation.objects.get(pk=invitation.pk).is_open


def test_the_admin_reads_invitations_and_account_records_but_writes_none(
    client, office_admin, provider_a, invite
):
    invitation, _ = invite(office_admin, provider_a, "neu@alpha.example")
    office_admin.is_superuser = True
    office_admin.save()
    client.force_login(office_admin)
    for model in ("invitation", "accountevent", "signinevent", "registrationrequest"):
        assert client.get(reverse(f"admin:accounts_{model}_changelist")).status_code == 200
        assert client.get(reverse(f"admin:accounts_{model}_add")).status_code == 403
    page = client.get(reverse("admin:accounts_invitation_change", args=[invitation.pk]))
    assert page.status_code == 200 and invitation.token_digest not in page.content.decode()
    delete = reverse("admin:accounts_invitation_delete", args=[invitation.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    assert Invitation.objects.filter(pk=invitation.pk).exists()
