"""What every app may build on: records kept for ever, and the counters of ``freshness``."""

from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.utils import timezone

from .errors import ImmutableError
from .freshness import ReportingManager, ReportingQuerySet


class TrackedModel(models.Model):
    """A model whose data cached pages show: its default manager reports bulk writes to
    :mod:`.freshness` (saves and deletes are reported by signals)."""

    objects = ReportingManager()

    class Meta:
        abstract = True


class CurrentManager(ReportingManager):
    """The records still in force: those not ``removed_at`` (a draft's withdrawn documents and
    claims). The model's ``all_objects`` manager reaches the removed ones too."""

    def get_queryset(self) -> ReportingQuerySet:
        return super().get_queryset().filter(removed_at__isnull=True)


class AppendOnlyQuerySet(ReportingQuerySet):
    """Rows are added, never changed or removed, not even in bulk."""

    def update(self, **kwargs: Any) -> int:
        raise ImmutableError(self.model.immutable_message)

    def delete(self) -> tuple[int, dict[str, int]]:
        raise ImmutableError(self.model.undeletable_message or self.model.immutable_message)

    def bulk_update(self, *args: Any, **kwargs: Any) -> int:
        raise ImmutableError(self.model.immutable_message)


class AppendOnlyModel(TrackedModel):
    """A record kept for ever: saved once, never changed, never deleted (the audit trail, stored
    documents, publications, scorecard versions, sign-in events).

    ``immutable_message`` says, in the words of the record, what to do instead.
    """

    immutable_message: ClassVar[str] = "This record is kept for ever: it is never changed."
    undeletable_message: ClassVar[str] = ""  # when deleting deserves other words

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise ImmutableError(self.immutable_message)
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise ImmutableError(self.undeletable_message or self.immutable_message)


class DataVersion(models.Model):
    """One counter that goes up after every committed change to case data (see ``freshness``)."""

    n = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = "data version"

    def __str__(self) -> str:
        return f"data version {self.n}"


class CaseStamp(models.Model):
    """The data version at the last change to one case's own data (see ``freshness``): its page
    stays cached while other cases change."""

    case = models.OneToOneField(
        "cases.Case", primary_key=True, on_delete=models.CASCADE, related_name="+"
    )
    n = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = "case stamp"

    def __str__(self) -> str:
        return f"case {self.case_id} at data version {self.n}"


class RecordChange(AppendOnlyModel):
    """A change to a record that is not a case's own — a provider, a model, a person, a holiday,
    public wording — with its old and new values and the reason (the cases' own changes are in
    their audit trail). Each change of a record is a new version of it (``version``)."""

    immutable_message = "A recorded change is never changed."

    record_type = models.CharField(max_length=100, help_text="app_label.ModelName")
    record_id = models.BigIntegerField()
    record_repr = models.CharField(max_length=300, blank=True)
    version = models.PositiveIntegerField(help_text="1 for the record as created.")
    at = models.DateTimeField(default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    via = models.CharField(max_length=40, blank=True, help_text="portal, workspace, api, admin…")
    changes = models.JSONField(default=dict, help_text="field → [old, new], as text.")
    reason = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["record_type", "record_id", "version"])]
        constraints = [
            models.UniqueConstraint(
                fields=["record_type", "record_id", "version"], name="one_change_per_version"
            )
        ]

    def __str__(self) -> str:
        return f"{self.record_type} {self.record_id} v{self.version}"

    @classmethod
    def record(
        cls,
        record: models.Model,
        *,
        actor: Any,
        changes: dict[str, list[str]],
        via: str = "",
        reason: str = "",
        created: bool = False,
    ) -> RecordChange:
        """Record a new version of ``record`` (call with its row locked, in the transaction of the
        change): version 1 is the record as created; a record created before its changes were
        recorded gets version 2 for its first change."""
        record_type = record._meta.label
        last = (
            cls.objects.filter(record_type=record_type, record_id=record.pk)
            .aggregate(m=models.Max("version"))
            .get("m")
        )
        version = 1 if created else max(last or 1, 1) + 1
        return cls.objects.create(
            record_type=record_type,
            record_id=record.pk,
            record_repr=str(record)[:300],
            version=version,
            actor=actor if getattr(actor, "is_authenticated", False) else None,
            via=via[:40],
            changes=changes,
            reason=reason.strip(),
        )
