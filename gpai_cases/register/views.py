"""Public pages of the list (no sign-in), machine-readable formats, and the admin's publishing page.

Public responses are cached per publication number: a new publication changes the key, so the
cache is invalidated on publication. The number is read from the database on every request; the
bodies are kept in each process's memory (the ``register`` cache), which serves a large list faster
than a round trip to Redis. ETag and Last-Modified come from the latest publication.

A cached body is also kept gzip-compressed and served so to clients that accept it: at 100,000
cases the whole list in JSON is megabytes. (Compression of these pages reveals nothing: they are the
same for every visitor and carry no token or personal data.) The HTML list is paginated.
"""

from __future__ import annotations

import csv
import gzip
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
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import get_language, gettext
from django.views.decorators.http import condition, require_http_methods

from gpai_cases.cases import access
from gpai_cases.cases.models import Designation
from gpai_cases.core.errors import ActionRefused
from gpai_cases.core.exports import csv_row

from . import services
from .forms import PublishForm
from .models import Publication, PublicEntry

SCHEMA_PATH = Path(settings.BASE_DIR) / "static" / "register" / "register.schema.json"
PAGE_SIZE = 100  # entries per page of the HTML list (JSON and CSV hold the whole list)
PAGE_PARAMS = ("page", "revoked_page")


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


def _accepts_gzip(request: HttpRequest) -> bool:
    return "gzip" in request.headers.get("Accept-Encoding", "")


def _etag(request: HttpRequest, *args: Any, **kwargs: Any) -> str:
    # the compressed and the plain body are different representations: different tags; so are
    # the pages in each language
    gz = "-gzip" if _accepts_gzip(request) else ""
    return f'"register-{_number(request)}-{get_language()}{gz}"'


def _page_number(request: HttpRequest, param: str) -> int:
    """A page number from the query string; anything else (or nothing) is page 1."""
    value = request.GET.get(param, "")
    if value.isascii() and value.isdigit() and len(value) <= 6:
        return max(int(value), 1)
    return 1


def _last_modified(request: HttpRequest, *args: Any, **kwargs: Any):
    latest = _latest(request)
    return latest.published_at if latest else None


class _Body:
    """One cached response: its bytes, compressed once on first demand, and its headers."""

    __slots__ = ("_gzipped", "content", "content_type", "headers", "status")

    def __init__(self, response: HttpResponse) -> None:
        self.content: bytes = response.content
        self.content_type: str = response["Content-Type"]
        self.status: int = response.status_code
        self.headers = {h: response[h] for h in ("Link", "Content-Disposition") if h in response}
        self._gzipped: bytes | None = None

    def gzipped(self) -> bytes:
        if self._gzipped is None:
            self._gzipped = gzip.compress(self.content, compresslevel=6, mtime=0)
        return self._gzipped

    def response(self, request: HttpRequest) -> HttpResponse:
        compress = _accepts_gzip(request) and len(self.content) > 200
        response = HttpResponse(
            self.gzipped() if compress else self.content,
            content_type=self.content_type,
            status=self.status,
        )
        for header, value in self.headers.items():
            response[header] = value
        if compress:
            response["Content-Encoding"] = "gzip"
        patch_vary_headers(response, ("Accept-Encoding",))
        return response


class _Responses:
    """This process's responses for the latest publication, kept as bytes (no pickling: the
    whole list at 100,000 cases is megabytes). Emptied when the number moves; bounded."""

    MAX = 1000

    def __init__(self) -> None:
        self.number = -1
        self.bodies: dict[str, _Body] = {}

    def get(self, number: int, key: str) -> _Body | None:
        if number != self.number:
            self.number, self.bodies = number, {}
        return self.bodies.get(key)

    def put(self, number: int, key: str, value: _Body) -> None:
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
        pages = [str(_page_number(request, p)) for p in PAGE_PARAMS if p in request.GET]
        # the pages are in the reader's language: one body per language
        key = ":".join([view.__name__, get_language(), *map(str, kwargs.values()), *pages])
        body = responses.get(number, key)
        if body is None:
            response = view(request, *args, **kwargs)
            if response.status_code not in (200, 404):
                return response
            body = _Body(response)
            responses.put(number, key, body)
        return body.response(request)

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


def _list_context(request: HttpRequest, publication: Publication | None) -> dict[str, Any]:
    """The designated and the revoked entries of a publication, each list in pages."""
    entries = _entries(publication)
    designated = Paginator([e for e in entries if e.status == "designated"], PAGE_SIZE)
    revoked = Paginator([e for e in entries if e.status == "revoked"], PAGE_SIZE)
    return {
        "publication": publication,
        "designated": designated.get_page(_page_number(request, "page")),
        "revoked": revoked.get_page(_page_number(request, "revoked_page")),
    }


@cached_per_publication
def register_list(request: HttpRequest) -> HttpResponse:
    return render(request, "register/list.html", _list_context(request, _latest(request)))


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
    return render(
        request,
        "register/list.html",
        {**_list_context(request, publication), "archived": True},
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
        writer.writerow(csv_row(row[c] for c in columns))
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="gpai-systemic-risk-register.csv"'
    return response


class TextSummaryFeed(Atom1Feed):
    """Atom with summaries of type ``text``: a model name a provider chose is shown as text by
    feed readers, never interpreted as HTML (Django writes ``type="html"``, escaped only once for
    XML, so ``<img onerror=…>`` in a name became live markup in the reader)."""

    def add_item_elements(self, handler: Any, item: dict[str, Any]) -> None:
        summary = item.get("description")
        super().add_item_elements(handler, {**item, "description": None})
        if summary is not None:
            handler.addQuickElement("summary", summary, {"type": "text"})


@cached_per_publication
def register_atom(request: HttpRequest) -> HttpResponse:
    feed = TextSummaryFeed(
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
    """The wording of each entry, saved or published; publishing asks for a confirmation first
    (what becomes public, to whom); a refusal comes back with the wording as typed."""
    access.require(access.may_publish, request.user)
    changes = services.pending_changes()
    form = PublishForm(request.POST if request.method == "POST" else None, changes=changes)
    confirming = False
    if request.method == "POST" and form.is_valid():
        action = form.cleaned_data["action"]
        overrides = form.overrides()
        if action == "save":
            for designation in Designation.objects.filter(pk__in=list(overrides)):
                services.wording_save(
                    actor=request.user, designation=designation, **overrides[designation.pk]
                )
            messages.success(
                request, gettext("Public wording saved. Nothing has been published yet.")
            )
            return redirect("register:publish")
        if action == "publish" and form.cleaned_data["confirm"] == "yes":
            try:
                publication = services.publish(actor=request.user, overrides=overrides)
            except ActionRefused as refused:
                for reason in refused.reasons:
                    form.add_error(None, reason)
            else:
                messages.success(
                    request,
                    gettext("Publication %(number)s is now public.")
                    % {"number": publication.number},
                )
                return redirect("register:published", number=publication.number)
        confirming = action == "publish" and not form.errors
    if request.method == "POST":
        form.keep_typed()  # the previews show the wording as typed
    last = _latest(request)
    return render(
        request,
        "register/publish_confirm.html" if confirming else "register/publish.html",
        {
            "form": form,
            "entries": form.entries(),
            "changes": changes,
            "changed": [c for c in changes if c.change != "unchanged"],
            "last": last,
            "next_number": (last.number + 1) if last else 1,
            "confidential": services.confidential_terms_found(changes),
        },
    )


@login_required
def published(request: HttpRequest, number: int) -> HttpResponse:
    access.require(access.may_publish, request.user)
    publication = Publication.objects.filter(number=number).first()
    if publication is None:
        raise Http404
    return render(request, "register/published.html", {"publication": publication})
