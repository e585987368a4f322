"""The caseworker's draft of the reasoning of a decision, part by part (docs/adr/0012)."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from .. import access, rules
from ..models import Case, ReasoningDraft
from .base import lock, refuse_if

__all__ = ["reasoning_save"]


def reasoning_save(
    *,
    actor: Any,
    case: Case,
    facts: str,
    assessment: dict[str, str],
    arguments: dict[str, str],
    hearing: str,
    conclusion: str,
) -> ReasoningDraft:
    """Keep the caseworker's reasoning: what the decision letter will print."""
    access.require(access.may_draft_reasoning, actor, case)
    parts = {
        "facts": facts,
        "hearing": hearing,
        "conclusion": conclusion,
        **{f"assessment {k}": v for k, v in assessment.items()},
        **{f"argument {k}": v for k, v in arguments.items()},
    }
    refuse_if(rules.reasoning_blockers(case, parts=parts))
    with transaction.atomic():
        case = lock(case)
        refuse_if(rules.reasoning_blockers(case))
        claims = {str(pk) for pk in case.claims.values_list("pk", flat=True)}
        draft, _ = ReasoningDraft.objects.update_or_create(
            case=case,
            defaults={
                "facts": facts.strip(),
                "assessment": {k: v.strip() for k, v in assessment.items() if v.strip()},
                "arguments": {
                    k: v.strip() for k, v in arguments.items() if v.strip() and k in claims
                },
                "hearing": hearing.strip(),
                "conclusion": conclusion.strip(),
                "updated_by": actor,
                "updated_at": timezone.now(),
            },
        )
    return draft
