"""What the provider files in a case: the notification and its rebuttal arguments."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gpai_cases.core.freshness import ReportingManager
from gpai_cases.core.models import CurrentManager, TrackedModel

from ..rulefield import RuleField
from .case import Case


class TriggerType(models.TextChoices):
    MET = "met", _("The threshold has been met")
    WILL_BE_MET = "will_be_met", _("It became known that the threshold will be met")


class ComputeMethod(models.TextChoices):
    HARDWARE = "hardware", _("Hardware-based (chips × time × peak FLOP/s × utilisation)")
    ARCHITECTURE = "architecture", _("Architecture-based (≈ 6 × parameters × tokens)")


class Notification(TrackedModel):
    """What the provider files with a notification (Art 52(1))."""

    case = models.OneToOneField(Case, on_delete=models.PROTECT, related_name="notification")
    trigger_type = models.CharField(max_length=20, choices=TriggerType.choices, blank=True)
    trigger_date = models.DateField(null=True, blank=True)
    compute_flop = models.DecimalField(
        "training compute (FLOP)", max_digits=40, decimal_places=0, null=True, blank=True
    )
    compute_method = models.CharField(max_length=20, choices=ComputeMethod.choices, blank=True)
    compute_inputs = models.JSONField(
        default=dict, blank=True, help_text=_("The inputs of the estimate (chips, hours, tokens…).")
    )
    architecture_description = models.TextField(blank=True)
    modalities_description = models.TextField(blank=True)
    intended_uses = models.TextField(blank=True)
    cover_letter = models.TextField(blank=True)
    notification_due = models.DateField(null=True, blank=True, db_index=True)
    notification_due_rule = RuleField()
    filed = models.JSONField(
        default=dict,
        blank=True,
        help_text=_(
            "The notification and the model's figures as filed at submission "
            "(docs/rules.md § facts-as-filed); kept as they were, whatever changes later."
        ),
    )
    met_confirmed_on = models.DateField(
        null=True,
        blank=True,
        help_text=_("For 'will be met': the day a correction confirmed the threshold was met."),
    )
    wizard_step = models.CharField(max_length=30, blank=True)

    def __str__(self) -> str:
        return f"Notification {self.case.reference}"


class ClaimBasis(models.TextChoices):
    CAPABILITY = "capability", _("Capabilities")
    REACH = "reach", _("Reach")
    MITIGATION = "mitigation", _("Mitigations (not a valid ground under the guidelines)")
    OTHER = "other", _("Other")


class ClaimReview(models.TextChoices):
    PENDING = "pending", _("Not yet reviewed")
    SUBSTANTIATED = "substantiated", _("Substantiated")
    NOT_SUBSTANTIATED = "not_substantiated", _("Not substantiated")


class Claim(TrackedModel):
    """One rebuttal argument (Art 52(2)): a claim, its basis and the documents that support it."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="claims")
    text = models.TextField()
    basis = models.CharField(max_length=20, choices=ClaimBasis.choices)
    documents = models.ManyToManyField("documents.Document", blank=True, related_name="claims")
    supplementary = models.BooleanField(
        default=False,
        help_text=_("Filed after submission: outside Art 52(2) (docs/rules.md § arguments)."),
    )
    filed_at = models.DateTimeField(default=timezone.now)
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    review = models.CharField(
        max_length=20, choices=ClaimReview.choices, default=ClaimReview.PENDING
    )
    review_note = models.TextField(blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    removed_at = models.DateTimeField(
        null=True, blank=True, help_text=_("Removed from the draft before submission.")
    )
    removed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    objects = CurrentManager()
    all_objects = ReportingManager()

    class Meta:
        ordering = ["filed_at", "id"]

    def __str__(self) -> str:
        return self.text[:60]

    @property
    def is_mitigation(self) -> bool:
        return self.basis == ClaimBasis.MITIGATION


class NotificationCorrection(TrackedModel):
    """A dated correction of a submitted notification (docs/rules.md § facts-as-filed): what
    changed (old and new values), why, and the evidence. The original filing stays as filed."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="corrections")
    filed_at = models.DateTimeField(default=timezone.now)
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    reason = models.TextField()
    changes = models.JSONField(default=dict, help_text=_("field → [old, new], as text."))
    confirms_met = models.BooleanField(
        default=False, help_text=_("Confirms that a threshold known to be met has been met.")
    )
    documents = models.ManyToManyField("documents.Document", blank=True, related_name="+")

    class Meta:
        ordering = ["filed_at", "id"]

    def __str__(self) -> str:
        return f"Correction of {self.case_id} on {self.filed_at:%Y-%m-%d}"
