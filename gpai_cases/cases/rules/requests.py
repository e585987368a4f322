"""Guards of requests for information and hearings (docs/rules.md § requests)."""

from __future__ import annotations

import datetime
from typing import Any

from ..models import (
    Case,
    RequestKind,
    RequestStatus,
    State,
)
from .common import request_due_date_problems, state_blocker

__all__ = [
    "answer_blockers",
    "information_request_blockers",
]


def information_request_blockers(
    case: Case,
    *,
    kind: str | None = None,
    questions: list[str] | None = None,
    draft_reasoning: str = "",
    due_date: datetime.date | None = None,
    today: datetime.date | None = None,
) -> list[str]:
    reasons = state_blocker(
        case, (State.SUBMITTED, State.UNDER_ASSESSMENT), "send a request for information"
    )
    if kind is None:
        return reasons
    if kind not in RequestKind.values:
        reasons.append("Choose a question or a hearing.")
    if kind == RequestKind.HEARING and not draft_reasoning.strip():
        reasons.append("A hearing carries the draft reasoning of the decision.")
    if kind == RequestKind.QUESTION and not [q for q in questions or [] if q.strip()]:
        reasons.append("Ask at least one question.")
    if today is not None:
        reasons += request_due_date_problems(due_date, today=today)
    return reasons


def answer_blockers(
    request: Any, *, response: str | None = None, documents: list[Any] | None = None
) -> list[str]:
    reasons = []
    if response is not None and not response.strip():
        reasons.append("Write a response.")
    if documents and any(d.case_id != request.case_id for d in documents):
        reasons.append("A document attached to the response belongs to another case.")
    if request.status != RequestStatus.OPEN:
        reasons.append("This request has already been answered.")
    return reasons
