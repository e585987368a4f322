from __future__ import annotations

from typing import Any

from celery import shared_task


@shared_task(
    acks_late=True,
    autoretry_for=(OSError,),
    retry_backoff=30,
    retry_backoff_max=3600,
    max_retries=8,
)
def send_emails(messages: list[dict[str, Any]]) -> int:
    """E-mail a batch handed over by :func:`gpai_cases.core.mail.hand_over`."""
    from .mail import send

    return send(messages)
