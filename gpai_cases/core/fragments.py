"""Page fragments rendered once and served from the ``fragments`` cache until the data changes.

A fragment's key holds the data version (:mod:`gpai_cases.core.freshness`), the fragment's name
and everything else it depends on (the filters, the page, the user, today's date). Its context is
built only on a miss, so a hit costs one primary-key query for the version and one cache read.

CSRF tokens are per browser, so a fragment is rendered with a placeholder where
``{% csrf_token %}`` goes, and this request's token is put in when it is served.

:func:`cached_page` keeps a whole page, its layout included, under the same kind of key plus
everything the layout shows besides the page's own data (:func:`layout_parts`).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.cache import caches
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.module_loading import import_string
from django.utils.safestring import SafeString, mark_safe

from . import freshness

CSRF_PLACEHOLDER = "__gpai-csrf-token__"


def fragment_key(name: str, version: Any, parts: Iterable[Any]) -> str:
    """The key names the language too: the same fragment reads differently in each."""
    digest = hashlib.sha256("\x1f".join(map(str, parts)).encode()).hexdigest()[:32]
    return f"fragment:{name}:{translation.get_language() or 'en'}:{version_text(version)}:{digest}"


def version_text(version: Any) -> str:
    """A version as it goes into a cache key: the parts of a tuple joined by dashes."""
    if isinstance(version, tuple | list):
        return "-".join(map(str, version))
    return str(version)


def printed_digest(*values: Any) -> str:
    """A fragment's version made of every value it prints (plain values: numbers, words, days,
    times, and tuples and lists of them): it is served again only while they are all the same,
    whatever else changes."""
    return hashlib.sha256(repr(values).encode()).hexdigest()[:32]


def cached_fragment(
    request: HttpRequest,
    template: str,
    parts: Iterable[Any],
    build_context: Callable[[], dict[str, Any]],
    version: Callable[[], Any] = freshness.current,
) -> SafeString:
    """The rendered ``template``; ``build_context`` runs only when the fragment is not cached.

    ``version`` reads what the fragment's data depends on (default: the data version, which
    moves after any change); a fragment is served only while that value stands still.
    """
    # a transaction that has changed data and not committed yet sees data that no version
    # names: it renders for itself, and neither reads nor fills the cache
    usable = not freshness.uncommitted_changes()
    key = fragment_key(template, version(), parts) if usable else ""
    # our own autoescaping template rendered it; only the CSRF token (URL-safe) is put in
    return mark_safe(_served(request, template, key, build_context))  # noqa: S308  # nosec B308 B703


def _served(
    request: HttpRequest, template: str, key: str, build_context: Callable[[], dict[str, Any]]
) -> str:
    """The HTML kept under ``key`` (none: the cache is not to be used), or ``template`` rendered
    with a placeholder for the CSRF token and kept; this request's token put in."""
    cache = caches["fragments"]
    html = cache.get(key) if key else None
    if html is None:
        context = {**build_context(), "csrf_token": CSRF_PLACEHOLDER}
        html = render_to_string(template, context, request=request)
        if key:
            cache.set(key, html)
    if CSRF_PLACEHOLDER in html:
        html = html.replace(CSRF_PLACEHOLDER, get_token(request))
    return html


def layout_parts(request: HttpRequest) -> tuple[Any, ...]:
    """What the layout of a signed-in page shows besides the page's own data: the address asked
    for (breadcrumbs, the language switcher's way back), the person (their name and role move the
    reference version, which every page key holds), the day, the provider acted for and how many
    there are, and what the project's context processors add (``GPAI_LAYOUT_KEY_PARTS``: the
    header's unread count). The language is in every key (:func:`fragment_key`)."""
    user = request.user
    acting = getattr(request, "acting_provider", None)
    parts: tuple[Any, ...] = (
        request.get_full_path(),
        user.pk,
        getattr(user, "role", ""),
        timezone.localdate(),
        getattr(acting, "pk", None),
        getattr(request, "acting_choices", None),
    )
    for path in settings.GPAI_LAYOUT_KEY_PARTS:
        parts += tuple(import_string(path)(request))
    return parts


def cached_page(
    request: HttpRequest,
    template: str,
    parts: Iterable[Any],
    version: Any,
    build_context: Callable[[], dict[str, Any]],
) -> HttpResponse:
    """The page ``template`` rendered with ``build_context()``, served from the ``fragments`` cache
    while ``version`` (read once by the caller, for this page's data) and :func:`layout_parts`
    stand still. A request with messages to show (one-off notices) renders its page and leaves
    the cache alone, as does a transaction with uncommitted changes."""
    usable = not freshness.uncommitted_changes() and not len(messages.get_messages(request))
    key = (
        fragment_key(f"page:{template}", version, (*parts, *layout_parts(request)))
        if usable
        else ""
    )
    return HttpResponse(_served(request, template, key, build_context))
