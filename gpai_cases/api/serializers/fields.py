"""Fields every serializer may use: big numbers read exactly."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.utils import timezone
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from gpai_cases.providers import compute

MAX_INT = 10**18
#: How a provider sees the AI Office's staff: as the institution.
AI_OFFICE = "AI Office"


def office_asks(serializer: serializers.Serializer) -> bool:
    """Whether the request is the AI Office's (no request: the safe answer is no)."""
    request = serializer.context.get("request")
    user = getattr(request, "user", None)
    return bool(user is not None and getattr(user, "is_ai_office", False))


@extend_schema_field({"oneOf": [{"type": "number"}, {"type": "string", "example": "3.2e25"}]})
class BigNumberField(serializers.Field):
    """A large number given as a JSON number or a string such as "3.2e25" or "3.2×10^25"."""

    default_error_messages = {"invalid": "Give a positive number, e.g. 3.2e25."}

    def to_internal_value(self, data: Any) -> Decimal:
        if isinstance(data, bool) or not isinstance(data, int | float | str):
            self.fail("invalid")
        try:
            return compute.parse_flop(data)
        except (compute.FlopParseError, ValueError, OverflowError) as exc:
            raise serializers.ValidationError(str(exc)) from exc

    def to_representation(self, value: Decimal) -> str:
        return f"{value:.6g}" if value is not None else None


def checked(value: Any, check: Any) -> Any:
    """Run one of the date rules of ``cases.rules`` as field validation (400, not 409)."""
    problems = check(value, today=timezone.localdate())
    if problems:
        raise serializers.ValidationError(problems)
    return value
