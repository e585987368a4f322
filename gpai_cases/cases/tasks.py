"""Periodic and queued work of the cases app."""

from __future__ import annotations

import logging

from celery import shared_task

from gpai_cases.core.queueing import queue_or

logger = logging.getLogger(__name__)


@shared_task(bind=True, max_retries=5, default_retry_delay=30, acks_late=True)
def recompute_dates(self, reason: str = "daily check") -> int:
    """Recompute every stored date that depends on the holiday calendar (idempotent)."""
    from .services import dates_recompute

    changed = dates_recompute(reason=reason)
    logger.info("Recomputed %s dates (%s)", changed, reason)
    return changed


@shared_task(acks_late=True)
def lapse_requests() -> int:
    """Lapse the requests whose due date passed unanswered (idempotent; docs/rules.md § requests)."""
    from .services import information_requests_lapse

    lapsed = information_requests_lapse()
    logger.info("%s request(s) lapsed", lapsed)
    return lapsed


def queue_recompute_dates(reason: str) -> None:
    """Queue a recomputation; if the broker is unreachable, do it now rather than lose it."""
    from .services import dates_recompute

    queue_or(
        recompute_dates,
        reason,
        otherwise=lambda: dates_recompute(reason=reason),
        what="recomputing dates",
    )
