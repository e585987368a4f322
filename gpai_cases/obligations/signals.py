"""When the holiday calendar changes, the obligations' dates that depend on it are recomputed
(as the cases' are: ``cases/signals.py``)."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from gpai_cases.cases.models import PublicHoliday


@receiver([post_save, post_delete], sender=PublicHoliday)
def holiday_changed(sender: Any, instance: PublicHoliday, **kwargs: Any) -> None:
    if kwargs.get("raw"):
        return
    from .tasks import queue_recompute_dates

    reason = f"holiday calendar changed: {instance.date:%Y-%m-%d} {instance.name}"
    transaction.on_commit(lambda: queue_recompute_dates(reason))
