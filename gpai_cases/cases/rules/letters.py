"""Guards of the reasoning draft and of the public verification of letters (docs/adr/0011,
docs/adr/0012)."""

from __future__ import annotations

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from gpai_cases.core.limits import number

from ..models import Case, State
from .common import state_blocker

__all__ = [
    "REASONING_PART_LIMIT",
    "reasoning_blockers",
    "verification_blockers",
]

#: The longest text one part of the reasoning may hold (characters).
REASONING_PART_LIMIT = 20_000


def reasoning_blockers(case: Case, *, parts: dict[str, str] | None = None) -> list[str]:
    """The reasoning is drafted while the case is under assessment: once a decision is proposed
    the approver reads exactly what will be sent, so it changes only after a return."""
    reasons = state_blocker(case, (State.UNDER_ASSESSMENT,), _("You cannot edit the reasoning"))
    if parts is not None:
        if not parts.get("conclusion", "").strip():
            reasons.append(_("Write the conclusion of the reasoning."))
        if any(len(text) > REASONING_PART_LIMIT for text in parts.values()):
            reasons.append(
                gettext("Each part of the reasoning holds at most {limit} characters.").format(
                    limit=number(REASONING_PART_LIMIT)
                )
            )
    return reasons


def verification_blockers(
    *, attempts: int, allowed: int, reference: str, code: str, has_upload: bool
) -> list[str]:
    """A check of a letter: within the attempts allowed, and either a reference with its code
    or the letter's PDF."""
    if attempts > allowed:
        return [_("Too many checks from your address. Please try again in a few minutes.")]
    if has_upload:
        return []
    if not reference.strip() or not code.strip():
        return [_("Enter the letter's reference and its verification code, or upload the PDF.")]
    return []
