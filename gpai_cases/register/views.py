"""Public pages of the list (no sign-in), machine-readable formats, and the admin's publishing page.

Public responses are cached per publication number: a new publication changes the key, so the
cache is invalidated on publication. The number is read from the database on every request; the
bodies are kept in each process's memory (the ``register`` cache), which serves a large list faster
than a round trip to Redis. ETag and Last-Modified come from the latest publication.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import caches
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.views.decorators.http import condition, require_http_methods

from gpai_cases.cases import access
from gpai_cases.cases.models import Designation

from . import services
from .models import Publication, PublicEntry

SCHEMA_PATH = Path(settings.BASE_DIR) / "static" / "register" / "register.schema.json"


cache = caches["register"]


def _number(request: HttpRequest) -> int:
    """The latest publication number, read once per request (ETag, Last-Modified and body)."""
    if not hasattr(request, "_register_number"):
        request._register_number = services.latest_publication_number()  # type: ignore[attr-defined]
    return request._register_number  # type: ignore[attr-defined]


def _latest(request: HttpRequest) -> Publication | None:
    number = _number(request)
    if not number:
        return None
    key = f"register:publication:{number}"
    publication = cache.get(key)
    if publication is None:
        publication = Publication.objects.filter(number=number).first()
        cache.set(key, publication, 3600)
    return publication


def _etag(request: HttpRequest, *args: Any, **kwargs: Any) -> str:
    return f'"register-{_number(request)}"'


def _last_modified(request: HttpRequest, *args: Any, **kwargs: Any):
    latest = _latest(request)
    return latest.published_at if latest else None


class _Responses:
    """This process's responses for the latest publication, kept as bytes (no pickling: the
    whole list at 100,000 cases is megabytes). Emptied when the number moves; bounded."""

    MAX = 1000

    def __init__(self) -> None:
        self.number = -1
        self.bodies: dict[str, tuple[bytes, str, int]] = {}

    def get(self, number: int, key: str) -> tuple[bytes, str, int] | None:
        if number != self.number:
            self.number, self.bodies = number, {}
        return self.bodies.get(key)

    def put(self, number: int, key: str, value: tuple[bytes, str, int]) -> None:
        if number == self.number:
            if len(self.bodies) >= self.MAX:  # e.g. many unknown entry ids: start again
                self.bodies = {}
            self.bodies[key] = value

    def clear(self) -> None:
        self.number, self.bodies = -1, {}


responses = _Responses()


def cached_per_publication(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Serve the view from memory while no new publication has been made."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        number = _number(request)
        key = "{}:{}".format(view.__name__, ":".join(map(str, kwargs.values())))
        hit = responses.get(number, key)
        if hit is not None:
            body, content_type, status = hit
            return HttpResponse(body, content_type=content_type, status=status)
        response = view(request, *args, **kwargs)
        if response.status_code in (200, 404):
            responses.put(
                number, key, (response.content, response["Content-Type"], response.status_code)
            )
        return response

    return condition(etag_func=_etag, last_modified_func=_last_modified)(wrapper)


def _entries(publication: Publication | None) -> list[PublicEntry]:
    if publication is None:
        return []
    return list(publication.entries.all())


def _as_dict(entry: PublicEntry) -> dict[str, Any]:
    data = {name: getattr(entry, name) for name in services.PUBLIC_FIELDS}
    data["designated_on"] = entry.designated_on.isoformat()
    data["revoked_on"] = entry.revoked_on.isoformat() if entry.revoked_on else None
    return data


@cached_per_publication
def register_list(request: HttpRequest) -> HttpResponse:
    latest = _latest(request)
    entries = _entries(latest)
    return render(
        request,
        "register/list.html",
        {
            "publication": latest,
            "designated": [e for e in entries if e.status == "designated"],
            "revoked": [e for e in entries if e.status == "revoked"],
        },
    )


@cached_per_publication
def entry_detail(request: HttpRequest, entry_id: str) -> HttpResponse:
    entry = (
        PublicEntry.objects.filter(entry_id=entry_id)
        .select_related("publication")
        .order_by("-publication__number")
        .first()
    )
    if entry is None:
        raise Http404("No such entry in the public list.")
    return render(
        request, "register/entry.html", {"entry": entry, "publication": entry.publication}
    )


@cached_per_publication
def archive(request: HttpRequest) -> HttpResponse:
    return render(request, "register/archive.html", {"publications": Publication.objects.all()})


@cached_per_publication
def publication_detail(request: HttpRequest, number: int) -> HttpResponse:
    publication = Publication.objects.filter(number=number).first()
    if publication is None:
        raise Http404("No such publication.")
    entries = _entries(publication)
    return render(
        request,
        "register/list.html",
        {
            "publication": publication,
            "archived": True,
            "designated": [e for e in entries if e.status == "designated"],
            "revoked": [e for e in entries if e.status == "revoked"],
        },
    )


def _document(latest: Publication | None) -> dict[str, Any]:
    return {
        "title": "General-purpose AI models with systemic risk (Art 52(6) Regulation (EU) 2024/1689)",
        "publication": latest.number if latest else None,
        "published_at": latest.published_at.isoformat() if latest else None,
        "entries": [_as_dict(e) for e in _entries(latest)],
    }


@cached_per_publication
def register_json(request: HttpRequest) -> HttpResponse:
    body = json.dumps(_document(_latest(request)), ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Link"] = f'<{reverse("register:schema")}>; rel="describedby"'
    return response


@cached_per_publication
def register_csv(request: HttpRequest) -> HttpResponse:
    out = io.StringIO()
    writer = csv.writer(out)
    columns = [c for c in services.PUBLIC_FIELDS if c != "history"]
    writer.writerow(columns)
    for entry in _entries(_latest(request)):
        row = _as_dict(entry)
        writer.writerow([row[c] if row[c] is not None else "" for c in columns])
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="gpai-systemic-risk-register.csv"'
    return response


@cached_per_publication
def register_atom(request: HttpRequest) -> HttpResponse:
    feed = Atom1Feed(
        title="General-purpose AI models with systemic risk — publications",
        link=request.build_absolute_uri(reverse("register:list")),
        description="Each entry is one publication of the list (Art 52(6)).",
        language="en",
        feed_url=request.build_absolute_uri(reverse("register:atom")),
    )
    for publication in Publication.objects.prefetch_related("entries")[:50]:
        designated = [e for e in publication.entries.all() if e.status == "designated"]
        feed.add_item(
            title=f"Publication {publication.number}",
            link=request.build_absolute_uri(
                reverse("register:publication", args=[publication.number])
            ),
            description=", ".join(f"{e.model_name} ({e.provider_name})" for e in designated)
            or "No models listed.",
            unique_id=request.build_absolute_uri(
                reverse("register:publication", args=[publication.number])
            ),
            pubdate=publication.published_at,
            updateddate=publication.published_at,
        )
    return HttpResponse(
        feed.writeString("utf-8"), content_type="application/atom+xml; charset=utf-8"
    )


def schema(request: HttpRequest) -> HttpResponse:
    return HttpResponse(SCHEMA_PATH.read_bytes(), content_type="application/schema+json")


# ---- the admin's publishing page ----------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def publish(request: HttpRequest) -> HttpResponse:
    if not access.is_office_admin(request.user):
        raise PermissionDenied("Only an admin publishes the public list.")
    changes = services.pending_changes()
    if request.method == "POST":
        overrides = {}
        for change in changes:
            prefix = f"d{change.designation.pk}-"
            overrides[change.designation.pk] = {
                name: request.POST.get(prefix + name, "") for name in services.WORDING_FIELDS
            }
        if request.POST.get("action") == "save":
            for designation in Designation.objects.filter(pk__in=list(overrides)):
                services.wording_save(
                    actor=request.user, designation=designation, **overrides[designation.pk]
                )
            messages.success(request, "Public wording saved. Nothing has been published yet.")
            return redirect("register:publish")
        publication = services.publish(actor=request.user, overrides=overrides)
        messages.success(request, f"Publication {publication.number} is now public.")
        return redirect("register:published", number=publication.number)
    return render(
        request,
        "register/publish.html",
        {
            "changes": changes,
            "changed": [c for c in changes if c.change != "unchanged"],
            "last": _latest(request),
        },
    )


@login_required
def published(request: HttpRequest, number: int) -> HttpResponse:
    if not access.is_office_admin(request.user):
        raise PermissionDenied("Only an admin publishes the public list.")
    publication = Publication.objects.filter(number=number).first()
    if publication is None:
        raise Http404
    return render(request, "register/published.html", {"publication": publication})
