"""Model reports per designated model (Code of Practice, Safety and Security chapter, Commitment
7), and the periods of the obligations kept as data (docs/rules.md § model-reports)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gpai_cases.cases.rulefield import RuleField
from gpai_cases.core.models import AppendOnlyModel, TrackedModel


class PeriodUnit(models.TextChoices):
    DAYS = "days", _("days")
    MONTHS = "months", _("months")


class ObligationPeriod(TrackedModel):
    """A period of the obligations, as data the admins edit: its value and where it comes from."""

    code = models.CharField(max_length=40, primary_key=True)
    label = models.CharField(max_length=200)
    amount = models.PositiveIntegerField()
    unit = models.CharField(max_length=10, choices=PeriodUnit.choices, default=PeriodUnit.DAYS)
    citation = models.CharField(
        max_length=200, help_text=_("Short words of the source, shown in the rule of each date.")
    )
    source = models.TextField(
        help_text=_("Where the value comes from, and what could be verified.")
    )

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.label}: {self.amount} {self.unit}"

    @property
    def as_kwargs(self) -> dict[str, int]:
        """``{"days": 14}`` or ``{"months": 6}``, for :func:`deadlines.period_for_acting`."""
        return {self.unit: self.amount}


class ReportKind(models.TextChoices):
    FIRST = "first", _("First report (before placing on the market)")
    UPDATE = "update", _("Update")


class ModelReport(AppendOnlyModel):
    """One version of the safety and security model report of a designated model."""

    immutable_message = "A filed model report is never changed: file an update."

    model = models.ForeignKey(
        "providers.GPAIModel", on_delete=models.PROTECT, related_name="model_reports"
    )
    designation = models.ForeignKey(
        "cases.Designation", on_delete=models.PROTECT, related_name="model_reports"
    )
    case = models.ForeignKey(
        "cases.Case",
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("The designation's case: its audit trail records the filing."),
    )
    version = models.PositiveIntegerField()
    kind = models.CharField(max_length=10, choices=ReportKind.choices)
    summary = models.TextField()
    update_reason = models.TextField(blank=True)
    file = models.ForeignKey("ObligationFile", on_delete=models.PROTECT, related_name="+")
    filed_on = models.DateField(default=timezone.localdate)
    filed_at = models.DateTimeField(default=timezone.now)
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    due_date = models.DateField(null=True, blank=True, help_text=_("When it was due, at filing."))
    due_rule = RuleField()

    class Meta:
        ordering = ["model", "version"]
        constraints = [
            models.UniqueConstraint(
                fields=["model", "version"], name="one_model_report_per_version"
            )
        ]
        indexes = [models.Index(fields=["model", "-filed_on"])]

    def __str__(self) -> str:
        return f"Model report v{self.version} of {self.model_id}"

    @property
    def late(self) -> bool:
        return self.due_date is not None and self.filed_on > self.due_date
