from __future__ import annotations

from celery import shared_task


@shared_task(acks_late=True)
def sweep_reminders() -> int:
    from .sweep import sweep

    return sweep()
