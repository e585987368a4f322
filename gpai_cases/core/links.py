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
    return _filler(name, kinds, urlconf, get_script_prefix())


@functools.lru_cache(maxsize=512)
def _filler(name: str, kinds: tuple[type, ...], urlconf: Any, prefix: str) -> Callable[..., str]:
    """The filling function of a pattern: the URL cut at its markers once, each row's values put
    between the pieces (a number as its digits, a word quoted as ``reverse()`` quotes it)."""
    pattern, markers = _pattern(name, kinds, urlconf, prefix)
    pieces, rest = [], pattern
    for marker in markers:
        head, found, rest = rest.partition(marker)
        if not found:  # pragma: no cover - a marker is in the URL it was reversed with
            raise NoReverseMatch(f"{name}: a marker is missing from {pattern}")
        pieces.append(head)
    tail = rest
    dumps = [_digits if kind is int else _quoted for kind in kinds]
    if len(markers) == 1:
        (head,), (dump,) = pieces, dumps

        def fill_one(*args: Any) -> str:
            if len(args) != 1:
                raise TypeError(f"{name} takes 1 argument")
            return head + dump(args[0]) + tail

        return fill_one

    def fill(*args: Any) -> str:
        if len(args) != len(markers):
            raise TypeError(f"{name} takes {len(markers)} arguments")
        return "".join(p + d(v) for p, d, v in zip(pieces, dumps, args, strict=True)) + tail

    return fill


def _digits(value: Any) -> str:
    # an int converter's value: its digits need no quoting (anything else is quoted)
    return str(value) if type(value) is int else quote(str(value), safe="")


def _quoted(value: Any) -> str:
    return quote(str(value), safe="")
