"""When the holiday calendar changes, the dates that depend on it are recomputed; when a model's
record changes, its open cases record it."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from gpai_cases.providers.models import GPAIModel
from gpai_cases.providers.services import model_changed

from .models import PublicHoliday


@receiver([post_save, post_delete], sender=PublicHoliday)
def holiday_changed(sender: Any, instance: PublicHoliday, **kwargs: Any) -> None:
    if kwargs.get("raw"):
        return
    from .tasks import queue_recompute_dates

    reason = f"holiday calendar changed: {instance.date:%Y-%m-%d} {instance.name}"
    transaction.on_commit(lambda: queue_recompute_dates(reason))


@receiver(model_changed, sender=GPAIModel)
def model_edited(
    sender: Any, model: GPAIModel, changes: dict[str, list[str]], **kwargs: Any
) -> None:
    """A model's record changed (in the portal, the API or the admin): its open cases record
    it, with old and new values (docs/rules.md § facts-as-filed)."""
    from .services.facts import model_change_record

    model_change_record(
        model=model,
        changes=changes,
        actor=kwargs.get("actor"),
        via=kwargs.get("via", ""),
        reason=kwargs.get("reason", ""),
        version=kwargs.get("version"),
    )
