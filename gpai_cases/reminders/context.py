"""The header's unread count, read only on pages that show it."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from .needs import unread_of


def unread(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        # the same numbers the "what needs you" panel keys itself by: one query per request
        "unread_messages": SimpleLazyObject(lambda: unread_of(request)["n"])
    }


def unread_key(request: HttpRequest) -> tuple[Any, ...]:
    """What :func:`unread` shows depends on, for the key of a cached page: how many unread
    messages the person has, and the newest one's id."""
    summary = unread_of(request)
    return (summary["n"], summary["newest"])
