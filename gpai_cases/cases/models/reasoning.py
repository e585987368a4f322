"""The reasoning of a decision as the caseworker drafts it, part by part: the facts, the Annex
XIII assessment criterion by criterion, each argument and why it fails or holds, the hearing and
the provider's comments, the conclusion. The letter prints these parts as written; the proposal
keeps its own internal reasoning field (docs/adr/0012-structured-reasoning.md)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gpai_cases.core.models import TrackedModel

from .case import Case


class ReasoningDraft(TrackedModel):
    case = models.OneToOneField(Case, on_delete=models.PROTECT, related_name="reasoning_draft")
    facts = models.TextField(blank=True)
    assessment = models.JSONField(
        default=dict,
        blank=True,
        help_text=_("Annex XIII criterion key → its assessment in sentences."),
    )
    arguments = models.JSONField(
        default=dict, blank=True, help_text=_("Claim id → why the argument fails or holds.")
    )
    hearing = models.TextField(blank=True)
    conclusion = models.TextField(blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "reasoning draft"

    def __str__(self) -> str:
        return f"Reasoning of {self.case.reference}"
