"""Stored files: evidence, responses and letters. Never overwritten: a new version is a new row."""

from __future__ import annotations

import uuid
from pathlib import PurePosixPath

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from gpai_cases.core.errors import ImmutableError
from gpai_cases.core.freshness import ReportingManager
from gpai_cases.core.models import AppendOnlyModel, CurrentManager


def document_path(instance: Document, filename: str) -> str:
    # The stored name is ours, not the uploader's: no path tricks, no collisions, never overwritten.
    suffix = PurePosixPath(filename).suffix.lower()[:10]
    return f"documents/{instance.case_id or 'none'}/{uuid.uuid4().hex}{suffix}"


class DocumentKind(models.TextChoices):
    EVIDENCE = "evidence", _("Evidence")
    RESPONSE = "response", _("Response to a request for information")
    REASONS = "reasons", _("Reasons for reassessment")
    REPORT = "report", _("Evaluation report")
    LETTER = "letter", _("Letter")


class Visibility(models.TextChoices):
    """Who sees a document (docs/rules.md § confidentiality): what the provider files and letters
    are shared; what the AI Office attaches in the assessment is internal until shared on
    purpose."""

    SHARED = "shared", _("Shared with the provider")
    INTERNAL = "internal", _("Internal: the AI Office only")


__all__ = [
    "Document",
    "DocumentKind",
    "DocumentRead",
    "ImmutableError",
    "Visibility",
    "document_path",
]


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
        help_text=_(
            "Filed after the notification was submitted: outside Art 52(2) (docs/rules.md § arguments)."
        ),
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

    visibility = models.CharField(
        max_length=10, choices=Visibility.choices, default=Visibility.SHARED, db_index=True
    )
    shared_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text=_("When an internal document was shared with the provider."),
    )
    shared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    removed_at = models.DateTimeField(
        null=True, blank=True, help_text=_("Removed from a draft before submission (kept here).")
    )
    removed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    # rows are never changed, but for a link, a share and a removal: a response's documents are
    # linked to its request when the answer is filed; an internal document may be shared with the
    # provider; a draft's document may be removed before submission
    objects = CurrentManager()
    all_objects = ReportingManager()

    class Meta:
        ordering = ["uploaded_at", "id"]
        indexes = [models.Index(fields=["case", "kind"])]

    def __str__(self) -> str:
        return self.title

    @property
    def internal(self) -> bool:
        return self.visibility == Visibility.INTERNAL


class DocumentRead(AppendOnlyModel):
    """Who opened which document, when (read audit): every download, in every door. The role is
    kept as it was at the time of the read."""

    immutable_message = "A recorded read is never changed."

    document = models.ForeignKey(Document, on_delete=models.PROTECT, related_name="reads")
    reader = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reader_role = models.CharField(max_length=20)
    at = models.DateTimeField(auto_now_add=True, db_index=True)
    via = models.CharField(max_length=20, help_text=_("web or api"))

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.document_id} read by {self.reader_id} at {self.at:%Y-%m-%d %H:%M}"
