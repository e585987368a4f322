"""Stored files: evidence, responses and letters. Never overwritten: a new version is a new row."""

from __future__ import annotations

import uuid
from pathlib import PurePosixPath

from django.conf import settings
from django.db import models

from gpai_cases.core.errors import ImmutableError
from gpai_cases.core.freshness import ReportingManager
from gpai_cases.core.models import AppendOnlyModel, CurrentManager


def document_path(instance: Document, filename: str) -> str:
    # The stored name is ours, not the uploader's: no path tricks, no collisions, never overwritten.
    suffix = PurePosixPath(filename).suffix.lower()[:10]
    return f"documents/{instance.case_id or 'none'}/{uuid.uuid4().hex}{suffix}"


class DocumentKind(models.TextChoices):
    EVIDENCE = "evidence", "Evidence"
    RESPONSE = "response", "Response to a request for information"
    REASONS = "reasons", "Reasons for reassessment"
    REPORT = "report", "Evaluation report"
    LETTER = "letter", "Letter"


__all__ = ["Document", "DocumentKind", "ImmutableError", "document_path"]


class Document(AppendOnlyModel):
    immutable_message = "A stored document is never changed; upload a new version."
    undeletable_message = "A stored document is never deleted."

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="documents")
    kind = models.CharField(
        max_length=20, choices=DocumentKind.choices, default=DocumentKind.EVIDENCE
    )
    title = models.CharField(max_length=300)
    file = models.FileField(upload_to=document_path, max_length=300)
    original_name = models.CharField(max_length=255)
    sha256 = models.CharField("SHA-256", max_length=64, db_index=True)
    size = models.PositiveBigIntegerField()
    content_type = models.CharField(max_length=120)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)
    supplementary = models.BooleanField(
        default=False,
        help_text="Filed after the notification was submitted: outside Art 52(2) (docs/rules.md § arguments).",
    )
    replaces = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="replaced_by"
    )
    information_request = models.ForeignKey(
        "cases.InformationRequest",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="documents",
    )

    removed_at = models.DateTimeField(
        null=True, blank=True, help_text="Removed from a draft before submission (kept here)."
    )
    removed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    # rows are never changed, but for a link and a removal: a response's documents are linked to
    # its request when the answer is filed; a draft's document may be removed before submission
    objects = CurrentManager()
    all_objects = ReportingManager()

    class Meta:
        ordering = ["uploaded_at", "id"]
        indexes = [models.Index(fields=["case", "kind"])]

    def __str__(self) -> str:
        return self.title
