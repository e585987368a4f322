"""How a permission carries the sentence that refuses it.

A permission is a function ``may_<verb>(user, obj=None) -> bool`` decorated with
:func:`refused_with`; :func:`require` raises ``PermissionDenied`` with that sentence. The
permissions themselves live in the access module of the app they belong to
(:mod:`gpai_cases.providers.access`, :mod:`gpai_cases.cases.access`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django.core.exceptions import PermissionDenied

Check = TypeVar("Check", bound=Callable[..., bool])

__all__ = ["refusal", "refused_with", "require"]


def refused_with(sentence: str) -> Callable[[Check], Check]:
    """Attach the refusal sentence to a permission."""

    def attach(check: Check) -> Check:
        check.refusal = sentence  # type: ignore[attr-defined]
        return check

    return attach


def refusal(check: Callable[..., bool]) -> str:
    """The sentence that refuses ``check``."""
    return check.refusal  # type: ignore[attr-defined]


def require(check: Callable[..., bool], user: Any, obj: Any = None) -> None:
    """Raise ``PermissionDenied`` with the check's sentence unless it allows ``user``."""
    if not check(user, obj):
        raise PermissionDenied(refusal(check))
