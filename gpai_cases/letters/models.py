"""Letters: one per triggering event (idempotent by ``trigger_key``), rendered to PDF by a worker."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gpai_cases.core.models import TrackedModel


class LetterKind(models.TextChoices):
    ACKNOWLEDGEMENT = "acknowledgement", _("Acknowledgement of receipt")
    INFORMATION_REQUEST = "information_request", _("Request for information")
    HEARING = "hearing", _("Hearing on a draft decision")
    DUE_DATE_EXTENDED = "due_date_extended", _("Extension of a due date")
    EXTENSION_REFUSED = "extension_refused", _("Refusal of an extension")
    REQUEST_WITHDRAWN = "request_withdrawn", _("Withdrawal of a request")
    CORRECTION_RECEIPT = "correction_receipt", _("Receipt of a correction")
    REASSESSMENT_NOTICE = (
        "reassessment_notice",
        _("Notice of a reassessment of the Commission's motion"),
    )
    EX_OFFICIO_NOTICE = "ex_officio_notice", _("Notice of ex officio procedure")
    DECISION = "decision", _("Decision")
    REASSESSMENT_OUTCOME = "reassessment_outcome", _("Reassessment outcome")
    MODEL_REPORT_RECEIPT = "model_report_receipt", _("Receipt of a model report")
    INCIDENT_RECEIPT = "incident_receipt", _("Receipt of a serious incident report")
    SUPPLEMENTARY_RECEIPT = "supplementary_receipt", _("Receipt of a supplementary filing")


class LetterStatus(models.TextChoices):
    PENDING = "pending", _("Being prepared")
    RENDERED = "rendered", _("Issued")
    FAILED = "failed", _("Failed — regenerate")


class Letter(TrackedModel):
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="letters")
    kind = models.CharField(max_length=30, choices=LetterKind.choices)
    sequence = models.PositiveIntegerField()
    reference = models.CharField(max_length=40, unique=True)
    verification_code = models.CharField(
        max_length=12,
        blank=True,
        help_text="Printed on the letter: with the reference, anyone can check it is authentic.",
    )
    signatory_name = models.CharField(max_length=200, blank=True)
    signatory_function = models.CharField(max_length=200, blank=True)
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


class WordingKey(models.TextChoices):
    REDRESS = "redress", "Means of redress (every decision)"
    OBLIGATIONS = "obligations", "Obligations of a designated provider (designation letters)"
    RFI_BASIS = "rfi_basis", "Legal basis of a request for information"
    RFI_CONSEQUENCE = "rfi_consequence", "Consequence of not answering a request for information"
    HEARING_BASIS = "hearing_basis", "Legal basis of a hearing on a draft decision"


class LetterWording(TrackedModel):
    """The legal wording the letters quote, kept as data with its source (docs/adr/0010): one
    row per statement and language (English, French and German from the data migrations)."""

    key = models.CharField(max_length=30, choices=WordingKey.choices)
    language = models.CharField(
        max_length=10,
        choices=settings.LANGUAGES,
        default="en",
        help_text="The language of the letters that quote this wording.",
    )
    text = models.TextField(help_text="As printed. For the obligations: one obligation a line.")
    source = models.CharField(max_length=500, help_text="Where the wording comes from.")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["key", "language"]
        verbose_name = "letter wording"
        constraints = [
            models.UniqueConstraint(fields=["key", "language"], name="one_wording_per_language")
        ]

    def __str__(self) -> str:
        return f"{self.get_key_display()} ({self.language})"

    def lines(self) -> list[str]:
        return [line.strip() for line in self.text.splitlines() if line.strip()]


class SignedBy(models.TextChoices):
    CASEWORKER = "caseworker", "The caseworker who acted"
    HEAD_OF_UNIT = "head_of_unit", "The head of unit"


class LetterSettings(TrackedModel):
    """Who signs the letters that are not decisions, and the AI Office's contact point: one
    row, edited in the admin (decisions are always signed by their approver)."""

    requests_signed_by = models.CharField(
        max_length=20,
        choices=SignedBy.choices,
        default=SignedBy.CASEWORKER,
        help_text="Requests, notices and receipts. Decisions are signed by their approver.",
    )
    head_of_unit_name = models.CharField(max_length=200, blank=True)
    head_of_unit_function = models.CharField(
        max_length=200, default="Head of Unit, AI Office", blank=True
    )
    contact_point = models.CharField(
        max_length=300,
        default="AI Office, European Commission, 1049 Brussels, Belgium · CNECT-AIOFFICE@ec.europa.eu",
        help_text="Printed on notices: where the provider writes to.",
    )
    observation_days = models.PositiveIntegerField(
        default=30, help_text="Time for observations on an ex officio notice, in days."
    )

    class Meta:
        verbose_name = "letter settings"
        verbose_name_plural = "letter settings"

    def __str__(self) -> str:
        return "Letter settings"

    @classmethod
    def current(cls) -> LetterSettings:
        found = cls.objects.order_by("pk").first()
        return found if found is not None else cls()
