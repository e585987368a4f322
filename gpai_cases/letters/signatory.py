"""Who signs a letter: a decision, the approver who approved it; a request, notice or receipt,
the caseworker who acted or the head of unit, as the AI Office configures
(:class:`~gpai_cases.letters.models.LetterSettings`). Taken when the letter is requested, so a
later change of a person's function does not change a letter already due."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from .models import LetterSettings, SignedBy

#: When a person has no function on record.
DEFAULT_FUNCTION = "AI Office, European Commission"

#: The settings' seeded wording (as stored, in English) and the same in the letter's language.
#: What the AI Office typed itself is printed as typed.
_SEEDED = {
    DEFAULT_FUNCTION: _("AI Office, European Commission"),
    "Head of Unit, AI Office": _("Head of Unit, AI Office"),
    LetterSettings._meta.get_field("contact_point").default: _(
        "AI Office, European Commission, 1049 Brussels, Belgium · CNECT-AIOFFICE@ec.europa.eu"
    ),
}


def in_letter_language(text: str) -> str:
    """A function or contact point in the active language when it is the seeded wording."""
    return str(_SEEDED.get(text, text))


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
