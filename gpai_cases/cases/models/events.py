"""The append-only audit trail of a case."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from gpai_cases.core.models import AppendOnlyModel

from ..event_words import describe, state_words
from .case import Case


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
        """The event in words with what changed (:func:`..event_words.describe`)."""
        return describe(self.action, self.payload)

    @property
    def to_state_words(self) -> str:
        return state_words(self.to_state) if self.to_state else ""

    @property
    def from_state_words(self) -> str:
        return state_words(self.from_state) if self.from_state else ""
