from __future__ import annotations

import logging

from celery import shared_task

logger = logging.getLogger(__name__)


@shared_task(bind=True, max_retries=3, acks_late=True)
def render_letter(self, letter_id: int) -> str:
    """Render a letter; retry with exponential backoff; after the last retry mark it failed."""
    from .services import letter_record_failure, letter_render, letter_render_started

    letter_render_started(letter_id=letter_id)
    try:
        return letter_render(letter_id=letter_id).reference
    except Exception as exc:
        final = self.request.retries >= self.max_retries
        letter_record_failure(
            letter_id=letter_id, error=f"{type(exc).__name__}: {exc}", final=final
        )
        logger.warning("Letter %s failed (attempt %s)", letter_id, self.request.retries + 1)
        if final:
            raise
        raise self.retry(exc=exc, countdown=2 ** (self.request.retries + 1)) from exc


@shared_task
def queue_missing_letters() -> int:
    from .services import letters_queue_missing

    return letters_queue_missing()
