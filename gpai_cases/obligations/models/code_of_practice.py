"""A provider's adherence to the GPAI Code of Practice, per chapter, with its history
(docs/rules.md § code-of-practice)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from gpai_cases.cases.deadlines import format_date
from gpai_cases.core.models import AppendOnlyModel


class Chapter(models.TextChoices):
    TRANSPARENCY = "transparency", _("Transparency")
    COPYRIGHT = "copyright", _("Copyright")
    SAFETY_SECURITY = "safety_security", _("Safety and security")


class CodeOfPracticeStatus(AppendOnlyModel):
    """The status of one chapter for one provider from the moment it is recorded: each change is a
    new row, so the rows are the history and the latest row of a chapter is the status in force."""

    immutable_message = "A recorded status is never changed: record the new status instead."

    provider = models.ForeignKey(
        "providers.Provider", on_delete=models.PROTECT, related_name="code_of_practice_statuses"
    )
    chapter = models.CharField(max_length=20, choices=Chapter.choices)
    signatory = models.BooleanField()
    signed_on = models.DateField(
        null=True, blank=True, help_text=_("The date of signature; empty when it was not recorded.")
    )
    withdrawn_on = models.DateField(null=True, blank=True)
    note = models.TextField(blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)
    via = models.CharField(
        max_length=20, blank=True, help_text=_("workspace, api, admin, migration")
    )

    class Meta:
        ordering = ["provider", "chapter", "recorded_at", "id"]
        verbose_name = "Code of Practice status"
        verbose_name_plural = "Code of Practice statuses"
        indexes = [models.Index(fields=["provider", "chapter", "-recorded_at"])]

    def __str__(self) -> str:
        return f"{self.provider_id} {self.chapter}: {self.words}"

    @property
    def words(self) -> str:
        """``signatory since 1 August 2025`` / ``withdrew on …`` / ``not a signatory``."""
        if self.signatory:
            if self.signed_on:
                return gettext("signatory since {day}").format(day=format_date(self.signed_on))
            return gettext("signatory")
        if self.withdrawn_on:
            return gettext("withdrew on {day}").format(day=format_date(self.withdrawn_on))
        return gettext("not a signatory")
