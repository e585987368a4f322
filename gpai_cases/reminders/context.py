"""The header's unread count, read only on pages that show it."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from .models import InboxMessage


def unread(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "unread_messages": SimpleLazyObject(
            lambda: InboxMessage.objects.filter(user=user, read_at__isnull=True).count()
        )
    }
