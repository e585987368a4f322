from __future__ import annotations

from typing import Any

from django.http import HttpRequest


def form_data(request: HttpRequest) -> tuple[Any, Any]:
    """(data, files) for binding a form: bound on POST even when the POST is empty (so that an
    empty submission shows its errors), unbound otherwise."""
    if request.method == "POST":
        return request.POST, request.FILES
    return None, None


def parse_pk(value: Any) -> int | None:
    """A primary key from a query string or form field: ASCII digits only ("²".isdigit() is True
    but int("²") fails), small enough for the database's integer column."""
    text = str(value or "").strip()
    if text.isascii() and text.isdigit() and len(text) < 10:
        return int(text)
    return None
