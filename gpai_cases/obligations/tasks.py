"""Queued and periodic work of the obligations."""

from __future__ import annotations

import logging

from celery import shared_task

from gpai_cases.core.queueing import queue_or

logger = logging.getLogger(__name__)


def recompute(reason: str) -> int:
    from .services import framework_dates_recompute, incident_dates_recompute

    return incident_dates_recompute(reason=reason) + framework_dates_recompute(reason=reason)


@shared_task(bind=True, max_retries=5, default_retry_delay=30, acks_late=True)
def recompute_dates(self, reason: str = "daily check") -> int:
    """Recompute the obligations' dates that depend on the holiday calendar (idempotent)."""
    changed = recompute(reason)
    logger.info("Recomputed %s obligation dates (%s)", changed, reason)
    return changed


def queue_recompute_dates(reason: str) -> None:
    """Queue a recomputation; if the broker is unreachable, do it now rather than lose it."""
    queue_or(
        recompute_dates,
        reason,
        otherwise=lambda: recompute(reason),
        what="recomputing the obligations' dates",
    )
