"""What every service of the obligations shares: today in Brussels, the holidays around some
dates, and storing a filed file (checked by its content, hashed, never overwritten)."""

from __future__ import annotations

import datetime
import hashlib
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from gpai_cases.cases.calendar import holidays_around
from gpai_cases.core.errors import ActionRefused, refuse_if
from gpai_cases.documents.validation import (
    SNIFF_BYTES,
    UploadRefused,
    clean_filename,
    refuse_too_large,
    sniff,
)

from ..models import ObligationFile

__all__ = [
    "ActionRefused",
    "UploadRefused",
    "checked_upload",
    "holidays_around",
    "refuse_if",
    "refused_on_conflict",
    "store_file",
    "today",
]


def today() -> datetime.date:
    """Today in Brussels (the AI Office's calendar)."""
    return timezone.localdate()


def checked_upload(uploaded_file: Any) -> tuple[str, int, str, str]:
    """Check an upload by its content before anything is written: (name, size, content type,
    SHA-256), or ``UploadRefused`` in plain words."""
    name = clean_filename(getattr(uploaded_file, "name", "") or "upload")
    size = uploaded_file.size or 0
    refuse_too_large(name, size, settings.GPAI_UPLOAD_MAX_BYTES)
    uploaded_file.seek(0)
    head = uploaded_file.read(SNIFF_BYTES)
    sniffed = sniff(name, head, stream=uploaded_file.file, size=size)
    uploaded_file.seek(0)
    digest = hashlib.sha256()
    for chunk in uploaded_file.chunks():
        digest.update(chunk)
    uploaded_file.seek(0)
    return name, size, sniffed.content_type, digest.hexdigest()


def store_file(*, actor: Any, provider: Any, uploaded_file: Any, checked: tuple) -> ObligationFile:
    """Store a checked upload for ``provider`` (inside the filing's transaction)."""
    name, size, content_type, sha256 = checked
    stored = ObligationFile(
        provider=provider,
        original_name=name,
        sha256=sha256,
        size=size,
        content_type=content_type,
        uploaded_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    stored.file.save(name, uploaded_file, save=False)
    try:
        stored.save()
    except Exception:
        stored.file.delete(save=False)
        raise
    return stored


@contextmanager
def refused_on_conflict(reason: str) -> Iterator[None]:
    """A constraint another transaction won becomes a refusal in words, never a server error."""
    try:
        with transaction.atomic():
            yield
    except IntegrityError as exc:
        raise ActionRefused([reason]) from exc
