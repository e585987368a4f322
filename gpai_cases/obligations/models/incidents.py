"""Serious incidents of designated models and their reports (AI Act Art 55(1)(c); Code of
Practice, Safety and Security chapter, Commitment 9), and the kinds of harm with their periods as
data (docs/rules.md § serious-incidents)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from gpai_cases.cases.rulefield import RuleField
from gpai_cases.core.models import AppendOnlyModel, TrackedModel

from ..seed import KINDS

#: The seeded label of each kind of harm (English, a message of the catalogues).
SEEDED_LABELS = {code: label for code, label, *_rest in KINDS}


class IncidentKind(TrackedModel):
    """A kind of harm and the periods of its reports, as data the admins edit; the source of each
    value is recorded beside it. A change of a period recomputes the open incidents' dates."""

    code = models.CharField(max_length=40, primary_key=True)
    label = models.CharField(max_length=200)
    severity = models.PositiveSmallIntegerField(
        help_text=_("Order in the incident queue: 1 first (seeded from the shortest period).")
    )
    citation = models.CharField(
        max_length=200, help_text=_("Short words of the source, shown in the rule of each date.")
    )
    initial_days = models.PositiveIntegerField(
        help_text=_("Days after the provider became aware, for the initial report.")
    )
    initial_source = models.TextField()
    intermediate_days = models.PositiveIntegerField(
        help_text=_("Days after the last report, for an update while the incident is unresolved.")
    )
    intermediate_source = models.TextField()
    final_days = models.PositiveIntegerField(
        help_text=_("Days after the incident was resolved, for the final report.")
    )
    final_source = models.TextField()
    active = models.BooleanField(default=True, help_text=_("Offered to providers reporting."))

    class Meta:
        ordering = ["severity", "code"]

    def __str__(self) -> str:
        return self.label

    @property
    def words(self) -> str:
        """The label in the reader's language while it is the seeded one (obligations.seed); a
        label an admin reworded is shown as they typed it."""
        return gettext(self.label) if SEEDED_LABELS.get(self.code) == self.label else self.label


class IncidentStage(models.TextChoices):
    INITIAL = "initial", _("Initial report")
    INTERMEDIATE = "intermediate", _("Intermediate report")
    FINAL = "final", _("Final report")


class SeriousIncident(TrackedModel):
    designation = models.ForeignKey(
        "cases.Designation", on_delete=models.PROTECT, related_name="serious_incidents"
    )
    case = models.ForeignKey(
        "cases.Case",
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("The designation's case: its audit trail records the reports."),
    )
    model = models.ForeignKey(
        "providers.GPAIModel", on_delete=models.PROTECT, related_name="serious_incidents"
    )
    kind = models.ForeignKey(IncidentKind, on_delete=models.PROTECT, related_name="incidents")
    title = models.CharField(max_length=200)
    aware_on = models.DateField(help_text=_("The day the provider became aware of the incident."))
    reported_on = models.DateField(help_text=_("The day of the initial report."))
    initial_due = models.DateField()
    initial_due_rule = RuleField()
    initial_late = models.BooleanField(
        default=False, help_text=_("The initial report came after its due date.")
    )
    resolved_on = models.DateField(null=True, blank=True)
    closed_on = models.DateField(
        null=True, blank=True, help_text=_("The day of the final report: nothing more is due.")
    )
    next_due = models.DateField(null=True, blank=True, db_index=True)
    next_due_stage = models.CharField(max_length=20, choices=IncidentStage.choices, blank=True)
    next_due_rule = RuleField()
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["closed_on", "next_due"])]

    def __str__(self) -> str:
        return f"Serious incident {self.pk}: {self.title}"

    @property
    def is_open(self) -> bool:
        return self.closed_on is None


class IncidentReport(AppendOnlyModel):
    """One report on an incident: the initial report, an update, or the final report."""

    immutable_message = "A filed report is never changed: file an update."

    incident = models.ForeignKey(SeriousIncident, on_delete=models.PROTECT, related_name="reports")
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="+")
    number = models.PositiveIntegerField()
    stage = models.CharField(max_length=20, choices=IncidentStage.choices)
    what_happened = models.TextField()
    corrective_measures = models.TextField()
    resolved_on = models.DateField(
        null=True, blank=True, help_text=_("Resolved, as this report says.")
    )
    file = models.ForeignKey(
        "ObligationFile", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    filed_on = models.DateField(default=timezone.localdate)
    filed_at = models.DateTimeField(default=timezone.now)
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    due_date = models.DateField(null=True, blank=True, help_text=_("When it was due, at filing."))
    due_rule = RuleField()

    class Meta:
        ordering = ["incident", "number"]
        constraints = [
            models.UniqueConstraint(fields=["incident", "number"], name="one_report_per_number")
        ]

    def __str__(self) -> str:
        return f"{self.get_stage_display()} {self.number} on incident {self.incident_id}"

    @property
    def late(self) -> bool:
        """Filed after the date it was due at filing (the incident's ``initial_late`` follows
        later changes of the periods)."""
        return self.due_date is not None and self.filed_on > self.due_date
