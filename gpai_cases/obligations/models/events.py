"""The audit trail of the obligations that belong to no case: a provider's Code of Practice status
and its safety and security framework, and changes of the periods kept as data."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gpai_cases.core.models import AppendOnlyModel


class ObligationEvent(AppendOnlyModel):
    """Append-only. Written only through :func:`gpai_cases.obligations.audit.record`; the records
    tied to a designated model (model reports, incidents) are in their case's audit trail."""

    immutable_message = "The audit trail is append-only."

    provider = models.ForeignKey(
        "providers.Provider",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="obligation_events",
        help_text=_(
            "Empty for a change of the periods kept as data (they concern every provider)."
        ),
    )
    at = models.DateTimeField(default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    action = models.CharField(max_length=40)
    payload = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.provider_id} {self.action} {self.at:%Y-%m-%d %H:%M}"

    @property
    def label(self) -> str:
        return self.action.replace("_", " ").capitalize()
