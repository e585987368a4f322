"""The rows of the permission matrix for accounts: password reset, invitations, the request to
be registered, the public pages, the provider's account pages and the AI Office's enrolment
(tests/security/test_permission_matrix.py merges them). The world's provider members are not
provider administrators: inviting and removing is refused them."""

from __future__ import annotations

from .matrix_roles import API_200, API_403, OFFICE_200, PORTAL, PUBLIC, one


def _membership_a(w) -> list[int]:
    return [w["users"]["provider_a"].memberships.first().pk]


def _new_colleague_of_a(w) -> list[int]:
    """A membership made for the row, so that a removal that is allowed changes nothing else."""
    from gpai_cases.providers.models import Membership

    from ..factories import UserFactory

    user = UserFactory(email=f"colleague{Membership.objects.count()}@alpha.example")
    return [Membership.objects.create(user=user, provider_id=w["provider_a"]).pk]


ACCOUNT_MATRIX: dict[str, tuple] = {
    "password_reset": (None, PUBLIC, "get"),
    "password_reset_done": (None, PUBLIC, "get"),
    # a link that does not work: "not found", saying so (and how to ask for a new one)
    "password_reset_confirm": (lambda w: ["MQ", "no-such-token"], one(404), "get"),
    "password_reset_complete": (None, PUBLIC, "get"),
    # an unknown, used or expired invitation: "not found", the same for everybody
    "invitation": (lambda w: ["not-an-invitation-token"], one(404), "get"),
    "registration_request": (None, PUBLIC, "get"),
    "accessibility": (None, PUBLIC, "get"),
    "privacy": (None, PUBLIC, "get"),
    "legal_notice": (None, PUBLIC, "get"),
    "contact": (None, PUBLIC, "get"),
    "portal:acting_for": (None, PORTAL, "get"),
    "portal:members": (None, PORTAL, "get"),
    "portal:details": (None, PORTAL, "get"),
    "portal:member_invite": (None, {**one(403), "anonymous": 302}, "get"),
    "portal:member_remove": (
        _membership_a,
        {**one(403), "anonymous": 302, "provider_b": 404},
        "get",
    ),
    "portal:invitation_revoke": (
        lambda w: [1],
        {**one(403), "anonymous": 302, "provider_a": 405, "provider_b": 405},
        "get",
    ),
    "workspace:enrolment": (None, {**OFFICE_200, "approver": 403}, "get"),
    # the API: a provider's members and invitations (its own members and the AI Office read them)
    "api:provider-members": (
        lambda w: [w["provider_a"]],
        {**API_200, "provider_b": 404},
        "api-get",
    ),
    "api:provider-invitations": (
        lambda w: [w["provider_a"]],
        {**API_200, "provider_b": 404},
        "api-get",
    ),
    "api:provider-invitations#post": (
        lambda w: [w["provider_a"]],
        {**API_403, "provider_b": 404, "caseworker": 400, "admin": 400},  # 400: empty body
        "api-post",
    ),
    "api:membership-remove": (
        _new_colleague_of_a,
        {**API_403, "provider_b": 404, "caseworker": 204, "admin": 204},
        "api-post",
    ),
}
