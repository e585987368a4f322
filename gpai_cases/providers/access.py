"""Who may see and register providers and models (re-exported by :mod:`gpai_cases.cases.access`,
the one module views and services ask)."""

from __future__ import annotations

from typing import Any, TypeVar

from django.db.models import Model, QuerySet
from django.utils.translation import gettext_lazy as _

from gpai_cases.accounts.roles import (
    is_ai_office,
    is_caseworker,
    is_member_of,
    is_office_admin,
    is_provider_member,
)
from gpai_cases.core.permissions import refused_with

from .models import GPAIModel, Membership, Provider

M = TypeVar("M", bound=Model)

__all__ = [
    "is_provider_administrator",
    "may_enrol_providers",
    "may_manage_members",
    "may_manage_models",
    "may_register_models",
    "may_register_providers",
    "member_provider_ids",
    "members_visible_to",
    "models_visible_to",
    "providers_visible_to",
    "visible",
]


def member_provider_ids(user: Any) -> QuerySet[Any]:
    """The ids of the providers the user is a member of, as a subquery (no query of its own)."""
    if not is_provider_member(user):
        return Membership.objects.none().values("provider_id")
    return Membership.objects.filter(user_id=user.pk).values("provider_id")


def visible(user: Any, model: type[M], provider_path: str) -> QuerySet[M]:
    """All of ``model`` for the AI Office; for a provider member, what belongs to its providers
    (``provider_path`` leads from ``model`` to the provider's id)."""
    if is_ai_office(user):
        return model.objects.all()
    return model.objects.filter(**{f"{provider_path}__in": member_provider_ids(user)})


def providers_visible_to(user: Any) -> QuerySet[Provider]:
    return visible(user, Provider, "pk")


def models_visible_to(user: Any) -> QuerySet[GPAIModel]:
    return visible(user, GPAIModel, "provider_id")


@refused_with(_("Only caseworkers and admins register providers."))
def may_register_providers(user: Any, obj: Any = None) -> bool:
    """Caseworkers (ex officio) and admins register providers; providers register themselves
    through the AI Office."""
    return is_caseworker(user) or is_office_admin(user)


@refused_with(_("Only providers and caseworkers register models."))
def may_register_models(user: Any, obj: Any = None) -> bool:
    """Some provider's models, or any provider's (the AI Office, ex officio)."""
    return is_provider_member(user) or may_register_providers(user)


@refused_with(_("You may not register or edit models for this provider."))
def may_manage_models(user: Any, provider: Provider | int) -> bool:
    """Register or edit a provider's models: its members, and caseworkers (ex officio)."""
    return is_member_of(user, provider) or may_register_providers(user)


# ---- a provider's members and details (docs/adr/0013-invitations-and-acting-for.md) -----------


def members_visible_to(user: Any, provider: Provider | int) -> QuerySet[Membership]:
    """A provider's members: for its own members and the AI Office; nobody else."""
    provider_id = provider if isinstance(provider, int) else provider.pk
    if not (is_ai_office(user) or is_member_of(user, provider_id)):
        return Membership.objects.none()
    return Membership.objects.filter(provider_id=provider_id, user__is_active=True)


def is_provider_administrator(user: Any, provider: Provider | int) -> bool:
    """A member of this provider holding the "provider administrator" flag."""
    if not is_provider_member(user):
        return False
    provider_id = provider if isinstance(provider, int) else provider.pk
    return user.memberships.filter(provider_id=provider_id, is_administrator=True).exists()


@refused_with(_("Only the AI Office registers providers and invites their first member."))
def may_enrol_providers(user: Any, obj: Any = None) -> bool:
    """Register a provider (or confirm a request to be registered) and invite its first member:
    caseworkers and admins, as they register providers."""
    return may_register_providers(user)


@refused_with(
    _(
        "Only a provider administrator invites and removes members and changes the "
        "organisation's details."
    )
)
def may_manage_members(user: Any, provider: Provider | int) -> bool:
    """Invite and remove a provider's members, change its contact details and postal address:
    its members with the administrator flag; the AI Office's caseworkers and admins too (they
    enrol providers and invite their first member)."""
    return is_provider_administrator(user, provider) or may_register_providers(user)
