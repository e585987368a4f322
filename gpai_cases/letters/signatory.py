"""Who signs a letter: a decision, the approver who approved it; a request, notice or receipt,
the caseworker who acted or the head of unit, as the AI Office configures
(:class:`~gpai_cases.letters.models.LetterSettings`). Taken when the letter is requested, so a
later change of a person's function does not change a letter already due."""

from __future__ import annotations

from typing import Any

from .models import LetterSettings, SignedBy

#: When a person has no function on record.
DEFAULT_FUNCTION = "AI Office, European Commission"


def _person(user: Any) -> tuple[str, str]:
    return (user.full_name or user.email, user.function or DEFAULT_FUNCTION)


def signatory_for(*, decision: Any = None, actor: Any = None, case: Any = None) -> tuple[str, str]:
    """(name, function) of the signatory."""
    if decision is not None and decision.approved_by_id:
        return _person(decision.approved_by)
    config = LetterSettings.current()
    head = (config.head_of_unit_name, config.head_of_unit_function or DEFAULT_FUNCTION)
    if config.requests_signed_by == SignedBy.HEAD_OF_UNIT and config.head_of_unit_name:
        return head
    for person in (actor, getattr(case, "assignee", None)):
        if person is not None and person.is_ai_office:
            return _person(person)
    return head if config.head_of_unit_name else ("", DEFAULT_FUNCTION)
