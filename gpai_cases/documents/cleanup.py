"""Stored files that no document records: what a process killed between writing a file and
committing its row leaves behind (a letter's PDF when the worker dies). Removed once they are
older than any transaction could be; a file a document records is never touched."""

from __future__ import annotations

import datetime
import logging
import os
from pathlib import Path

from django.conf import settings

from .models import Document

logger = logging.getLogger(__name__)

#: Files younger than this may belong to a transaction still under way.
GRACE = datetime.timedelta(minutes=30)


def orphan_files_remove(*, older_than: datetime.timedelta = GRACE) -> list[str]:
    """Remove the files under ``documents/`` that no document (removed ones included) records
    and that are older than ``older_than``; returns their names."""
    root = Path(settings.MEDIA_ROOT)
    folder = root / "documents"
    if not folder.is_dir():
        return []
    recorded = set(Document.all_objects.values_list("file", flat=True))
    cutoff = datetime.datetime.now().timestamp() - older_than.total_seconds()
    removed = []
    for directory, _dirs, files in os.walk(folder):
        for name in files:
            path = Path(directory) / name
            stored = path.relative_to(root).as_posix()
            if stored in recorded or path.stat().st_mtime > cutoff:
                continue
            path.unlink(missing_ok=True)
            removed.append(stored)
    if removed:
        logger.warning("Removed %s stored files that no document records", len(removed))
    return removed
