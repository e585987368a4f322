"""Links for long lists: ``reverse()`` once per page, then fill in each row's arguments.

``reverse()`` costs tens of microseconds; a page with a hundred rows and three links each spent
more time reversing URLs than querying. :func:`url_filler` resolves the pattern once with
markers in place of the arguments and returns a function that puts each row's values in. The
pattern found is kept per URLconf and script prefix (what ``reverse()`` answers from; no URL here
depends on the language): a page asks for the same few fillers on every request, and finding one
reverses up to three times (a marker the converter refuses raises ``NoReverseMatch``).
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Callable
from typing import Any
from urllib.parse import quote

from django.conf import settings
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse


def _candidates(i: int, kind: type) -> list[str]:
    """Markers for argument ``i`` that no real value equals, one per shape of converter (a
    number; lower-case letters; a case reference; a public entry id)."""
    if kind is int:
        return [f"9{i}8765432{i}9"]
    letter = "abcdefghij"[i % 10]
    return [f"zz{letter}marker{letter}zz", f"GPAI-9{i}99-{i}9876", f"GPAI-SR-{i}98765"]


@functools.lru_cache(maxsize=512)
def _pattern(
    name: str, kinds: tuple[type, ...], urlconf: Any, prefix: str
) -> tuple[str, tuple[str, ...]]:
    """The URL reversed with markers, and the markers (``urlconf`` and ``prefix``: the key)."""
    for markers in itertools.product(*(_candidates(i, k) for i, k in enumerate(kinds))):
        try:
            return reverse(name, args=markers, urlconf=urlconf), markers
        except NoReverseMatch:
            continue
    raise NoReverseMatch(f"No markers fit the arguments of {name}")


def url_filler(name: str, *kinds: type) -> Callable[..., str]:
    """``url_filler("portal:case", str)("GPAI-2026-0001") == reverse("portal:case", args=[...])``.

    ``kinds`` are the argument types (``int`` for ``<int:…>`` converters, ``str`` otherwise).
    """
    urlconf = get_urlconf() or settings.ROOT_URLCONF
    pattern, markers = _pattern(name, kinds, urlconf, get_script_prefix())

    def fill(*args: Any) -> str:
        if len(args) != len(markers):
            raise TypeError(f"{name} takes {len(markers)} arguments")
        url = pattern
        for marker, value in zip(markers, args, strict=True):
            url = url.replace(marker, quote(str(value), safe=""))
        return url

    return fill
