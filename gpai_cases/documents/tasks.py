from __future__ import annotations

from celery import shared_task


@shared_task(acks_late=True)
def remove_orphan_files() -> int:
    from .cleanup import orphan_files_remove

    return len(orphan_files_remove())
