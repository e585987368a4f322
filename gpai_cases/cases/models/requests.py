"""Requests for information and hearings, and the stops of the assessment clock."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gpai_cases.core.models import TrackedModel

from ..rulefield import RuleField
from .case import Case, Outcome


class RequestKind(models.TextChoices):
    QUESTION = "question", _("Request for information")
    HEARING = "hearing", _("Hearing on a draft decision (right to be heard)")


class RequestStatus(models.TextChoices):
    OPEN = "open", _("Open")
    ANSWERED = "answered", _("Answered")
    LAPSED = "lapsed", _("Lapsed: not answered by its due date")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class ExtensionOrigin(models.TextChoices):
    OWN_MOTION = "own_motion", _("Extended by the AI Office of its own motion")
    PROVIDER_REQUEST = "provider_request", _("Requested by the provider")


class ExtensionStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting a decision")
    GRANTED = "granted", _("Granted")
    REFUSED = "refused", _("Refused")


class InformationRequest(TrackedModel):
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="information_requests")
    kind = models.CharField(
        max_length=20, choices=RequestKind.choices, default=RequestKind.QUESTION
    )
    questions = models.JSONField(default=list)
    draft_reasoning = models.TextField(
        blank=True, help_text=_("For a hearing: the draft decision.")
    )
    draft_outcome = models.CharField(max_length=20, choices=Outcome.choices, blank=True)
    sent_on = models.DateField(default=timezone.localdate)
    due_date = models.DateField(db_index=True)
    due_rule = RuleField()
    period_days = models.PositiveIntegerField(
        null=True, blank=True, help_text=_("Set when the due date was computed from a period.")
    )
    due_date_set = models.DateField(
        null=True,
        blank=True,
        help_text=_("The due date as a person typed it (the due date follows Reg. 1182/71)."),
    )
    lapsed_on = models.DateField(
        null=True,
        blank=True,
        help_text=_("The day the sweep found the due date passed unanswered."),
    )
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    withdrawal_reason = models.TextField(blank=True)
    status = models.CharField(
        max_length=20, choices=RequestStatus.choices, default=RequestStatus.OPEN, db_index=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    response = models.TextField(blank=True)
    responded_at = models.DateTimeField(null=True, blank=True)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.case.reference} #{self.pk}"

    def is_overdue(self, today: datetime.date | None = None) -> bool:
        today = today or timezone.localdate()
        return self.status == RequestStatus.OPEN and self.due_date < today


class ClockStop(TrackedModel):
    """The assessment clock is stopped while a request for information is open."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="clock_stops")
    information_request = models.OneToOneField(
        InformationRequest,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="clock_stop",
    )
    started_on = models.DateField()
    ended_on = models.DateField(null=True, blank=True)
    reason = RuleField()

    class Meta:
        ordering = ["started_on", "id"]

    def __str__(self) -> str:
        return f"{self.case.reference}: {self.started_on} – {self.ended_on or 'open'}"


class RequestExtension(TrackedModel):
    """An extension of a request's due date: of the AI Office's own motion (granted at once), or
    on the provider's reasoned request, which a caseworker grants or refuses."""

    request = models.ForeignKey(
        InformationRequest, on_delete=models.PROTECT, related_name="extensions"
    )
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="+")
    origin = models.CharField(max_length=20, choices=ExtensionOrigin.choices)
    status = models.CharField(
        max_length=20, choices=ExtensionStatus.choices, default=ExtensionStatus.PENDING
    )
    reason = models.TextField()
    proposed_due_date = models.DateField(
        null=True, blank=True, help_text=_("The due date asked for (a provider's request).")
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField(default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.TextField(blank=True)
    old_due_date = models.DateField(null=True, blank=True)
    new_due_date = models.DateField(null=True, blank=True)
    new_due_rule = RuleField()

    class Meta:
        ordering = ["requested_at", "id"]

    def __str__(self) -> str:
        return f"Extension of request {self.request_id} ({self.status})"
