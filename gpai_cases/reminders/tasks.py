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
    """E-mail a batch of recorded reminders (batches queued before the e-mails moved to
    ``core.tasks.send_emails``)."""
    from gpai_cases.core.mail import send

    return send(messages)


@shared_task(
    acks_late=True,
    autoretry_for=(Exception,),
    retry_backoff=30,
    retry_backoff_max=3600,
    max_retries=8,
)
def deliver_messages(ids: list[int]) -> int:
    """E-mail event messages that are still pending (each once: see ``outbox``)."""
    from .outbox import deliver

    return deliver(ids)


@shared_task(acks_late=True)
def deliver_pending_messages() -> int:
    """Every minute: send what the broker or a worker left pending."""
    from .outbox import deliver_pending

    return deliver_pending()


@shared_task(acks_late=True)
def send_message_digests() -> int:
    from .outbox import send_digests

    return send_digests()
