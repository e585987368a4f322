"""The expected answers by role that the permission matrix's rows are made of."""

from __future__ import annotations

ROLES = ["anonymous", "provider_a", "provider_b", "caseworker", "approver", "admin"]
PUBLIC = dict.fromkeys(ROLES, 200)
SIGNED_IN = {"anonymous": 302, **dict.fromkeys(ROLES[1:], 200)}
ADMIN_ONLY = {
    "anonymous": 302,
    "provider_a": 403,
    "provider_b": 403,
    "caseworker": 403,
    "approver": 403,
    "admin": 200,
}


OFFICE_200 = {
    "anonymous": 302,
    "provider_a": 403,
    "provider_b": 403,
    "caseworker": 200,
    "approver": 200,
    "admin": 200,
}
PORTAL = {
    "anonymous": 302,
    "provider_a": 200,
    "provider_b": 200,
    "caseworker": 403,
    "approver": 403,
    "admin": 403,
}
PORTAL_A = {**PORTAL, "provider_b": 404}
PORTAL_B = {**PORTAL, "provider_a": 404}
API_200 = {
    "anonymous": 401,
    "provider_a": 200,
    "provider_b": 200,
    "caseworker": 200,
    "approver": 200,
    "admin": 200,
}
API_400 = {
    **API_200,
    **{r: 400 for r in ("provider_a", "provider_b", "caseworker", "approver", "admin")},
}
API_403 = {
    **API_200,
    **{r: 403 for r in ("provider_a", "provider_b", "caseworker", "approver", "admin")},
}
OFFICE_403 = {
    "anonymous": 302,
    "provider_a": 403,
    "provider_b": 403,
    "caseworker": 403,
    "approver": 403,
    "admin": 403,
}


def one(status: int) -> dict[str, int]:
    return dict.fromkeys(ROLES, status)
