"""A provider's Code of Practice status per chapter: recorded by the AI Office, each change a new
row (docs/rules.md § code-of-practice)."""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction

from gpai_cases.core.compiled import Compiled, fields_of
from gpai_cases.providers.models import Provider

from .. import access, rules
from ..audit import Action, record
from ..models import Chapter, CodeOfPracticeStatus
from .base import refuse_if, today

__all__ = ["code_of_practice_current", "code_of_practice_record"]


#: Read on the portal home and the case page: compiled once (docs/adr/0025).
_STATUSES = Compiled(
    lambda shape, provider_id: (
        CodeOfPracticeStatus.objects.filter(provider_id=provider_id)
        .order_by("recorded_at", "id")
        .values_list(*fields_of(CodeOfPracticeStatus))
    )
)


def code_of_practice_current(provider: Any) -> list[tuple[str, str, CodeOfPracticeStatus | None]]:
    """Each chapter (value, label) with the status in force, or None when never recorded."""
    latest: dict[str, CodeOfPracticeStatus] = {}
    for status in _STATUSES.records((), provider.pk):
        latest[status.chapter] = status
    return [(value, label, latest.get(value)) for value, label in Chapter.choices]


def _current(provider: Provider, chapter: str) -> CodeOfPracticeStatus | None:
    return (
        CodeOfPracticeStatus.objects.filter(provider=provider, chapter=chapter)
        .order_by("-recorded_at", "-id")
        .first()
    )


def code_of_practice_record(
    *,
    actor: Any,
    provider: Provider,
    chapter: str,
    signatory: bool,
    on: datetime.date | None,
    note: str = "",
    via: str = "",
) -> CodeOfPracticeStatus:
    """Record that the provider signed a chapter on ``on`` (``signatory``), or withdrew from it."""
    access.require(access.may_record_code_of_practice, actor, provider)
    refuse_if(rules.code_of_practice_blockers(None, chapter=chapter))
    with transaction.atomic():
        provider = Provider.objects.select_for_update().get(pk=provider.pk)
        current = _current(provider, chapter)
        refuse_if(
            rules.code_of_practice_blockers(
                current, chapter=chapter, signatory=signatory, on=on, today=today()
            )
        )
        status = CodeOfPracticeStatus.objects.create(
            provider=provider,
            chapter=chapter,
            signatory=signatory,
            signed_on=on if signatory else (current.signed_on if current else None),
            withdrawn_on=None if signatory else on,
            note=note.strip(),
            recorded_by=actor,
            via=via,
        )
        record(
            provider=provider,
            actor=actor,
            action=Action.CODE_OF_PRACTICE_RECORDED,
            payload={
                "status": status.pk,
                "chapter": chapter,
                "signatory": signatory,
                "on": on.isoformat() if on else None,
            },
        )
    return status
