"""The fields of big numbers (compute, parameters, tokens): the usual spellings read, the one
normal form shown, errors in the words of the field."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from gpai_cases.providers.compute import FLOP, FlopParseError, Quantity, format_flop, parse_flop

__all__ = ["BigNumberField", "FlopField"]


class FlopField(forms.Field):
    """Accepts 3.2e25, 3.2×10^25 or plain digits; cleans to a Decimal."""

    def __init__(self, *, max_length: int = 60, quantity: Quantity = FLOP, **kwargs: Any) -> None:
        self.quantity = quantity  # whose words the errors use (the parameters' are not FLOP)
        kwargs.setdefault(
            "widget", forms.TextInput(attrs={"maxlength": max_length, "inputmode": "decimal"})
        )
        super().__init__(**kwargs)
        self.max_length = max_length

    def prepare_value(self, value: Any) -> Any:
        """A stored number is shown in the one normal form ("4 × 10^11", never "4E+11"); what
        someone typed is shown as typed."""
        if isinstance(value, (Decimal, int)) and not isinstance(value, bool) and value > 0:
            return format_flop(Decimal(value))
        return value

    def to_python(self, value: Any) -> Decimal | None:
        value = str(value or "").strip()
        if not value:
            return None
        if len(value) > self.max_length:
            raise forms.ValidationError(
                _("Keep it under %(limit)s characters.") % {"limit": self.max_length}
            )
        try:
            return parse_flop(value, self.quantity)
        except FlopParseError as exc:
            raise forms.ValidationError(str(exc)) from exc


class BigNumberField(FlopField):
    """Parameters, tokens: the same notations as FLOP."""
