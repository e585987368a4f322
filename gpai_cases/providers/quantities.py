"""The words of the big numbers the forms ask for (training compute, parameters, peak FLOP/s,
tokens) and the parser's refusals, each a whole sentence in the reader's language."""

from __future__ import annotations

from typing import NamedTuple

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

__all__ = ["FLOP", "PARAMETERS", "PEAK_FLOPS", "TOKENS", "FlopParseError", "Quantity"]


class FlopParseError(ValueError):
    """A value that cannot be read as an amount of training compute; the message says why."""


class Quantity(NamedTuple):
    """The words of one big number a form asks for, so that each field's errors name that field.
    Each is a whole phrase in the reader's language (lazy), never pieced together from words."""

    name: str  # "training compute", in a sentence
    title: str  # "Training compute", at the start of a sentence
    unit: str  # "FLOP", or "" for a plain count
    a_number: str  # "a number of FLOP", "a whole number"
    enter: str  # the sentence asking for it
    examples: str


FLOP = Quantity(
    _("training compute"),
    _("Training compute"),
    "FLOP",
    _("a number of FLOP"),
    _("Enter the training compute in FLOP."),
    _("Write it like 3.2e25, 3.2 × 10^25 or 32000000000000000000000000."),
)
PARAMETERS = Quantity(
    _("the number of parameters"),
    _("The number of parameters"),
    "",
    _("a whole number"),
    _("Enter the number of parameters."),
    _("Write it like 4e11, 4 × 10^11 or 400000000000."),
)
PEAK_FLOPS = Quantity(
    _("the peak FLOP/s per accelerator"),
    _("The peak FLOP/s per accelerator"),
    "FLOP/s",
    _("a number of FLOP/s"),
    _("Enter the peak FLOP/s per accelerator in FLOP/s."),
    _("Write it like 9.89e14 or 9.89 × 10^14."),
)
TOKENS = Quantity(
    _("the number of training tokens"),
    _("The number of training tokens"),
    "",
    _("a whole number"),
    _("Enter the number of training tokens."),
    _("Write it like 1.5e13, 1.5 × 10^13 or 15000000000000."),
)


def _sentences(*parts: object) -> str:
    """Whole sentences, each translated on its own, one after the other."""
    return " ".join(str(p) for p in parts if p)


def _not_finite(q: Quantity, shown: str) -> FlopParseError:
    return FlopParseError(
        gettext("%(what)s must be a finite number, not %(value)s.")
        % {"what": q.title, "value": repr(shown)}
    )


def _negative(q: Quantity, shown: str) -> FlopParseError:
    return FlopParseError(
        gettext("%(what)s cannot be negative (got %(value)s).")
        % {"what": q.title, "value": repr(shown)}
    )


def _unreadable(q: Quantity, shown: str) -> str:
    return gettext("Could not read %(value)s as %(number)s.") % {
        "value": repr(shown),
        "number": q.a_number,
    }
