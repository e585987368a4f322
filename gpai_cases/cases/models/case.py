"""The case and its lifecycle: the states and transitions of the procedure (docs/architecture.md).

The lifecycle is the set of ``@transition`` methods on :class:`Case` (the source and target states);
who may call each is in :mod:`..access`, the guards in words are in :mod:`..rules`, and the only
code that calls them is :mod:`..services`.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import ConcurrentTransitionMixin, FSMField, transition

from gpai_cases.core.models import TrackedModel
from gpai_cases.core.sql import Constant


class State(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    UNDER_ASSESSMENT = "under_assessment", _("Under assessment")
    DECISION_PROPOSED = "decision_proposed", _("Decision proposed")
    DECIDED = "decided", _("Decided")
    WITHDRAWN = "withdrawn", _("Withdrawn")


OPEN_STATES = (State.DRAFT, State.SUBMITTED, State.UNDER_ASSESSMENT, State.DECISION_PROPOSED)


class Kind(models.TextChoices):
    NOTIFICATION = "notification", _("Notification (Art 52(1))")
    EX_OFFICIO = "ex_officio", _("Ex officio designation (Art 52(1), 52(4))")
    REASSESSMENT = "reassessment", _("Reassessment (Art 52(5))")


class ExOfficioBasis(models.TextChoices):
    EX_OFFICIO = "ex_officio", _("Of the Commission's own motion")
    SCIENTIFIC_PANEL_ALERT = "scientific_panel_alert", _("Qualified alert of the scientific panel")


class Outcome(models.TextChoices):
    DESIGNATE = "designate", _("Designate as GPAI model with systemic risk")
    NOT_DESIGNATE = "not_designate", _("Do not designate")
    MAINTAIN = "maintain", _("Maintain the designation")
    REVOKE = "revoke", _("Revoke the designation")
    NOT_REASSESSED = "not_reassessed", _("Decline to reassess (the designation stays as it is)")


OUTCOMES_BY_KIND: dict[str, tuple[str, ...]] = {
    Kind.NOTIFICATION: (Outcome.DESIGNATE, Outcome.NOT_DESIGNATE),
    Kind.EX_OFFICIO: (Outcome.DESIGNATE, Outcome.NOT_DESIGNATE),
    Kind.REASSESSMENT: (Outcome.MAINTAIN, Outcome.REVOKE, Outcome.NOT_REASSESSED),
}


class Initiative(models.TextChoices):
    """Who asked for a reassessment (docs/rules.md § reassessment)."""

    PROVIDER = "provider", _("Requested by the provider (Art 52(5))")
    COMMISSION = "commission", _("Of the Commission's own motion")


def filed_or_opened(prefix: str = "", *, literal: bool = True) -> models.Q:
    """Cases the AI Office may read: filed by the provider (submitted), or opened by the
    Commission. A provider's draft is its own until submitted (docs/rules.md § confidentiality).
    Here, not in access.py, because two indexes of :class:`Case` are built over it: the access
    rule and the indexes' condition are the same expression, or the planner cannot use them.
    The kinds are written into the SQL text (``literal``): bound as parameters, a prepared
    statement's generic plan cannot use the indexes (:mod:`gpai_cases.core.sql`)."""

    def value(v: str) -> Any:
        return Constant(v) if literal else v

    return (
        models.Q(**{f"{prefix}submitted_at__isnull": False})
        | models.Q(**{f"{prefix}kind": value(Kind.EX_OFFICIO)})
        | models.Q(**{f"{prefix}initiative": value(Initiative.COMMISSION)})
    )


#: The indexes' condition (in their DDL the values are literals anyway).
FILED_OR_OPENED = filed_or_opened(literal=False)


class ReferenceSequence(models.Model):
    """Last reference number handed out per year: references are never reused."""

    year = models.PositiveIntegerField(primary_key=True)
    last = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.year}: {self.last}"


class Case(ConcurrentTransitionMixin, TrackedModel):
    reference = models.CharField(max_length=20, unique=True, editable=False)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    state = FSMField(default=State.DRAFT, choices=State.choices, protected=True, db_index=True)
    model = models.ForeignKey("providers.GPAIModel", on_delete=models.PROTECT, related_name="cases")
    # ex officio
    basis = models.CharField(max_length=30, choices=ExOfficioBasis.choices, blank=True)
    alert_reference = models.CharField(max_length=100, blank=True)
    alert_date = models.DateField(null=True, blank=True)
    # reassessment
    designation = models.ForeignKey(
        "Designation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reassessment_cases",
        help_text=_("For a reassessment: the designation under review."),
    )
    reasons = models.TextField(blank=True, help_text=_("For a reassessment: the new reasons."))
    initiative = models.CharField(
        max_length=20,
        choices=Initiative.choices,
        blank=True,
        help_text=_(
            "For a reassessment: requested by the provider, or of the Commission's motion."
        ),
    )

    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="assigned_cases",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    submitted_at = models.DateTimeField(null=True, blank=True)
    late = models.BooleanField(
        default=False,
        help_text=_("Notified after the due date (docs/rules.md § notification-duty)."),
    )
    released_before_notification = models.BooleanField(
        default=False,
        help_text=_(
            "Open-source model notified on or after its planned release (docs/rules.md § open-source-release)."
        ),
    )
    assessment_started_on = models.DateField(null=True, blank=True)
    state_changed_at = models.DateTimeField(default=timezone.now)
    # The next deadline of the case, stored when the event that sets it happens (queue sorting).
    next_deadline = models.DateField(null=True, blank=True, db_index=True)
    next_deadline_kind = models.CharField(max_length=40, blank=True)
    withdrawal_reason = models.TextField(blank=True)
    overdue_escalated = models.BooleanField(default=False)

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["kind", "state"]),
            # the caseworkers' queue: first page by deadline or by date, as an index scan
            models.Index(fields=["next_deadline", "id"], name="case_queue_deadline"),
            models.Index(fields=["-created_at", "-id"], name="case_queue_newest"),
            # the same two orders over only the cases the AI Office may read
            # (filed_or_opened above): the first page no longer walks past thousands of providers'
            # drafts, due soonest and never shown (docs/adr/0023-queue-first-page.md)
            models.Index(
                fields=["next_deadline", "id"],
                name="case_office_deadline",
                condition=FILED_OR_OPENED,
            ),
            models.Index(
                fields=["-created_at", "-id"],
                name="case_office_newest",
                condition=FILED_OR_OPENED,
            ),
            # the queue filtered by kind and state counts its cases (up to its cap) from this
            # index alone, without reading the cases (an index-only scan; a sequential scan of
            # the table before)
            models.Index(
                fields=["kind", "state"],
                name="case_office_kind_state",
                condition=FILED_OR_OPENED,
            ),
            # a caseworker's own cases by next deadline ("what needs you", on every home page):
            # without it the panel walks the office's deadline index past every colleague's
            # cases (6.8 ms at 100,000 cases)
            models.Index(
                fields=["assignee", "next_deadline", "id"],
                name="case_assignee_deadline",
                condition=models.Q(next_deadline__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return self.reference

    # ---- the lifecycle: docs/architecture.md. Guards in words: rules.py ----------------

    @transition(
        field=state,
        source=State.DRAFT,
        target=State.SUBMITTED,
    )
    def submit(self) -> None:
        self.submitted_at = timezone.now()

    @transition(
        field=state,
        source=[State.DRAFT, State.SUBMITTED],
        target=State.WITHDRAWN,
    )
    def withdraw(self, reason: str) -> None:
        self.withdrawal_reason = reason

    @transition(
        field=state,
        source=State.SUBMITTED,
        target=State.UNDER_ASSESSMENT,
    )
    def take_up(self, caseworker: object) -> None:
        self.assignee = caseworker
        self.assessment_started_on = timezone.localdate()

    @transition(
        field=state,
        source=State.UNDER_ASSESSMENT,
        target=State.DECISION_PROPOSED,
    )
    def propose_decision(self) -> None:
        pass

    @transition(
        field=state,
        source=State.DECISION_PROPOSED,
        target=State.UNDER_ASSESSMENT,
    )
    def return_proposal(self) -> None:
        pass

    @transition(
        field=state,
        source=State.DECISION_PROPOSED,
        target=State.DECIDED,
    )
    def approve(self) -> None:
        pass

    # ---- derived ------------------------------------------------------------------------

    @property
    def provider(self):
        return self.model.provider

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_STATES

    @property
    def allowed_outcomes(self) -> tuple[str, ...]:
        """The outcomes this case can end in; a reassessment of the Commission's own motion has
        no request to decline (docs/rules.md § reassessment)."""
        if self.kind == Kind.REASSESSMENT and self.initiative == Initiative.COMMISSION:
            return (Outcome.MAINTAIN, Outcome.REVOKE)
        return OUTCOMES_BY_KIND[self.kind]
