"""The language of the pages: the person's own (on their account) once signed in; before that the
one they chose (a cookie) or their browser's (Django's ``LocaleMiddleware``).

The switcher in the header posts here; for a signed-in person the choice is saved on the account,
so that their e-mails and inbox messages follow it too.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from .middleware import second_factor_exempt

__all__ = ["UserLanguageMiddleware", "language_of", "set_language"]

LANGUAGE_CODES = frozenset(code for code, _name in settings.LANGUAGES)


def language_of(user: object) -> str:
    """The language a person reads (their account's), or the service's default."""
    language = getattr(user, "language", "") or ""
    return language if language in LANGUAGE_CODES else settings.LANGUAGE_CODE


class UserLanguageMiddleware:
    """After authentication: a signed-in person's pages are in their account's language."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.language in LANGUAGE_CODES:
            translation.activate(user.language)
            request.LANGUAGE_CODE = user.language
        response = self.get_response(request)
        if user is not None and user.is_authenticated:
            response.headers.setdefault("Content-Language", translation.get_language())
        return response


@second_factor_exempt
@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    """Switch the language: remembered in a cookie, and on the account of a signed-in person."""
    language = request.POST.get("language", "")
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = "/"
    response = HttpResponseRedirect(target)
    if language not in LANGUAGE_CODES:
        return response
    if request.user.is_authenticated and request.user.language != language:
        request.user.language = language
        request.user.save(update_fields=["language"])
    translation.activate(language)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=365 * 24 * 3600,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )
    return response
