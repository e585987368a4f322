"""Registering providers and their models. Permissions: :mod:`gpai_cases.cases.access`."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from auditlog.context import set_actor

from gpai_cases.core.permissions import require

from .access import may_manage_models, may_register_providers
from .compute import parse_flop
from .models import GPAIModel, Provider

__all__ = ["BIG_NUMBER_FIELDS", "model_register", "model_update", "provider_create"]

BIG_NUMBER_FIELDS = ("parameter_count", "training_compute_flop", "training_tokens")


def provider_create(*, actor: Any, legal_name: str, country: str, **fields: Any) -> Provider:
    require(may_register_providers, actor)
    provider = Provider(legal_name=legal_name.strip(), country=country.upper(), **fields)
    provider.full_clean()
    with set_actor(actor):  # the change history names the actor, whatever the door
        provider.save()
    return provider


def _model_fields(fields: dict[str, Any]) -> dict[str, Any]:
    """Parse large numbers given as text (3.2e25, 3.2×10^25) and store them as whole numbers."""
    for name in BIG_NUMBER_FIELDS:
        value = fields.get(name)
        if value is None or value == "":
            fields[name] = None
            continue
        if not isinstance(value, Decimal):
            value = parse_flop(value)
        fields[name] = Decimal(int(value.to_integral_value()))
    return fields


def model_register(*, actor: Any, provider: Provider, **fields: Any) -> GPAIModel:
    require(may_manage_models, actor, provider)
    model = GPAIModel(provider=provider, **_model_fields(fields))
    model.full_clean()
    with set_actor(actor):
        model.save()
    return model


def model_update(*, actor: Any, model: GPAIModel, **fields: Any) -> GPAIModel:
    require(may_manage_models, actor, model.provider)
    for name, value in _model_fields(fields).items():
        setattr(model, name, value)
    model.full_clean()
    with set_actor(actor):  # old and new values in the model's history (django-auditlog)
        model.save()
    return model
