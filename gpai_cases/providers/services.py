"""Registering providers and their models. Permissions: :mod:`gpai_cases.cases.access`.

A model's record is versioned (docs/rules.md § facts-as-filed): registering it records version 1,
every edit that changes something records the next version in :class:`core.RecordChange` with the
old and new values as text, and announces it (:data:`model_changed`) in its transaction, so that
the cases of the model record it in their audit trail.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from auditlog.context import set_actor
from django.db import transaction
from django.dispatch import Signal

from gpai_cases.core.models import RecordChange
from gpai_cases.core.permissions import require

from . import figures
from .access import may_manage_models, may_register_providers
from .compute import parse_flop
from .models import GPAIModel, Provider

__all__ = [
    "BIG_NUMBER_FIELDS",
    "model_changed",
    "model_register",
    "model_update",
    "provider_create",
]

BIG_NUMBER_FIELDS = ("parameter_count", "training_compute_flop", "training_tokens")

#: Sent inside the transaction of a model edit that changed something, with ``model``,
#: ``changes`` (field → [old, new], as text), ``actor``, ``via``, ``reason`` and ``version``.
model_changed = Signal()


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
        if name not in fields:
            continue
        value = fields.get(name)
        if value is None or value == "":
            fields[name] = None
            continue
        if not isinstance(value, Decimal):
            value = parse_flop(value)
        fields[name] = Decimal(int(value.to_integral_value()))
    return fields


def _stored(model: GPAIModel) -> dict[str, str]:
    """The model's versioned fields as the database holds them (as text)."""
    return figures.text_values(GPAIModel.objects.get(pk=model.pk))


def model_register(
    *, actor: Any, provider: Provider, via: str = "", reason: str = "", **fields: Any
) -> GPAIModel:
    require(may_manage_models, actor, provider)
    for name in BIG_NUMBER_FIELDS:
        fields.setdefault(name, None)
    model = GPAIModel(provider=provider, **_model_fields(fields))
    model.full_clean()
    with transaction.atomic(), set_actor(actor):  # history: RecordChange and django-auditlog
        model.save()
        created = {name: ["", new] for name, new in _stored(model).items() if new}
        RecordChange.record(
            model, actor=actor, changes=created, via=via, reason=reason, created=True
        )
    return model


def model_update(
    *, actor: Any, model: GPAIModel, via: str = "", reason: str = "", **fields: Any
) -> GPAIModel:
    """Edit a registered model: the new version is recorded with old and new values (and the
    reason, if given), and the model's open cases are told (:data:`model_changed`)."""
    require(may_manage_models, actor, model.provider)
    with transaction.atomic(), set_actor(actor):  # history: RecordChange and django-auditlog
        locked = GPAIModel.objects.select_for_update().select_related("provider").get(pk=model.pk)
        before = _stored(locked)
        for name, value in _model_fields(fields).items():
            setattr(locked, name, value)
        locked.full_clean()
        locked.save()
        changes = figures.changes(before, _stored(locked))
        if changes:
            change = RecordChange.record(
                locked, actor=actor, changes=changes, via=via, reason=reason
            )
            model_changed.send(
                sender=GPAIModel,
                model=locked,
                changes=changes,
                actor=actor,
                via=via,
                reason=reason.strip(),
                version=change.version,
            )
    if model is not locked:
        model.refresh_from_db()  # the caller's instance shows what was saved
    return locked
