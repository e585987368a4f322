from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest

from .errors import ActionRefused


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


def refused_into(
    form: Any,
    action: Callable[[], Any],
    *,
    file_errors: tuple[type[Exception], ...] = (),
    file_field: str = "file",
) -> Any:
    """Run a service for a bound form; a refusal comes back on the form, its values kept and its
    reasons in the error summary (``file_errors``: refusals of an upload, shown on its field)."""
    try:
        return action()
    except file_errors as refused:
        form.add_error(file_field, str(refused))
    except ActionRefused as refused:
        for reason in refused.reasons:
            form.add_error(None, reason)
    return None
