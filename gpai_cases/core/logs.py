"""Structured logs: one JSON object per line with the time, level, logger, message and the id of
the web request or Celery task it belongs to (``request_id`` / ``task_id``), so that a line can be
followed across processes and searched by machine.

The request id comes from the ``X-Request-ID`` header when a proxy set a well-formed one, or is
made here; it is sent back in the response and shown on the error page. The task id is set by the
Celery signals connected in :mod:`gpai_cases.celery`.
"""

from __future__ import annotations

import contextvars
import datetime
import json
import logging
import re
import uuid
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse

__all__ = [
    "JsonFormatter",
    "RequestIdMiddleware",
    "current_request_id",
    "task_finished",
    "task_started",
]

_request_id: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="")
_task_id: contextvars.ContextVar[str] = contextvars.ContextVar("task_id", default="")
#: A request id a proxy may hand on: letters, digits, dashes, at most 64 (never raw header text).
WELL_FORMED = re.compile(r"[A-Za-z0-9\-]{8,64}\Z")


def current_request_id() -> str:
    return _request_id.get()


class JsonFormatter(logging.Formatter):
    """A log record as one line of JSON (a traceback is a field, its newlines escaped)."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": datetime.datetime.fromtimestamp(record.created, datetime.UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        if request_id := _request_id.get():
            entry["request_id"] = request_id
        if task_id := _task_id.get():
            entry["task_id"] = task_id
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


class RequestIdMiddleware:
    """Gives every request an id, for its log lines and its response (``X-Request-ID``)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        given = request.headers.get("X-Request-ID", "")
        request_id = given if WELL_FORMED.match(given) else uuid.uuid4().hex
        # left set after the response: Django logs a request's errors ("Not Found: ...") after
        # the middleware has returned; the next request in this thread sets its own
        _request_id.set(request_id)
        response = self.get_response(request)
        response["X-Request-ID"] = request_id
        return response


def task_started(task_id: str | None = None, **kwargs: Any) -> None:
    _task_id.set(task_id or "")


def task_finished(**kwargs: Any) -> None:
    _task_id.set("")
