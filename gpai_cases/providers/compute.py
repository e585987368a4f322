"""Training-compute arithmetic for the threshold of Art 51(2) AI Act.

Pure functions on :class:`decimal.Decimal` (never binary floats in the arithmetic): no database;
of Django only its translation (the messages are in the reader's language; :func:`format_flop`,
from :mod:`.flopformat`, writes the active language's decimal mark). See docs/rules.md § threshold
and § compute:

* § threshold — a GPAI model is presumed to have high-impact capabilities when the cumulative compute
  used for its training is **greater than** 10^25 FLOP (Art 51(2)); the number is a setting
  because the Commission may amend it (Art 51(3)): :data:`THRESHOLD_FLOP_DEFAULT`,
  :func:`above_threshold`;
* compute is declared to two significant figures with its method (:func:`parse_flop`,
  :func:`format_flop`), and an estimate is consistent with it within ±30 % of the declared figure
  (:func:`relative_difference`, :func:`is_consistent`, :func:`format_difference`); when the ±30 %
  band of the declared figure straddles the threshold, the unrounded figure is asked for
  (:func:`band_straddles_threshold`); :func:`check_compute` gives both doors the whole check;
* the two usual estimates: hardware-based (chips × seconds × peak FLOP/s × utilisation,
  :func:`hardware_estimate`) and architecture-based for dense transformers (6 × parameters × tokens,
  :func:`architecture_estimate`).
"""

# The multiplication sign × is the notation of the normal form ("3.2 × 10^25"), not a typo for x:

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, ROUND_UP, Decimal, InvalidOperation, localcontext
from typing import Any

from django.utils.translation import gettext

from .flopformat import _plain, format_flop
from .quantities import (
    FLOP,
    PARAMETERS,
    PEAK_FLOPS,
    TOKENS,
    FlopParseError,
    Quantity,
    _negative,
    _not_finite,
    _sentences,
    _unreadable,
)

__all__ = [
    "CONSISTENCY_TOLERANCE",
    "FLOP",
    "MAX_PLAUSIBLE_FLOP",
    "PARAMETERS",
    "PEAK_FLOPS",
    "THRESHOLD_FLOP_DEFAULT",
    "TOKENS",
    "ComputeCheck",
    "Estimate",
    "EstimateCheck",
    "FlopParseError",
    "Quantity",
    "above_threshold",
    "architecture_estimate",
    "band_straddles_threshold",
    "check_compute",
    "estimates_from_inputs",
    "format_difference",
    "format_flop",
    "hardware_estimate",
    "is_consistent",
    "parse_flop",
    "relative_difference",
]

THRESHOLD_FLOP_DEFAULT = Decimal("1e25")
"""The Art 51(2) threshold: training compute *greater than* 10^25 FLOP (docs/rules.md § threshold)."""

MAX_PLAUSIBLE_FLOP = Decimal("1e40")
"""Larger values are refused by :func:`parse_flop` as a typing error (usually the exponent)."""


# Thousands separators: space, comma, underscore, thin space, narrow no-break space, no-break space.
_SEP = "[ ,_\u2009\u202f\u00a0]"
_INT = rf"(?:\d{{1,3}}(?P<sep>{_SEP})\d{{3}}(?:(?P=sep)\d{{3}})*|\d+)"
_MANTISSA = rf"(?P<mant>{_INT}(?:\.\d*)?|\.\d+)"
# The scientific form with a decimal comma, as French and German write it ("3,6 × 10^25"): one
# digit before the comma and one or two after, so never a group of thousands.
_COMMA_MANTISSA = r"(?P<cmant>\d,\d{1,2})"
_TIMES = r"\s*[×xX*·⋅]\s*"
_POW = r"\s*(?:\^|\*\*)\s*"
_NUMBER = re.compile(
    rf"(?:{_MANTISSA}(?:[eE](?P<e_exp>[+-]?\d+)|{_TIMES}10{_POW}(?P<p_exp>[+-]?\d+))?"
    rf"|{_COMMA_MANTISSA}(?:[eE](?P<ce_exp>[+-]?\d+)|{_TIMES}10{_POW}(?P<cp_exp>[+-]?\d+))"
    rf"|10{_POW}(?P<bare_exp>[+-]?\d+))"
)
_SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻", "0123456789+-")
_SUPERSCRIPT_RUN = re.compile("[⁺⁻]?[⁰¹²³⁴⁵⁶⁷⁸⁹]+")
_UNIT = re.compile(r"\s*flops?\s*$", re.IGNORECASE)
_NON_FINITE = {"nan", "snan", "inf", "infinity", "∞"}


def parse_flop(value: str | int | float | Decimal, quantity: Quantity = FLOP) -> Decimal:
    """Read an amount of training compute in FLOP, exactly, as a :class:`Decimal`.

    Accepts ``"3.2e25"``, ``"3.2E+25"``, ``"3.2×10^25"``, ``"3.2 x 10^25"``, ``"3.2*10**25"``,
    ``"3.2 × 10²⁵"``, ``"10^25"``, plain digits, digits grouped in thousands by spaces, commas,
    underscores or thin spaces (``"32,000,000,000,000,000,000,000,000"``), an optional trailing
    ``FLOP``; ints; Decimals; and floats, read through their ``repr`` so that ``3.2e25`` stays
    exactly ``3.2E+25`` (not the binary approximation).

    Raises :class:`FlopParseError` with a plain-English message for empty input, garbage, negative
    numbers, zero, NaN or infinity, and implausible magnitudes (more than 10^40 FLOP).
    """
    q = quantity
    if isinstance(value, bool):
        raise FlopParseError(
            gettext("%(what)s must be %(number)s, not yes/no.")
            % {"what": q.title, "number": q.a_number}
        )
    if isinstance(value, Decimal):
        return _checked(value, str(value), q)
    if isinstance(value, int):
        return _checked(Decimal(value), str(value), q)
    if isinstance(value, float):
        text = repr(value)
        if text in ("nan", "inf", "-inf"):
            raise _not_finite(q, text)
        return _checked(Decimal(text), text, q)
    if not isinstance(value, str):
        raise FlopParseError(
            gettext("%(what)s must be %(number)s, not %(type)s.")
            % {"what": q.title, "number": q.a_number, "type": type(value).__name__}
        )
    return _checked(_parse_text(value, q), value.strip(), q)


def _parse_text(raw: str, q: Quantity = FLOP) -> Decimal:
    text = _UNIT.sub("", raw.strip()).strip()
    if not text:
        raise FlopParseError(_sentences(q.enter, q.examples))
    text = text.replace("\u2212", "-")  # the typographic minus sign
    text = _SUPERSCRIPT_RUN.sub(lambda m: "^" + m.group(0).translate(_SUPERSCRIPTS), text)
    sign, body = "", text
    if body[:1] in "+-":
        sign, body = body[0], body[1:].strip()
    if body.lower() in _NON_FINITE:
        raise _not_finite(q, raw.strip())
    match = _NUMBER.fullmatch(body)
    if match is None:
        hint = ""
        if re.search(r"\d,\d{1,2}(?![\d,])", body):
            hint = gettext(
                "Use a point for decimals (32.5, not 32,5), or the scientific form (3,2e25)."
            )
        raise FlopParseError(_sentences(_unreadable(q, raw.strip()), hint, q.examples))
    if sign == "-":
        raise _negative(q, raw.strip())
    if match.group("bare_exp") is not None:
        mantissa, exponent = "1", match.group("bare_exp")
    elif match.group("cmant") is not None:
        mantissa = match.group("cmant").replace(",", ".")
        exponent = match.group("ce_exp") or match.group("cp_exp")
    else:
        mantissa = re.sub(_SEP, "", match.group("mant"))
        exponent = match.group("e_exp") or match.group("p_exp") or "0"
    if len(exponent.lstrip("+-").lstrip("0")) > 6:
        raise FlopParseError(
            gettext("%(value)s is implausibly large or small for %(what)s; check the exponent.")
            % {"value": repr(raw.strip()), "what": q.name}
        )
    try:
        return Decimal(f"{mantissa}E{exponent}")
    except InvalidOperation as exc:  # pragma: no cover - the pattern only lets numbers through
        raise FlopParseError(_unreadable(q, raw.strip())) from exc


def _checked(value: Decimal, shown: str, q: Quantity = FLOP) -> Decimal:
    """Refuse non-finite, negative, zero and implausibly large values."""
    if not value.is_finite():
        raise _not_finite(q, shown)
    if value < 0:
        raise _negative(q, shown)
    if value == 0:
        raise FlopParseError(gettext("%(what)s must be greater than zero.") % {"what": q.title})
    if value > MAX_PLAUSIBLE_FLOP:
        unit = f" {q.unit}" if q.unit else ""
        raise FlopParseError(
            gettext("%(value)s is implausibly large (more than 10^40); check the exponent.")
            % {"value": f"{shown!r}{unit}"}
        )
    return value


def above_threshold(value: Decimal, threshold: Decimal = THRESHOLD_FLOP_DEFAULT) -> bool:
    """Rule 1 (Art 51(2)): True when ``value`` is strictly greater than ``threshold``.

    A declared 1.0 × 10^25 is not above 10^25 (ask for the unrounded figure).
    """
    return value > threshold


def _positive(name: str, value: Decimal | int) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, (Decimal, int)):
        raise TypeError(f"{name} must be a Decimal or an int, not {type(value).__name__}")
    number = Decimal(value)
    if not number.is_finite() or number <= 0:
        raise ValueError(f"{name} must be a positive number (got {value})")
    return number


def hardware_estimate(
    *,
    accelerators: int,
    peak_flops_per_accelerator: Decimal,
    utilisation: Decimal,
    training_hours: Decimal,
) -> Decimal:
    """Hardware-based estimate of training compute, in FLOP, for one phase.

    docs/rules.md § compute: chips × seconds × peak FLOP/s per chip × utilisation, i.e.
    ``accelerators × peak × utilisation × hours × 3600``. ``utilisation`` (model FLOP utilisation)
    must lie in (0, 1]. Example: 10,000 H100 × 989 × 10^12 FLOP/s × 0.40 × 2160 h (90 days)
    ≈ 3.1 × 10^25.
    Sum the phases (pre-training, fine-tuning, RL, …) yourself.
    """
    chips = _positive("accelerators", accelerators)
    if chips != chips.to_integral_value():
        raise ValueError(f"accelerators must be a whole number (got {accelerators})")
    peak = _positive("peak_flops_per_accelerator", peak_flops_per_accelerator)
    use = _positive("utilisation", utilisation)
    if use > 1:
        raise ValueError(f"utilisation must be at most 1 (got {utilisation}); 40 % is 0.40")
    hours = _positive("training_hours", training_hours)
    with localcontext() as ctx:
        ctx.prec = 60
        return chips * peak * use * hours * 3600


def architecture_estimate(*, parameters: Decimal | int, training_tokens: Decimal | int) -> Decimal:
    """Architecture-based estimate for a dense transformer: 6 × parameters × training tokens.

    docs/rules.md § compute: 6 × 4.0 × 10^11 × 1.5 × 10^13 = 3.6 × 10^25.
    """
    n = _positive("parameters", parameters)
    d = _positive("training_tokens", training_tokens)
    with localcontext() as ctx:
        ctx.prec = 60
        return 6 * n * d


@dataclass(frozen=True)
class Estimate:
    """An estimate of training compute from the inputs a provider gave, and how it was made."""

    method: str  # "hardware" or "architecture", as the notification's compute_method
    label: str
    value: Decimal


#: The names of the inputs of each estimate, with the older names still found in filings.
INPUT_NAMES = {
    "accelerators": ("accelerators",),
    "peak": ("peak_flops_per_accelerator", "peak_flops"),
    "utilisation": ("utilisation",),
    "hours": ("training_hours", "hours"),
    "parameters": ("parameters",),
    "tokens": ("training_tokens",),
}


def _input(inputs: Mapping[str, Any], name: str) -> Decimal | None:
    for key in INPUT_NAMES[name]:
        value = inputs.get(key)
        if value not in (None, ""):
            try:
                number = Decimal(str(value))
            except (InvalidOperation, ValueError):
                return None
            return number if number.is_finite() else None
    return None


def estimates_from_inputs(
    inputs: Mapping[str, Any],
    *,
    parameters: Decimal | int | None = None,
    training_tokens: Decimal | int | None = None,
) -> list[Estimate]:
    """The estimates the inputs of a filing allow: hardware-based when chips, peak FLOP/s,
    utilisation and hours are given; architecture-based when parameters and tokens are (from the
    inputs, else ``parameters`` and ``training_tokens``, the model's declared figures). Inputs
    that cannot make an estimate (missing, not numbers, out of range) give none.
    """
    estimates = []
    chips, peak = _input(inputs, "accelerators"), _input(inputs, "peak")
    use, hours = _input(inputs, "utilisation"), _input(inputs, "hours")
    if chips is not None and peak is not None and use is not None and hours is not None:
        try:
            value = hardware_estimate(
                accelerators=int(chips),
                peak_flops_per_accelerator=peak,
                utilisation=use,
                training_hours=hours,
            )
        except (ArithmeticError, TypeError, ValueError):
            pass
        else:
            estimates.append(
                Estimate(
                    "hardware",
                    gettext(
                        "Hardware-based: accelerators × peak FLOP/s × utilisation × hours × 3600"
                    ),
                    value,
                )
            )
    n = _input(inputs, "parameters") or (Decimal(parameters) if parameters else None)
    d = _input(inputs, "tokens") or (Decimal(training_tokens) if training_tokens else None)
    if n and d:
        try:
            value = architecture_estimate(parameters=n, training_tokens=d)
        except (ArithmeticError, TypeError, ValueError):
            pass
        else:
            estimates.append(
                Estimate(
                    "architecture", gettext("Architecture-based: 6 × parameters × tokens"), value
                )
            )
    return estimates


# ---- the ±30 % consistency check (docs/rules.md § compute) ------------------------------------

CONSISTENCY_TOLERANCE = Decimal("0.30")
"""An estimate is consistent with the declared figure when it differs from it by at most 30 % of
the declared figure (docs/rules.md § compute)."""


def relative_difference(declared: Decimal, estimate: Decimal) -> Decimal:
    """How far an estimate is from the declared figure, relative to the declared figure:
    ``(estimate − declared) / declared``. ``+0.18`` is an estimate 18 % above the declared
    figure, ``−0.31`` one 31 % below it."""
    declared_ = _positive("declared", declared)
    estimate_ = _positive("estimate", estimate)
    with localcontext() as ctx:
        ctx.prec = 60
        return (estimate_ - declared_) / declared_


def is_consistent(
    declared: Decimal, estimate: Decimal, tolerance: Decimal = CONSISTENCY_TOLERANCE
) -> bool:
    """True when ``|estimate − declared| / declared ≤ tolerance``: exactly 30 % is still
    consistent, 30.000…1 % is not."""
    return abs(relative_difference(declared, estimate)) <= _tolerance(tolerance)


def _tolerance(tolerance: Decimal) -> Decimal:
    tol = _positive("tolerance", tolerance)
    if tol >= 1:
        raise ValueError(f"tolerance must be below 1 (got {tolerance}); 30 % is 0.30")
    return tol


def format_difference(difference: Decimal, tolerance: Decimal = CONSISTENCY_TOLERANCE) -> str:
    """A relative difference as a percentage with its sign: ``"+18 %"``, ``"−31 %"``, ``"0 %"``.

    Whole percents, rounded half up; a difference just beyond the tolerance that would round to
    it (30.4 %) keeps one decimal, rounded away from zero (``"+30.5 %"``), so that the figure
    shown never contradicts the verdict of :func:`is_consistent`.
    """
    limit = _tolerance(tolerance) * 100
    with localcontext() as ctx:
        ctx.prec = 60
        percent = Decimal(difference) * 100
        shown = percent.quantize(Decimal(1), rounding=ROUND_HALF_UP)
        if abs(percent) > limit and abs(shown) <= limit:
            shown = percent.quantize(Decimal("0.1"), rounding=ROUND_UP)
    if shown == 0:
        return "0 %"
    sign = "+" if shown > 0 else "\u2212"  # the typographic minus sign
    return f"{sign}{_plain(abs(shown))} %"


def band_straddles_threshold(
    declared: Decimal, threshold: Decimal, tolerance: Decimal = CONSISTENCY_TOLERANCE
) -> bool:
    """True when the ±30 % band of the declared figure straddles the threshold:
    ``declared × 0.7 ≤ threshold < declared × 1.3``. A consistent estimate could then lie on
    either side of the threshold, so the unrounded figure is asked for (for 10^25: declared
    above about 7.7 × 10^24 and up to about 1.43 × 10^25)."""
    declared_ = _positive("declared", declared)
    threshold_ = _positive("threshold", threshold)
    tol = _tolerance(tolerance)
    with localcontext() as ctx:
        ctx.prec = 60
        return declared_ * (1 - tol) <= threshold_ < declared_ * (1 + tol)


@dataclass(frozen=True)
class EstimateCheck:
    """One estimate beside the declared figure."""

    estimate: Estimate
    difference: Decimal
    consistent: bool
    difference_text: str


@dataclass(frozen=True)
class ComputeCheck:
    """The declared figure against the threshold and against each estimate."""

    declared: Decimal
    threshold: Decimal
    tolerance: Decimal
    above: bool
    straddles: bool
    estimates: tuple[EstimateCheck, ...]

    @property
    def band(self) -> tuple[Decimal, Decimal]:
        """The ±30 % band of the declared figure: (declared × 0.7, declared × 1.3)."""
        with localcontext() as ctx:
            ctx.prec = 60
            return self.declared * (1 - self.tolerance), self.declared * (1 + self.tolerance)

    @property
    def consistent(self) -> bool:
        """Every estimate is consistent (True when there is none)."""
        return all(e.consistent for e in self.estimates)


def check_compute(
    declared: Decimal,
    estimates: list[Estimate],
    *,
    threshold: Decimal = THRESHOLD_FLOP_DEFAULT,
    tolerance: Decimal = CONSISTENCY_TOLERANCE,
) -> ComputeCheck:
    """The whole check the case page and the wizard show: above the threshold or not, whether
    the ±30 % band straddles it, and each estimate's difference and verdict."""
    rows = []
    for e in estimates:
        difference = relative_difference(declared, e.value)
        rows.append(
            EstimateCheck(
                estimate=e,
                difference=difference,
                consistent=abs(difference) <= _tolerance(tolerance),
                difference_text=format_difference(difference, tolerance),
            )
        )
    return ComputeCheck(
        declared=declared,
        threshold=threshold,
        tolerance=tolerance,
        above=above_threshold(declared, threshold),
        straddles=band_straddles_threshold(declared, threshold, tolerance),
        estimates=tuple(rows),
    )
