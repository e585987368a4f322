"""Reading JSON that strangers send: nesting is bounded before the parser sees it, so a document
60,000 levels deep is refused in words instead of exhausting Python's recursion (a 500)."""

from __future__ import annotations

import json
from typing import Any

__all__ = ["MAX_DEPTH", "TooDeep", "loads", "nesting_depth"]

#: No document we accept needs more; json.loads recurses once per level.
MAX_DEPTH = 64


class TooDeep(ValueError):
    pass


def nesting_depth(text: str, stop_at: int = MAX_DEPTH) -> int:
    """How deep arrays and objects nest (strings are skipped), counted up to ``stop_at + 1``."""
    depth = deepest = 0
    in_string = escaped = False
    for ch in text:
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch in "[{":
            depth += 1
            if depth > deepest:
                deepest = depth
                if deepest > stop_at:
                    return deepest
        elif ch in "]}":
            depth -= 1
    return deepest


def loads(text: str | bytes, *, max_depth: int = MAX_DEPTH) -> Any:
    """``json.loads``, refusing documents nested deeper than ``max_depth`` (``TooDeep``) and
    turning every error of the parser into a ``ValueError``."""
    if isinstance(text, bytes):
        text = text.decode("utf-8")
    if nesting_depth(text, max_depth) > max_depth:
        raise TooDeep(f"JSON nested deeper than {max_depth} levels is not accepted.")
    try:
        return json.loads(text)
    except RecursionError as exc:  # pragma: no cover - the depth check comes first
        raise TooDeep(f"JSON nested deeper than {max_depth} levels is not accepted.") from exc
