"""Handing work to a Celery worker without ever losing it when the broker is down."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

logger = logging.getLogger(__name__)

__all__ = ["queue_or"]


def queue_or(
    task: Any, *args: Any, otherwise: Callable[[], Any] | None = None, what: str = ""
) -> bool:
    """Queue ``task(*args)`` for a worker; True when the broker took it.

    When the broker cannot be reached (kombu raises ``OperationalError`` and friends), say so
    in the log and run ``otherwise`` now — doing the work in this process, or nothing when a
    periodic sweep picks it up later (``otherwise=None``). An error in ``otherwise`` is logged,
    not raised: what was recorded stays recorded.
    """
    try:
        task.delay(*args)
    except Exception:
        logger.warning("Broker unreachable: %s not queued", what or task.name, exc_info=True)
    else:
        return True
    if otherwise is not None:
        try:
            otherwise()
        except Exception:
            logger.exception("Could not do %s in this process either", what or task.name)
    return False
