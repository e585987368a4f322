"""The pages every door shares: health, and the error pages (400, 403, 404, 500 and the CSRF
failure), styled in the service's layout — or, under ``/api/``, answered as problem+json."""

from __future__ import annotations

from typing import Any

from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string

from .logs import current_request_id

#: What happened, in words, and the title of each error page.
ERRORS: dict[int, tuple[str, str]] = {
    400: ("The request could not be read", "Something in the address or the form was not valid."),
    403: ("You may not open this page", "Your account does not give access to this page."),
    404: ("Page not found", "There is no such page, or it is not yours to see."),
    500: (
        "Something went wrong on our side",
        "The page could not be shown. Nothing you sent has been lost if you saw no error before.",
    ),
}
API_PREFIX = "/api/"
#: A form posted without its security token (an expired page, cookies blocked).
CSRF_FAILED = (
    "The form had expired or your browser did not send its security cookie. "
    "Go back, reload the page and send the form again."
)


def healthz(request: HttpRequest) -> JsonResponse:
    """For the containers' health checks: the process answers and reaches its database."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


def _problem(status: int, detail: str) -> JsonResponse:
    title, _what = ERRORS[status]
    return JsonResponse(
        {"type": "about:blank", "status": status, "title": title, "detail": detail},
        status=status,
        content_type="application/problem+json",
    )


def error_page(request: HttpRequest, status: int, detail: str = "") -> HttpResponse:
    if request.path.startswith(API_PREFIX):
        return _problem(status, detail or ERRORS[status][1])
    title, what = ERRORS[status]
    context: dict[str, Any] = {
        "title": title,
        "what": what,
        "detail": detail,
        "status": status,
        "request_id": current_request_id(),
    }
    if status == 500:
        # the database may be what failed: render without the request (no session, no user)
        return HttpResponse(render_to_string("500.html", context), status=500)
    return HttpResponse(render_to_string(f"{status}.html", context, request=request), status=status)


def _said(exception: Any) -> str:
    """The refusal sentence a ``PermissionDenied`` carries (never a 404's internals)."""
    return str(exception) if exception is not None and exception.args else ""


def bad_request(request: HttpRequest, exception: Any = None) -> HttpResponse:
    return error_page(request, 400)


def permission_denied(request: HttpRequest, exception: Any = None) -> HttpResponse:
    return error_page(request, 403, _said(exception))


def page_not_found(request: HttpRequest, exception: Any = None) -> HttpResponse:
    return error_page(request, 404)


def server_error(request: HttpRequest) -> HttpResponse:
    return error_page(request, 500)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return error_page(request, 403, CSRF_FAILED)
