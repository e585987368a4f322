"""What a user is: the role predicates every permission is built from.

Plain reads of the user (and of its memberships, through the user's own relation): this module
imports nothing from the domain apps, so that any app may use it. Who may *do* what is decided in
:mod:`gpai_cases.cases.access`, from these predicates.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

__all__ = [
    "AI_OFFICE_ROLES",
    "Role",
    "is_ai_office",
    "is_approver",
    "is_caseworker",
    "is_member_of",
    "is_office_admin",
    "is_provider_member",
    "role_of",
]


class Role(models.TextChoices):
    PROVIDER = "provider", _("Provider member")
    CASEWORKER = "caseworker", _("Caseworker (AI Office)")
    APPROVER = "approver", _("Approver (AI Office head of unit)")
    ADMIN = "admin", _("Administrator (AI Office)")


AI_OFFICE_ROLES = frozenset({Role.CASEWORKER, Role.APPROVER, Role.ADMIN})


def role_of(user: Any) -> str | None:
    """The role of an active, signed-in user; None for anybody else."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return None
    return user.role


def is_caseworker(user: Any) -> bool:
    return role_of(user) == Role.CASEWORKER


def is_approver(user: Any) -> bool:
    return role_of(user) == Role.APPROVER


def is_office_admin(user: Any) -> bool:
    return role_of(user) == Role.ADMIN


def is_ai_office(user: Any) -> bool:
    return role_of(user) in AI_OFFICE_ROLES


def is_provider_member(user: Any) -> bool:
    return role_of(user) == Role.PROVIDER


def is_member_of(user: Any, provider: Any) -> bool:
    """A provider member of this provider (an instance or its id)."""
    if not is_provider_member(user):
        return False
    provider_id = provider if isinstance(provider, int) else provider.pk
    return user.memberships.filter(provider_id=provider_id).exists()
