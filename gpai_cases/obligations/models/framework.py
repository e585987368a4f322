"""A provider's safety and security framework (Code of Practice, Safety and Security chapter,
Commitment 1): every version the provider files, and what the AI Office made of each
(docs/rules.md § framework)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gpai_cases.cases.rulefield import RuleField
from gpai_cases.core.models import AppendOnlyModel, TrackedModel


class FrameworkVersion(AppendOnlyModel):
    immutable_message = "A filed framework is never changed: file a new version."

    provider = models.ForeignKey(
        "providers.Provider", on_delete=models.PROTECT, related_name="framework_versions"
    )
    version = models.PositiveIntegerField()
    summary = models.TextField()
    file = models.ForeignKey("ObligationFile", on_delete=models.PROTECT, related_name="+")
    filed_on = models.DateField(default=timezone.localdate)
    filed_at = models.DateTimeField(default=timezone.now)
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["provider", "version"]
        constraints = [
            models.UniqueConstraint(
                fields=["provider", "version"], name="one_framework_per_version"
            )
        ]

    def __str__(self) -> str:
        return f"Framework v{self.version} of {self.provider_id}"


class ReviewKind(models.TextChoices):
    ACKNOWLEDGED = "acknowledged", _("Acknowledged")
    CHANGES_REQUESTED = "changes_requested", _("Changes requested")
    ASSESSMENT_NOTE = "assessment_note", _("Assessment note (internal)")


class ChangeRequestStatus(models.TextChoices):
    OPEN = "open", _("Open")
    ANSWERED = "answered", _("Answered by a new version")


class FrameworkReview(TrackedModel):
    """What the AI Office made of a version: an acknowledgement, a request for changes with its
    due date (answered by the next version filed), or an internal assessment note."""

    version = models.ForeignKey(FrameworkVersion, on_delete=models.PROTECT, related_name="reviews")
    provider = models.ForeignKey("providers.Provider", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=20, choices=ReviewKind.choices)
    note = models.TextField(blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now)
    # a request for changes, with its clock (a period for acting, Reg. 1182/71)
    sent_on = models.DateField(null=True, blank=True)
    period_days = models.PositiveIntegerField(null=True, blank=True)
    due_date = models.DateField(null=True, blank=True, db_index=True)
    due_rule = RuleField()
    status = models.CharField(
        max_length=20, choices=ChangeRequestStatus.choices, blank=True, db_index=True
    )
    answered_by = models.ForeignKey(
        FrameworkVersion, null=True, blank=True, on_delete=models.PROTECT, related_name="answers"
    )

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on framework {self.version_id}"

    @property
    def internal(self) -> bool:
        return self.kind == ReviewKind.ASSESSMENT_NOTE
