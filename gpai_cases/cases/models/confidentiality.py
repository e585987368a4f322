"""Confidentiality claims (Art 78 AI Act): the provider marks a document or a field it filed as
confidential business information, with its reason, the words that must never be published, and
optionally a non-confidential version (docs/rules.md § confidentiality)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from gpai_cases.core.models import TrackedModel

from .case import Case

#: The fields a provider may claim, as "record.field" → words (in the reader's language).
CLAIMABLE_FIELDS = {
    "notification.compute_flop": _("Training compute declared"),
    "notification.compute_inputs": _("Inputs of the compute estimate"),
    "notification.architecture_description": _("Architecture of the model"),
    "notification.modalities_description": _("Modalities"),
    "notification.intended_uses": _("Intended uses"),
    "notification.cover_letter": _("Cover letter"),
    "model.parameter_count": _("Number of parameters"),
    "model.training_tokens": _("Training data size"),
    "model.eu_business_users": _("Registered EU business users"),
    "model.eu_end_users": _("Registered EU end users"),
}
#: A claimed term shorter than this would match everywhere.
MIN_TERM_LENGTH = 3


class ConfidentialityClaim(TrackedModel):
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="confidentiality_claims")
    document = models.ForeignKey(
        "documents.Document", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    field = models.CharField(
        max_length=60, blank=True, choices=list(CLAIMABLE_FIELDS.items()), default=""
    )
    reason = models.TextField(help_text=_("Why it is confidential business information."))
    terms = models.TextField(
        blank=True, help_text=_("Words or phrases that must never be published, one per line.")
    )
    non_confidential_version = models.ForeignKey(
        "documents.Document", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    filed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["filed_at", "id"]

    def __str__(self) -> str:
        return f"Confidentiality claim on {self.subject}"

    @property
    def subject(self) -> str:
        if self.document_id:
            return gettext("the document “{title}”").format(title=self.document.title)
        return str(CLAIMABLE_FIELDS.get(self.field, self.field))

    def term_list(self) -> list[str]:
        return [t.strip() for t in self.terms.splitlines() if len(t.strip()) >= MIN_TERM_LENGTH]
