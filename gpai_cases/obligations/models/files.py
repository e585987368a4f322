"""Files a provider files with its obligations (a framework, a model report, an incident report):
kept for ever, recognised by their content, served only to their provider and the AI Office."""

from __future__ import annotations

import uuid
from pathlib import PurePosixPath

from django.conf import settings
from django.db import models

from gpai_cases.core.models import AppendOnlyModel


def obligation_file_path(instance: ObligationFile, filename: str) -> str:
    # the stored name is ours, not the uploader's: no path tricks, never overwritten
    suffix = PurePosixPath(filename).suffix.lower()[:10]
    return f"obligations/{instance.provider_id}/{uuid.uuid4().hex}{suffix}"


class ObligationFile(AppendOnlyModel):
    immutable_message = "A stored file is never changed; file a new version."

    provider = models.ForeignKey(
        "providers.Provider", on_delete=models.PROTECT, related_name="obligation_files"
    )
    file = models.FileField(upload_to=obligation_file_path, max_length=300)
    original_name = models.CharField(max_length=255)
    sha256 = models.CharField("SHA-256", max_length=64, db_index=True)
    size = models.PositiveBigIntegerField()
    content_type = models.CharField(max_length=120)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.original_name
