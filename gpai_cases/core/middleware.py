"""What every request and response goes through, whatever the door.

- :class:`CleanInputMiddleware`: control characters never reach a view or the database. A path
  with one is refused (400; problem+json under ``/api/``); in the query string and in posted form
  fields they are stripped (tabs and line breaks stay in posted text). PostgreSQL refuses NUL in
  text, and no legitimate input has the others.
- :class:`NoStoreMiddleware`: signed-in pages, API answers and downloads carry
  ``Cache-Control: no-store`` — no browser, proxy or shared computer keeps a copy of a case file.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from urllib.parse import unquote

from django.http import FileResponse, HttpRequest, HttpResponse, QueryDict
from django.utils.cache import patch_cache_control

from .views import error_page

__all__ = ["CONTROL", "CleanInputMiddleware", "NoStoreMiddleware", "strip_control"]

#: C0 control characters and DEL, but for tab, line feed and carriage return.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
#: In a path or query, none at all.
CONTROL_ALL = re.compile(r"[\x00-\x1f\x7f]")


def strip_control(text: str, pattern: re.Pattern[str] = CONTROL) -> str:
    return pattern.sub("", text)


def _cleaned(data: QueryDict, pattern: re.Pattern[str]) -> QueryDict | None:
    """A copy of ``data`` without control characters, or None when it had none."""
    if not any(pattern.search(k) or any(pattern.search(v) for v in vs) for k, vs in data.lists()):
        return None
    clean = QueryDict(mutable=True)
    for key, values in data.lists():
        clean.setlist(strip_control(key, pattern), [strip_control(v, pattern) for v in values])
    clean._mutable = False
    return clean


class CleanInputMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if CONTROL_ALL.search(unquote(request.path_info)):
            return error_page(request, 400)
        query = _cleaned(request.GET, CONTROL_ALL)
        if query is not None:
            request.GET = query
        content_type = request.content_type or ""
        if request.method == "POST" and content_type in (
            "application/x-www-form-urlencoded",
            "multipart/form-data",
        ):
            form = _cleaned(request.POST, CONTROL)
            if form is not None:
                request.POST = form
        return self.get_response(request)


class NoStoreMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        signed_in = getattr(getattr(request, "user", None), "is_authenticated", False)
        if signed_in or request.headers.get("Authorization") or isinstance(response, FileResponse):
            patch_cache_control(response, no_store=True, private=True, max_age=0)
        return response
