"""What was sent, so that a sweep run twice, two beat processes or a retried task never send the
same reminder twice (unique constraint), and the in-app inbox."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class ReminderKind(models.TextChoices):
    NOTIFICATION_DUE = "notification_due", "Notification due"
    INFORMATION_DUE = "information_due", "Request for information due"
    ASSESSMENT_CLOCK = "assessment_clock", "Assessment clock"
    REASSESSMENT_OPEN = "reassessment_open", "Reassessment may be requested"


class Reminder(models.Model):
    kind = models.CharField(max_length=30, choices=ReminderKind.choices)
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="reminders")
    ref_id = models.BigIntegerField(
        default=0, help_text="The request for information or designation concerned (0: the case)."
    )
    stage = models.CharField(max_length=30)
    sent_at = models.DateTimeField(default=timezone.now)
    recipients = models.JSONField(default=list)

    class Meta:
        ordering = ["-sent_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "case", "ref_id", "stage"], name="reminder_sent_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.stage} ({self.case_id})"


class InboxMessage(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="inbox"
    )
    case = models.ForeignKey(
        "cases.Case", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    subject = models.CharField(max_length=300)
    body = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "read_at"])]

    def __str__(self) -> str:
        return self.subject
