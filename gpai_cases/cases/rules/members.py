"""Guards of a provider's members: an invitation link that still works, whom one may invite, whom
one may remove (docs/adr/0013-invitations-and-acting-for.md). Pure reads.

Not added to the package's star imports: ask this module (``rules.members``) by name."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from gpai_cases.accounts.models import Invitation, User
from gpai_cases.accounts.roles import AI_OFFICE_ROLES
from gpai_cases.providers.models import Membership, Provider

__all__ = [
    "INVITATION_UNUSABLE",
    "invitation_blockers",
    "invite_blockers",
    "remove_blockers",
]

#: The one answer to a link that does not work — unknown, used, revoked or expired alike, so that
#: the page tells nobody which invitations exist.
INVITATION_UNUSABLE = _(
    "This invitation link does not work: it has been used, has expired or was withdrawn. "
    "Ask whoever invited you for a new one."
)


def invitation_blockers(invitation: Invitation | None) -> list[str]:
    if invitation is None or not invitation.is_open:
        return [INVITATION_UNUSABLE]
    return []


def invite_blockers(provider: Provider, email: str) -> list[str]:
    email = (email or "").strip().lower()
    if not email:
        return [_("Give the e-mail address of the person to invite.")]
    user = User.objects.filter(email__iexact=email).first()
    if user is not None and user.role in AI_OFFICE_ROLES:
        return [_("This address belongs to an AI Office account: it cannot join a provider.")]
    if (
        user is not None
        and user.is_active
        and Membership.objects.filter(user=user, provider=provider).exists()
    ):
        return [
            gettext("{email} is already a member of {provider}.").format(
                email=email, provider=provider
            )
        ]
    if Invitation.objects.filter(
        provider=provider,
        email__iexact=email,
        accepted_at__isnull=True,
        revoked_at__isnull=True,
        expires_at__gt=timezone.now(),
    ).exists():
        return [
            gettext("{email} has already been invited and the link still works.").format(
                email=email
            )
        ]
    return []


def remove_blockers(actor: Any, membership: Membership) -> list[str]:
    if membership.user_id == getattr(actor, "pk", None):
        return [_("You cannot remove yourself: ask another provider administrator.")]
    if (
        membership.is_administrator
        and not Membership.objects.filter(
            provider_id=membership.provider_id, is_administrator=True, user__is_active=True
        )
        .exclude(pk=membership.pk)
        .exists()
    ):
        return [_("A provider keeps at least one administrator: make someone else one first.")]
    return []
