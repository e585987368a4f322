"""The procedure of Art 52: cases, what was filed in them, and what was decided.

The lifecycle (states and transitions of docs/architecture.md) is the set of ``@transition`` methods on
:class:`Case`; who may call each is in :mod:`.access`, the guards in words are in :mod:`.rules`,
and the only code that calls them is :mod:`.services`.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django_fsm import ConcurrentTransitionMixin, FSMField, transition

from gpai_cases.core.models import AppendOnlyModel, TrackedModel


class State(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Submitted"
    UNDER_ASSESSMENT = "under_assessment", "Under assessment"
    DECISION_PROPOSED = "decision_proposed", "Decision proposed"
    DECIDED = "decided", "Decided"
    WITHDRAWN = "withdrawn", "Withdrawn"


OPEN_STATES = (State.DRAFT, State.SUBMITTED, State.UNDER_ASSESSMENT, State.DECISION_PROPOSED)


class Kind(models.TextChoices):
    NOTIFICATION = "notification", "Notification (Art 52(1))"
    EX_OFFICIO = "ex_officio", "Ex officio designation (Art 52(1), 52(4))"
    REASSESSMENT = "reassessment", "Reassessment (Art 52(5))"


class ExOfficioBasis(models.TextChoices):
    EX_OFFICIO = "ex_officio", "Of the Commission's own motion"
    SCIENTIFIC_PANEL_ALERT = "scientific_panel_alert", "Qualified alert of the scientific panel"


class Outcome(models.TextChoices):
    DESIGNATE = "designate", "Designate as GPAI model with systemic risk"
    NOT_DESIGNATE = "not_designate", "Do not designate"
    MAINTAIN = "maintain", "Maintain the designation"
    REVOKE = "revoke", "Revoke the designation"


OUTCOMES_BY_KIND: dict[str, tuple[str, ...]] = {
    Kind.NOTIFICATION: (Outcome.DESIGNATE, Outcome.NOT_DESIGNATE),
    Kind.EX_OFFICIO: (Outcome.DESIGNATE, Outcome.NOT_DESIGNATE),
    Kind.REASSESSMENT: (Outcome.MAINTAIN, Outcome.REVOKE),
}


class ReferenceSequence(models.Model):
    """Last reference number handed out per year: references are never reused."""

    year = models.PositiveIntegerField(primary_key=True)
    last = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.year}: {self.last}"


class CalendarYear(TrackedModel):
    """A year of the AI Office's holiday calendar; seeded with the default pattern when first needed."""

    year = models.PositiveIntegerField(primary_key=True)
    note = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["year"]

    def __str__(self) -> str:
        return str(self.year)


class PublicHoliday(TrackedModel):
    """A public holiday of the Commission in Brussels; editable per year by admins."""

    calendar_year = models.ForeignKey(
        CalendarYear, on_delete=models.CASCADE, related_name="holidays"
    )
    date = models.DateField(unique=True)
    name = models.CharField(max_length=100)

    class Meta:
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.name}"


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
        help_text="For a reassessment: the designation under review.",
    )
    reasons = models.TextField(blank=True, help_text="For a reassessment: the new reasons.")

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
        default=False, help_text="Notified after the due date (docs/rules.md § notification-duty)."
    )
    released_before_notification = models.BooleanField(
        default=False,
        help_text="Open-source model notified on or after its planned release (docs/rules.md § open-source-release).",
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
        return OUTCOMES_BY_KIND[self.kind]


class TriggerType(models.TextChoices):
    MET = "met", "The threshold has been met"
    WILL_BE_MET = "will_be_met", "It became known that the threshold will be met"


class ComputeMethod(models.TextChoices):
    HARDWARE = "hardware", "Hardware-based (chips × time × peak FLOP/s × utilisation)"
    ARCHITECTURE = "architecture", "Architecture-based (≈ 6 × parameters × tokens)"


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
        default=dict, blank=True, help_text="The inputs of the estimate (chips, hours, tokens…)."
    )
    architecture_description = models.TextField(blank=True)
    modalities_description = models.TextField(blank=True)
    intended_uses = models.TextField(blank=True)
    cover_letter = models.TextField(blank=True)
    notification_due = models.DateField(null=True, blank=True, db_index=True)
    notification_due_rule = models.CharField(max_length=400, blank=True)
    wizard_step = models.CharField(max_length=30, blank=True)

    def __str__(self) -> str:
        return f"Notification {self.case.reference}"


class ClaimBasis(models.TextChoices):
    CAPABILITY = "capability", "Capabilities"
    REACH = "reach", "Reach"
    MITIGATION = "mitigation", "Mitigations (not a valid ground under the guidelines)"
    OTHER = "other", "Other"


class ClaimReview(models.TextChoices):
    PENDING = "pending", "Not yet reviewed"
    SUBSTANTIATED = "substantiated", "Substantiated"
    NOT_SUBSTANTIATED = "not_substantiated", "Not substantiated"


class Claim(TrackedModel):
    """One rebuttal argument (Art 52(2)): a claim, its basis and the documents that support it."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="claims")
    text = models.TextField()
    basis = models.CharField(max_length=20, choices=ClaimBasis.choices)
    documents = models.ManyToManyField("documents.Document", blank=True, related_name="claims")
    supplementary = models.BooleanField(
        default=False,
        help_text="Filed after submission: outside Art 52(2) (docs/rules.md § arguments).",
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

    class Meta:
        ordering = ["filed_at", "id"]

    def __str__(self) -> str:
        return self.text[:60]

    @property
    def is_mitigation(self) -> bool:
        return self.basis == ClaimBasis.MITIGATION


class RequestKind(models.TextChoices):
    QUESTION = "question", "Request for information"
    HEARING = "hearing", "Hearing on a draft decision (right to be heard)"


class RequestStatus(models.TextChoices):
    OPEN = "open", "Open"
    ANSWERED = "answered", "Answered"


class InformationRequest(TrackedModel):
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="information_requests")
    kind = models.CharField(
        max_length=20, choices=RequestKind.choices, default=RequestKind.QUESTION
    )
    questions = models.JSONField(default=list)
    draft_reasoning = models.TextField(blank=True, help_text="For a hearing: the draft decision.")
    draft_outcome = models.CharField(max_length=20, choices=Outcome.choices, blank=True)
    sent_on = models.DateField(default=timezone.localdate)
    due_date = models.DateField(db_index=True)
    due_rule = models.CharField(max_length=400, blank=True)
    period_days = models.PositiveIntegerField(
        null=True, blank=True, help_text="Set when the due date was computed from a period."
    )
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
    reason = models.CharField(max_length=300)

    class Meta:
        ordering = ["started_on", "id"]

    def __str__(self) -> str:
        return f"{self.case.reference}: {self.started_on} – {self.ended_on or 'open'}"


class DecisionStatus(models.TextChoices):
    PROPOSED = "proposed", "Proposed"
    RETURNED = "returned", "Returned"
    APPROVED = "approved", "Approved"


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
        help_text="A rejection of the arguments cites the claims found not substantiated.",
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
    ARGUMENTS_REJECTED = "notified_arguments_rejected", "Notified; arguments rejected"
    NO_ARGUMENTS = "notified_without_arguments", "Notified without arguments"
    EX_OFFICIO = "ex_officio", "Ex officio"
    SCIENTIFIC_PANEL_ALERT = "scientific_panel_alert", "Scientific panel alert"


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
        null=True, blank=True, help_text="Arguments rejected: since the trigger date (Art 52(3))."
    )
    last_decision_on = models.DateField(help_text="Designation or latest decision to maintain it.")
    reassessment_earliest = models.DateField()
    reassessment_rule = models.CharField(max_length=400)
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


class CaseEvent(AppendOnlyModel):
    """Append-only audit trail. Written only through :func:`gpai_cases.cases.audit.record`."""

    immutable_message = "The audit trail is append-only."

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="events")
    at = models.DateTimeField(default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    action = models.CharField(max_length=40)
    from_state = models.CharField(max_length=20, blank=True)
    to_state = models.CharField(max_length=20, blank=True)
    payload = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.case_id} {self.action} {self.at:%Y-%m-%d %H:%M}"

    @property
    def label(self) -> str:
        """The verb in words: ``taken_up`` → "Taken up"."""
        return self.action.replace("_", " ").capitalize()
