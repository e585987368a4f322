from __future__ import annotations

from typing import Any

from celery import shared_task


@shared_task(acks_late=True)
def sweep_reminders() -> int:
    from .sweep import sweep

    return sweep()


@shared_task(
    acks_late=True,
    autoretry_for=(OSError,),
    retry_backoff=30,
    retry_backoff_max=3600,
    max_retries=8,
)
def deliver_reminders(messages: list[dict[str, Any]]) -> int:
    """E-mail a batch of recorded reminders (the sweep has put them in the inbox already)."""
    from .delivery import send

    return send(messages)
