"""A provider's members: enrolment by the AI Office, invitations (single-use, expiring links),
joining, removal, the organisation's details, and the public request to be registered. Each
change is recorded in :class:`AccountEvent` (who did what). Guards: :mod:`..rules.members`;
permissions: :mod:`gpai_cases.providers.access`. Not re-exported by the package: import this
module by name."""

from __future__ import annotations

from typing import Any

from auditlog.context import set_actor
from django.conf import settings
from django.contrib.auth import password_validation
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from gpai_cases.accounts.models import (
    AccountEvent,
    AccountEventKind,
    Invitation,
    RegistrationRequest,
    RegistrationRequestStatus,
    Role,
    User,
    token_digest,
)
from gpai_cases.core.errors import refuse_if
from gpai_cases.core.permissions import require
from gpai_cases.providers.access import may_enrol_providers, may_manage_members
from gpai_cases.providers.models import Membership, Provider
from gpai_cases.providers.services import provider_create

from ..rules import members as rules

__all__ = [
    "DETAIL_FIELDS",
    "invitation_accept",
    "invitation_find",
    "invitation_revoke",
    "invitation_send",
    "member_remove",
    "provider_details_update",
    "provider_enrol",
    "record",
    "registration_request_file",
]

#: What a provider administrator keeps up to date (what letters are addressed to).
DETAIL_FIELDS = (
    "contact_name",
    "contact_email",
    "street_address",
    "postal_code",
    "city",
    "language",
    "eu_representative",
)


def record(
    kind: str,
    *,
    actor: Any = None,
    provider: Provider | None = None,
    subject: str = "",
    **detail: Any,
) -> AccountEvent:
    return AccountEvent.objects.create(
        kind=kind,
        actor=actor if getattr(actor, "pk", None) else None,
        provider=provider,
        subject=subject[:254],
        detail=detail,
    )


def _mail_invitation(invitation: Invitation, token: str) -> None:
    link = settings.GPAI_SITE_URL.rstrip("/") + reverse("invitation", args=[token])
    context = {"invitation": invitation, "link": link, "provider": invitation.provider}
    subject = gettext("Invitation to GPAI Cases for {provider}").format(
        provider=invitation.provider
    )
    body = render_to_string("registration/invitation_email.txt", context)
    transaction.on_commit(
        lambda: send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [invitation.email])
    )


@transaction.atomic
def invitation_send(
    *, actor: Any, provider: Provider, email: str, is_administrator: bool = False
) -> Invitation:
    """Invite someone to join the provider's members: an e-mail with a link that works once,
    for :data:`~gpai_cases.accounts.models.INVITATION_VALID_FOR`."""
    require(may_manage_members, actor, provider)
    email = (email or "").strip().lower()
    refuse_if(rules.invite_blockers(provider, email))
    invitation, token = Invitation.issue(
        email=email, provider=provider, is_administrator=is_administrator, invited_by=actor
    )
    record(
        AccountEventKind.INVITATION_SENT,
        actor=actor,
        provider=provider,
        subject=email,
        administrator=is_administrator,
        expires=invitation.expires_at.isoformat(),
    )
    _mail_invitation(invitation, token)
    return invitation


@transaction.atomic
def invitation_revoke(*, actor: Any, invitation: Invitation) -> Invitation:
    require(may_manage_members, actor, invitation.provider)
    if invitation.is_open:
        invitation.revoked_at = timezone.now()
        invitation.save(update_fields=["revoked_at"])
        record(
            AccountEventKind.INVITATION_REVOKED,
            actor=actor,
            provider=invitation.provider,
            subject=invitation.email,
        )
    return invitation


def invitation_find(token: str) -> Invitation | None:
    """The invitation of a link, whatever its state (None for an unknown link)."""
    return (
        Invitation.objects.select_related("provider")
        .filter(token_digest=token_digest(token or ""))
        .first()
    )


def _join(invitation: Invitation, user: User) -> None:
    membership, _ = Membership.objects.get_or_create(user=user, provider=invitation.provider)
    if invitation.is_administrator and not membership.is_administrator:
        membership.is_administrator = True
        membership.save(update_fields=["is_administrator"])
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    record(
        AccountEventKind.MEMBER_JOINED,
        actor=user,
        provider=invitation.provider,
        subject=user.email,
        administrator=invitation.is_administrator,
    )


@transaction.atomic
def invitation_accept(
    *, token: str, password: str = "", full_name: str = "", user: Any = None
) -> User:
    """Follow an invitation: a new account sets its password (Django's validators); an existing
    provider account, signed in as the invited address, joins as it is. The link then stops
    working."""
    invitation = (
        Invitation.objects.select_for_update()
        .select_related("provider")
        .filter(token_digest=token_digest(token or ""))
        .first()
    )
    refuse_if(rules.invitation_blockers(invitation))
    if invitation is None:  # the blockers above refuse an unknown link; this narrows the type
        raise LookupError("invitation not found")
    existing = User.objects.filter(email__iexact=invitation.email).first()
    if existing is not None and existing.is_active:
        if getattr(user, "pk", None) != existing.pk:
            refuse_if(
                [gettext("Sign in as the invited address first, then follow the link again.")]
            )
        _join(invitation, existing)
        return existing
    account = existing or User(email=invitation.email, role=Role.PROVIDER)
    account.full_name = (full_name or account.full_name).strip()[:200]
    password_validation.validate_password(password, account)
    account.set_password(password)
    account.is_active = True
    with set_actor(account):
        account.save()
    _join(invitation, account)
    return account


@transaction.atomic
def member_remove(*, actor: Any, membership: Membership) -> None:
    """Remove a member from the provider. Someone left with no provider can no longer sign in
    (the account is deactivated, its sessions and tokens stop working)."""
    require(may_manage_members, actor, membership.provider)
    refuse_if(rules.remove_blockers(actor, membership))
    user, provider = membership.user, membership.provider
    with set_actor(actor):
        membership.delete()
        if not user.memberships.exists() and user.role == Role.PROVIDER:
            user.is_active = False
            user.save(update_fields=["is_active"])
    record(
        AccountEventKind.MEMBER_REMOVED,
        actor=actor,
        provider=provider,
        subject=user.email,
        deactivated=not user.is_active,
    )


@transaction.atomic
def provider_details_update(*, actor: Any, provider: Provider, **fields: Any) -> Provider:
    """Change the organisation's contact details and postal address; each change recorded with
    the old and new values."""
    require(may_manage_members, actor, provider)
    changes: dict[str, list[str]] = {}
    for name, value in fields.items():
        if name not in DETAIL_FIELDS:
            raise ValueError(f"Unknown field {name}")
        old = getattr(provider, name)
        value = (value or "").strip() if isinstance(value, str) else value
        if str(old or "") != str(value or ""):
            changes[name] = [str(old or ""), str(value or "")]
            setattr(provider, name, value)
    if not changes:
        return provider
    provider.full_clean()
    with set_actor(actor):
        provider.save()
    record(
        AccountEventKind.DETAILS_CHANGED,
        actor=actor,
        provider=provider,
        subject=str(provider),
        changes=changes,
    )
    return provider


def registration_request_file(**fields: Any) -> RegistrationRequest:
    """A provider asks, through the public form, to be registered."""
    fields["contact_email"] = (fields.get("contact_email") or "").strip().lower()
    request = RegistrationRequest(**fields)
    request.full_clean()
    request.save()
    record(
        AccountEventKind.REGISTRATION_REQUESTED,
        subject=request.contact_email,
        legal_name=request.legal_name,
    )
    return request


@transaction.atomic
def provider_enrol(
    *,
    actor: Any,
    legal_name: str,
    country: str,
    first_member_email: str,
    registration_request: RegistrationRequest | None = None,
    **fields: Any,
) -> tuple[Provider, Invitation]:
    """Register a provider (or confirm its request) and invite its first member, as its
    provider administrator."""
    require(may_enrol_providers, actor)
    provider = provider_create(actor=actor, legal_name=legal_name, country=country, **fields)
    record(
        AccountEventKind.PROVIDER_REGISTERED, actor=actor, provider=provider, subject=str(provider)
    )
    if registration_request is not None:
        registration_request.status = RegistrationRequestStatus.CONFIRMED
        registration_request.provider = provider
        registration_request.save(update_fields=["status", "provider"])
    invitation = invitation_send(
        actor=actor, provider=provider, email=first_member_email, is_administrator=True
    )
    return provider, invitation
