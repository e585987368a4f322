"""What was sent, so that a sweep run twice, two beat processes or a retried task never send the
same reminder twice (unique constraint); the in-app inbox and the outbox of event messages;
people's preferences and calendar feeds."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gpai_cases.cases.rulefield import RuleField


class ReminderKind(models.TextChoices):
    NOTIFICATION_DUE = "notification_due", "Notification due"
    INFORMATION_DUE = "information_due", "Request for information due"
    ASSESSMENT_CLOCK = "assessment_clock", "Assessment clock"
    REASSESSMENT_OPEN = "reassessment_open", "Reassessment may be requested"
    MODEL_REPORT = "model_report", "Model report missing or overdue"


class Reminder(models.Model):
    kind = models.CharField(max_length=30, choices=ReminderKind.choices)
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="reminders")
    ref_id = models.BigIntegerField(
        default=0,
        help_text="The request for information, designation or model report concerned (0: the "
        "case).",
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


class EmailState(models.TextChoices):
    """Where a message's e-mail is: the outbox of event messages (``events``)."""

    NONE = "none", "Not e-mailed by the outbox (inbox only, or e-mailed by the reminder sweep)"
    PENDING = "pending", "To be e-mailed now"
    SENT = "sent", "E-mailed"
    DIGEST = "digest", "To be e-mailed in the daily digest"
    DIGESTED = "digested", "E-mailed in a daily digest"


class InboxMessage(models.Model):
    """A message to one person (their inbox) or to the caseworkers' mailbox (``email_to``, no
    user): reminders of the sweep, and event messages recorded with the event they tell of — the
    outbox from which their e-mails are sent once, after the commit."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="inbox",
    )
    email_to = models.EmailField(
        blank=True, help_text="For a mailbox rather than a person: the address e-mailed."
    )
    case = models.ForeignKey(
        "cases.Case", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    event = models.ForeignKey(
        "cases.CaseEvent",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The event the message tells of (one message per person and event).",
    )
    obligation_event = models.ForeignKey(
        "obligations.ObligationEvent",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="For a provider's obligations that belong to no case (framework, Code of "
        "Practice): the event the message tells of.",
    )
    kind = models.CharField(max_length=40, blank=True)
    subject = models.CharField(max_length=300)
    body = models.TextField()
    link = models.CharField(max_length=300, blank=True, help_text="Where to act.")
    due_date = models.DateField(null=True, blank=True)
    due_rule = RuleField()
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)
    email_state = models.CharField(
        max_length=20, choices=EmailState.choices, default=EmailState.NONE, db_index=True
    )
    emailed_at = models.DateTimeField(null=True, blank=True)
    email_attempts = models.PositiveIntegerField(default=0)
    email_error = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "read_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "user"],
                condition=models.Q(event__isnull=False, user__isnull=False),
                name="one_message_per_person_and_event",
            ),
            models.UniqueConstraint(
                fields=["event", "email_to"],
                condition=models.Q(event__isnull=False, user__isnull=True),
                name="one_message_per_mailbox_and_event",
            ),
            models.UniqueConstraint(
                fields=["obligation_event", "user"],
                condition=models.Q(obligation_event__isnull=False, user__isnull=False),
                name="one_message_per_person_and_obligation_event",
            ),
            models.UniqueConstraint(
                fields=["obligation_event", "email_to"],
                condition=models.Q(obligation_event__isnull=False, user__isnull=True),
                name="one_message_per_mailbox_and_obligation_event",
            ),
        ]

    def __str__(self) -> str:
        return self.subject


class Channel(models.TextChoices):
    IMMEDIATE = "immediate", _("E-mail at once")
    DIGEST = "digest", _("E-mail in a daily digest")
    INBOX = "inbox", _("Inbox only")


class MessagePreference(models.Model):
    """How a person wants messages of one kind (the default: e-mail at once)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="message_preferences"
    )
    kind = models.CharField(max_length=40)
    channel = models.CharField(max_length=20, choices=Channel.choices, default=Channel.IMMEDIATE)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="one_preference_per_kind")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} {self.kind}: {self.channel}"


class CalendarFeed(models.Model):
    """A person's secret iCalendar address for their deadlines; renewing it revokes the old."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed"
    )
    token = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"calendar feed of {self.user_id}"
