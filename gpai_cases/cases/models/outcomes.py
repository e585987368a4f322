"""Decisions and the designations they make, maintain or end."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gpai_cases.core.models import TrackedModel

from ..rulefield import RuleField
from .case import Case, Outcome
from .filing import Claim


class DecisionStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    RETURNED = "returned", _("Returned")
    APPROVED = "approved", _("Approved")


class Decision(TrackedModel):
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="decisions")
    outcome = models.CharField(max_length=20, choices=Outcome.choices)
    reasoning = models.TextField()
    status = models.CharField(
        max_length=20, choices=DecisionStatus.choices, default=DecisionStatus.PROPOSED
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    proposed_at = models.DateTimeField(default=timezone.now)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_on = models.DateField(null=True, blank=True)
    return_comment = models.TextField(blank=True)
    returned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    cited_claims = models.ManyToManyField(
        Claim,
        blank=True,
        related_name="+",
        help_text=_("A rejection of the arguments cites the claims found not substantiated."),
    )

    class Meta:
        ordering = ["proposed_at", "id"]
        constraints = [
            # Four-eyes: approver is never the proposer.
            models.CheckConstraint(
                condition=Q(approved_by__isnull=True) | ~Q(approved_by=models.F("proposed_by")),
                name="decision_four_eyes",
            ),
            # One decision per case, whatever happens concurrently.
            models.UniqueConstraint(
                fields=["case"],
                condition=Q(status="approved"),
                name="one_approved_decision_per_case",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case.reference}: {self.get_outcome_display()} ({self.status})"


class DesignationBasis(models.TextChoices):
    ARGUMENTS_REJECTED = "notified_arguments_rejected", _("Notified; arguments rejected")
    NO_ARGUMENTS = "notified_without_arguments", _("Notified without arguments")
    EX_OFFICIO = "ex_officio", _("Ex officio")
    SCIENTIFIC_PANEL_ALERT = "scientific_panel_alert", _("Scientific panel alert")


ARTICLE_52_4_BASES = frozenset(
    {DesignationBasis.EX_OFFICIO, DesignationBasis.SCIENTIFIC_PANEL_ALERT}
)


class Designation(TrackedModel):
    """A model designated as a GPAI model with systemic risk, from a decision until revoked."""

    model = models.ForeignKey(
        "providers.GPAIModel", on_delete=models.PROTECT, related_name="designations"
    )
    case = models.OneToOneField(
        Case, on_delete=models.PROTECT, related_name="resulting_designation"
    )
    basis = models.CharField(max_length=40, choices=DesignationBasis.choices)
    decided_on = models.DateField()
    systemic_risk_since = models.DateField(
        null=True,
        blank=True,
        help_text=_("Arguments rejected: since the trigger date (Art 52(3))."),
    )
    last_decision_on = models.DateField(
        help_text=_("Designation or latest decision to maintain it.")
    )
    reassessment_earliest = models.DateField()
    reassessment_rule = RuleField()
    ended_on = models.DateField(null=True, blank=True)
    ended_by = models.ForeignKey(
        Case, null=True, blank=True, on_delete=models.PROTECT, related_name="revoked_designations"
    )

    class Meta:
        ordering = ["-decided_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["model"], condition=Q(ended_on__isnull=True), name="one_active_designation"
            )
        ]

    def __str__(self) -> str:
        return f"{self.model} (designated {self.decided_on})"

    @property
    def active(self) -> bool:
        return self.ended_on is None
