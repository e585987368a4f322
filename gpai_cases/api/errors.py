"""Errors as application/problem+json (RFC 9457): status, title, detail in plain words; validation
errors add ``errors: {field: [messages]}``. Domain refusals map to HTTP: 403 role, 404 unknown or
not yours, 409 not possible now (with the reasons; a refused reassessment adds earliest_date)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_handler

from gpai_cases.core.errors import ActionRefused
from gpai_cases.documents.validation import UploadRefused
from gpai_cases.providers.compute import FlopParseError

NOT_FOUND = _("There is no such object, or it is not yours.")
UNKNOWN_DOCUMENT = _("A document given is not part of this case.")
INVALID = _("Some fields are not valid.")

TITLES = {
    400: _("Invalid input"),
    401: _("Not signed in"),
    403: _("Not allowed for your role"),
    404: _("Not found"),
    405: _("Method not allowed"),
    409: _("Not possible now"),
    415: _("Unsupported media type"),
    429: _("Too many requests"),
}


def problem(status_code: int, detail: str, **extra: Any) -> Response:
    body = {
        "type": "about:blank",
        "status": status_code,
        "title": str(TITLES.get(status_code, _("Error"))),
        "detail": str(detail),
        **extra,
    }
    return Response(body, status=status_code, content_type="application/problem+json")


def _flatten(detail: Any) -> dict[str, list[str]]:
    if isinstance(detail, dict):
        out: dict[str, list[str]] = {}
        for key, value in detail.items():
            if isinstance(value, dict):
                for sub, msgs in _flatten(value).items():
                    out[f"{key}.{sub}"] = msgs
            elif isinstance(value, list) and value and isinstance(value[0], dict):
                for i, item in enumerate(value):
                    for sub, msgs in _flatten(item).items():
                        out[f"{key}[{i}].{sub}"] = msgs
            else:
                out[str(key)] = [str(v) for v in (value if isinstance(value, list) else [value])]
        return out
    return {
        "non_field_errors": [str(v) for v in (detail if isinstance(detail, list) else [detail])]
    }


def handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    if isinstance(exc, ActionRefused):
        extra = {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in exc.extra.items()}
        return problem(
            status.HTTP_409_CONFLICT, " ".join(exc.reasons), reasons=exc.reasons, **extra
        )
    if isinstance(exc, UploadRefused | FlopParseError):
        field = "file" if isinstance(exc, UploadRefused) else "training_compute_flop"
        return problem(400, str(exc), errors={field: [str(exc)]})
    if isinstance(exc, DjangoValidationError):
        errors = (
            exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
        )
        return problem(400, INVALID, errors=errors)
    if isinstance(exc, DjangoPermissionDenied):
        return problem(403, str(exc) or _("Your role may not do this."))
    if isinstance(exc, Http404):
        return problem(404, NOT_FOUND)
    response = drf_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        return problem(400, INVALID, errors=_flatten(exc.detail))
    detail = (
        exc.detail
        if isinstance(getattr(exc, "detail", None), str)
        else str(getattr(exc, "detail", exc))
    )
    if response.status_code == 404:
        detail = NOT_FOUND
    result = problem(response.status_code, detail)
    for header in ("WWW-Authenticate", "Retry-After", "Allow"):
        if header in response:
            result[header] = response[header]
    return result
