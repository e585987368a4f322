"""The one written form of an amount of FLOP, parameters or tokens: ``"3.6 × 10^25"``, with the
decimal mark of the reader's language (``"3,6 × 10^25"`` in French and German, Django's
``DECIMAL_SEPARATOR``). :func:`gpai_cases.providers.compute.parse_flop` reads every form back."""

from __future__ import annotations

import functools
from decimal import ROUND_HALF_UP, Decimal, localcontext

from django.utils import formats, translation

__all__ = ["format_flop"]


def format_flop(value: Decimal, *, language: str | None = None) -> str:
    """The one normal form of an amount of FLOP: ``"3.2 × 10^25"``.

    Up to three significant digits (rounded half up), trailing zeros dropped: ``"1 × 10^25"``,
    ``"7.54 × 10^22"``. Values below 10^6 are written as plain digits (``"999999"``; a fraction is
    rounded to three significant digits, ``"0.125"``). The scientific form takes the decimal mark
    of ``language`` (the active language by default, Django's ``DECIMAL_SEPARATOR``):
    ``"3,2 × 10^25"`` in French and German; plain digits keep the point, since "0,125" would read
    as a group of thousands. ``parse_flop`` reads every output back, in every language.
    """
    text = _format_flop(Decimal(value))
    if "×" not in text:
        return text
    mark = formats.get_format("DECIMAL_SEPARATOR", lang=language or translation.get_language())
    return text.replace(".", mark) if mark and mark != "." else text


def _format_flop(value: Decimal) -> str:
    if not value.is_finite():
        raise ValueError(f"cannot format a non-finite amount of FLOP ({value})")
    return _format_finite(value)


@functools.lru_cache(maxsize=4096)
def _format_finite(value: Decimal) -> str:
    # pure, and the same figures come back on every page of a provider's models (a list of
    # models formatted 50 amounts per request); equal amounts have the one form, so the cache
    # may answer for 3.2E+25 what it computed for 3.20E+25
    if value < 0:
        return "-" + _format_flop(-value)
    if value == 0:
        return "0"
    if value < Decimal("1e6") and value == value.to_integral_value():
        return str(int(value))
    with localcontext() as ctx:
        ctx.prec = 3
        ctx.rounding = ROUND_HALF_UP
        rounded = +value
    if rounded < Decimal("1e6"):
        return _plain(rounded)
    exponent = rounded.adjusted()
    mantissa = _plain(rounded.scaleb(-exponent))
    return f"{mantissa} × 10^{exponent}"


def _plain(value: Decimal) -> str:
    """Positional notation with trailing zeros (and a trailing point) dropped."""
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text
