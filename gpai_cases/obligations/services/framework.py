"""A provider's safety and security framework: the provider files each version; the AI Office
acknowledges it, requests changes (with a due date, a period for acting), or records an internal
assessment note (docs/rules.md § framework)."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from gpai_cases.providers.models import Provider

from .. import access, dates, rules
from ..audit import Action, record
from ..models import ChangeRequestStatus, FrameworkReview, FrameworkVersion, ReviewKind
from .base import checked_upload, holidays_around, refuse_if, refused_on_conflict, store_file, today
from .periods import FRAMEWORK_CHANGES, period

__all__ = ["framework_dates_recompute", "framework_file", "framework_review"]

REVIEW_ACTIONS = {
    ReviewKind.ACKNOWLEDGED: Action.FRAMEWORK_ACKNOWLEDGED,
    ReviewKind.CHANGES_REQUESTED: Action.FRAMEWORK_CHANGES_REQUESTED,
    ReviewKind.ASSESSMENT_NOTE: Action.FRAMEWORK_NOTE_RECORDED,
}


def framework_file(
    *, actor: Any, provider: Provider, summary: str, uploaded_file: Any
) -> FrameworkVersion:
    """File a new version; an open request for changes is answered by it."""
    access.require(access.may_file_framework, actor, provider)
    refuse_if(rules.framework_file_blockers(summary=summary, has_file=uploaded_file is not None))
    checked = checked_upload(uploaded_file)
    with refused_on_conflict("Someone filed a version at the same moment; reload the page."):
        provider = Provider.objects.select_for_update().get(pk=provider.pk)
        number = (
            FrameworkVersion.objects.filter(provider=provider).aggregate(n=Max("version"))["n"] or 0
        ) + 1
        stored = store_file(
            actor=actor, provider=provider, uploaded_file=uploaded_file, checked=checked
        )
        version = FrameworkVersion.objects.create(
            provider=provider,
            version=number,
            summary=summary.strip(),
            file=stored,
            filed_on=today(),
            filed_by=actor,
        )
        answered = list(
            FrameworkReview.objects.filter(provider=provider, status=ChangeRequestStatus.OPEN)
        )
        FrameworkReview.objects.filter(pk__in=[r.pk for r in answered]).update(
            status=ChangeRequestStatus.ANSWERED, answered_by=version
        )
        record(
            provider=provider,
            actor=actor,
            action=Action.FRAMEWORK_FILED,
            payload={
                "version": version.pk,
                "number": number,
                "sha256": stored.sha256,
                "answers": [r.pk for r in answered],
            },
        )
    return version


def framework_review(
    *, actor: Any, version: FrameworkVersion, kind: str, note: str = "", days: int | None = None
) -> FrameworkReview:
    """Acknowledge a version, request changes (due ``days`` after today, or the period kept as
    data), or record an assessment note (internal: the provider does not see it)."""
    access.require(access.may_review_framework, actor, version)
    day = today()
    with transaction.atomic():
        Provider.objects.select_for_update().get(pk=version.provider_id)
        latest = FrameworkVersion.objects.filter(provider_id=version.provider_id).aggregate(
            n=Max("version")
        )["n"]
        refuse_if(
            rules.framework_review_blockers(
                version, latest_number=latest, kind=kind, note=note, days=days
            )
        )
        review = FrameworkReview(
            version=version, provider_id=version.provider_id, kind=kind, note=note.strip(), by=actor
        )
        payload: dict[str, Any] = {"version": version.pk}
        if kind == ReviewKind.CHANGES_REQUESTED:
            default = period(FRAMEWORK_CHANGES)
            length = days or default.amount
            due = dates.change_request_due(
                day, days=length, citation=default.citation, holidays=holidays_around(day)
            )
            review.sent_on, review.period_days = day, length
            review.due_date, review.due_rule = due.value, due.rule
            review.status = ChangeRequestStatus.OPEN
            payload["due_date"] = due.value.isoformat()
        review.at = timezone.now()
        review.save()
        payload["review"] = review.pk
        record(provider=version.provider, actor=actor, action=REVIEW_ACTIONS[kind], payload=payload)
    return review


def framework_dates_recompute(*, reason: str) -> int:
    """The due dates of open requests for changes after a change of the holiday calendar."""
    changed = 0
    citation = period(FRAMEWORK_CHANGES).citation
    with transaction.atomic():
        for review in FrameworkReview.objects.select_related("provider").filter(
            status=ChangeRequestStatus.OPEN, period_days__isnull=False
        ):
            due = dates.change_request_due(
                review.sent_on,
                days=review.period_days,
                citation=citation,
                holidays=holidays_around(review.sent_on),
            )
            if due.value == review.due_date:
                continue
            old = review.due_date
            review.due_date, review.due_rule = due.value, due.rule
            review.save(update_fields=["due_date", "due_rule"])
            record(
                provider=review.provider,
                actor=None,
                action=Action.FRAMEWORK_DATES_RECOMPUTED,
                payload={
                    "review": review.pk,
                    "old": str(old),
                    "new": str(due.value),
                    "reason": reason,
                },
            )
            changed += 1
    return changed
