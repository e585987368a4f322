"""Sign-ins, failed sign-ins and lock-outs are recorded (SignInEvent)."""

from __future__ import annotations

from typing import Any

from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from .models import SignInEvent, SignInEventKind


def client_ip(request: Any) -> str | None:
    if request is None:
        return None
    return request.META.get("REMOTE_ADDR") or None


def typed_username(request: Any, credentials: dict[str, Any] | None = None) -> str:
    """The e-mail address a sign-in attempt names, as django-axes counts failures by it: in
    lower case, so that changing the case does not reset the count."""
    credentials = credentials or {}
    typed = credentials.get("username")
    if typed is None and request is not None:
        typed = request.POST.get("username", "")
    return str(typed or "").strip().lower()


def record_sign_in(kind: str, *, request: Any = None, user: Any = None, username: str = "") -> None:
    SignInEvent.objects.create(
        kind=kind,
        user=user if getattr(user, "pk", None) else None,
        username=(username or getattr(user, "email", "") or "")[:254],
        ip_address=client_ip(request),
    )


@receiver(user_logged_in)
def _logged_in(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    record_sign_in(SignInEventKind.SIGNED_IN, request=request, user=user)
    _keep_the_language_signed_in_with(request, user)


def _keep_the_language_signed_in_with(request: Any, user: Any) -> None:
    """A person who has not chosen a language keeps the one they signed in with (their browser's
    or the switcher's), for their pages, inbox messages and e-mails alike."""
    from django.conf import settings

    language = getattr(request, "LANGUAGE_CODE", "") if request is not None else ""
    codes = {code for code, _name in settings.LANGUAGES}
    if not getattr(user, "language", "x") and language in codes:
        user.language = language
        user.save(update_fields=["language"])


@receiver(user_logged_out)
def _logged_out(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    if user is not None:
        record_sign_in(SignInEventKind.SIGNED_OUT, request=request, user=user)


@receiver(user_login_failed)
def _login_failed(
    sender: Any, credentials: dict[str, Any], request: Any = None, **kwargs: Any
) -> None:
    record_sign_in(
        SignInEventKind.FAILED, request=request, username=str(credentials.get("username", ""))
    )


@receiver(user_locked_out)
def _locked_out(sender: Any, request: Any = None, username: str = "", **kwargs: Any) -> None:
    record_sign_in(SignInEventKind.LOCKED_OUT, request=request, username=username or "")
