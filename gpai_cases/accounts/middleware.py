"""Second factor by view: every view asks for a verified second factor from AI Office staff (and
providers who enrolled one), unless the view itself is declared public or part of signing in
(:func:`second_factor_exempt`). There is no exempt URL prefix: a new view is protected until
someone declares otherwise, next to the view.

A page sends an unverified user to verify (or, without a device, to enrol) and back. The API
authenticates with tokens: a request that carries one is the token's business; a request under
``/api/`` that relies on a password-only session is refused with problem+json.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar
from urllib.parse import quote

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse

from .models import AI_OFFICE_ROLES

View = TypeVar("View", bound=Callable[..., Any])

#: The refusal of an API call made with a session whose second factor is not verified.
VERIFY_FIRST = "Verify your second factor first: {url}"


def second_factor_exempt(view: View) -> View:
    """Declare a view public or part of signing in: it never asks for the second factor."""
    view.second_factor_exempt = True  # type: ignore[attr-defined]
    return view


def needs_second_factor(user: object) -> bool:
    from django_otp import user_has_device

    if not getattr(user, "is_authenticated", False):
        return False
    return user.role in AI_OFFICE_ROLES or user_has_device(user)  # type: ignore[attr-defined]


def second_factor_url(user: object, next_url: str) -> str:
    from django_otp import user_has_device

    target = "second_factor_verify" if user_has_device(user) else "second_factor_setup"
    return f"{reverse(target)}?next={quote(next_url, safe='/')}"


class SecondFactorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view: Callable[..., Any], args: Any, kwargs: Any
    ) -> HttpResponse | None:
        if not settings.GPAI_REQUIRE_SECOND_FACTOR or getattr(view, "second_factor_exempt", False):
            return None
        user = request.user
        if not getattr(user, "is_authenticated", False) or user.is_verified():  # type: ignore[union-attr]
            return None
        if not needs_second_factor(user):
            return None
        if request.path.startswith("/api/"):
            if request.headers.get("Authorization"):
                return None  # the API authenticates the token, not the session
            url = second_factor_url(user, "/")
            return JsonResponse(
                {
                    "type": "about:blank",
                    "status": 403,
                    "title": "Second factor needed",
                    "detail": VERIFY_FIRST.format(url=url),
                },
                status=403,
                content_type="application/problem+json",
            )
        return redirect(second_factor_url(user, request.get_full_path()))
