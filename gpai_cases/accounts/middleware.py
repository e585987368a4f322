"""Second factor: AI Office staff (and providers who opted in) must verify a TOTP code once per
session before using the application; staff without a device are sent to enrol first."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from .models import AI_OFFICE_ROLES

EXEMPT_PREFIXES = (
    "/accounts/second-factor/",
    "/accounts/logout/",
    "/accounts/login/",
    "/static/",
    "/healthz",
    "/_floor",
    "/api/",  # API clients authenticate with tokens, not sessions
    "/register",  # the public list
)


def needs_second_factor(user: object) -> bool:
    from django_otp import user_has_device

    if not getattr(user, "is_authenticated", False):
        return False
    return user.role in AI_OFFICE_ROLES or user_has_device(user)  # type: ignore[attr-defined]


class SecondFactorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if (
            settings.GPAI_REQUIRE_SECOND_FACTOR
            and getattr(user, "is_authenticated", False)
            and not user.is_verified()  # type: ignore[union-attr]
            and not request.path.startswith(EXEMPT_PREFIXES)
            and needs_second_factor(user)
        ):
            from django_otp import user_has_device

            target = "second_factor_verify" if user_has_device(user) else "second_factor_setup"
            return redirect(f"{reverse(target)}?next={request.get_full_path()}")
        return self.get_response(request)
