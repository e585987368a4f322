"""The public list of GPAI models with systemic risk (Art 52(6)).

Each publication is a numbered, dated, immutable snapshot. A public entry holds only the fields of
``PUBLIC_FIELDS`` — no compute figures, evidence, reasoning or contacts can reach it.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gpai_cases.core.models import AppendOnlyModel, TrackedModel


class PublicWording(TrackedModel):
    """How a designation appears in public; edited by an admin before publishing."""

    designation = models.OneToOneField(
        "cases.Designation", on_delete=models.PROTECT, related_name="public_wording"
    )
    entry_id = models.CharField(
        max_length=20, unique=True, help_text=_("Stable public identifier, never reused.")
    )
    public_model_name = models.CharField(max_length=200)
    public_provider_name = models.CharField(max_length=200)
    summary = models.TextField(blank=True, max_length=1000)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.entry_id} {self.public_model_name}"


class Publication(AppendOnlyModel):
    immutable_message = "A publication is never changed; publish a new one."
    undeletable_message = "A publication is never deleted."

    number = models.PositiveIntegerField(unique=True)
    published_at = models.DateTimeField(default=timezone.now)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-number"]

    def __str__(self) -> str:
        return f"Publication {self.number} ({self.published_at:%Y-%m-%d})"


class PublicEntry(AppendOnlyModel):
    """One model as it stood in one publication: public fields only."""

    immutable_message = "A published entry is never changed."
    undeletable_message = "A published entry is never deleted."

    publication = models.ForeignKey(Publication, on_delete=models.PROTECT, related_name="entries")
    entry_id = models.CharField(max_length=20, db_index=True)
    model_name = models.CharField(max_length=200)
    provider_name = models.CharField(max_length=200)
    summary = models.TextField(blank=True)
    designated_on = models.DateField()
    basis = models.CharField(max_length=100)
    status = models.CharField(max_length=20)  # "designated" or "revoked"
    revoked_on = models.DateField(null=True, blank=True)
    history = models.JSONField(default=list)  # [{"date": "YYYY-MM-DD", "event": "..."}]

    class Meta:
        ordering = ["model_name", "entry_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["publication", "entry_id"], name="one_entry_per_publication"
            )
        ]

    def __str__(self) -> str:
        return f"{self.entry_id} in {self.publication_id}"
