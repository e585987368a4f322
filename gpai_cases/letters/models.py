"""Letters: one per triggering event (idempotent by ``trigger_key``), rendered to PDF by a worker."""

from __future__ import annotations

from django.db import models
from django.utils import timezone

from gpai_cases.core.models import TrackedModel


class LetterKind(models.TextChoices):
    ACKNOWLEDGEMENT = "acknowledgement", "Acknowledgement of receipt"
    INFORMATION_REQUEST = "information_request", "Request for information"
    HEARING = "hearing", "Hearing on a draft decision"
    DUE_DATE_EXTENDED = "due_date_extended", "Extension of a due date"
    EXTENSION_REFUSED = "extension_refused", "Refusal of an extension"
    REQUEST_WITHDRAWN = "request_withdrawn", "Withdrawal of a request"
    CORRECTION_RECEIPT = "correction_receipt", "Receipt of a correction"
    REASSESSMENT_NOTICE = (
        "reassessment_notice",
        "Notice of a reassessment of the Commission's motion",
    )
    EX_OFFICIO_NOTICE = "ex_officio_notice", "Notice of ex officio procedure"
    DECISION = "decision", "Decision"
    REASSESSMENT_OUTCOME = "reassessment_outcome", "Reassessment outcome"
    MODEL_REPORT_RECEIPT = "model_report_receipt", "Receipt of a model report"
    INCIDENT_RECEIPT = "incident_receipt", "Receipt of a serious incident report"


class LetterStatus(models.TextChoices):
    PENDING = "pending", "Being prepared"
    RENDERED = "rendered", "Issued"
    FAILED = "failed", "Failed — regenerate"


class Letter(TrackedModel):
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="letters")
    kind = models.CharField(max_length=30, choices=LetterKind.choices)
    sequence = models.PositiveIntegerField()
    reference = models.CharField(max_length=40, unique=True)
    trigger_key = models.CharField(
        max_length=100,
        unique=True,
        help_text="The event that calls for this letter: one letter each.",
    )
    letter_date = models.DateField(default=timezone.localdate)
    information_request = models.ForeignKey(
        "cases.InformationRequest",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    decision = models.ForeignKey(
        "cases.Decision", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(
        max_length=20, choices=LetterStatus.choices, default=LetterStatus.PENDING, db_index=True
    )
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)
    document = models.OneToOneField(
        "documents.Document", null=True, blank=True, on_delete=models.PROTECT, related_name="letter"
    )
    created_at = models.DateTimeField(default=timezone.now)
    queued_at = models.DateTimeField(
        null=True, blank=True, help_text="When the broker last took its rendering (empty: never)."
    )
    render_started_at = models.DateTimeField(
        null=True, blank=True, help_text="When a worker last began to render it."
    )
    rendered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["case", "sequence"]
        constraints = [
            models.UniqueConstraint(fields=["case", "sequence"], name="unique_letter_sequence")
        ]
        indexes = [models.Index(fields=["status", "created_at"])]

    def __str__(self) -> str:
        return f"{self.reference} {self.get_kind_display()}"
