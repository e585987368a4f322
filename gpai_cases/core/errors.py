"""The two refusals every app raises: kept here, at the bottom of the house, so that any app may
use them without importing another domain app."""

from __future__ import annotations

from typing import Any


class ImmutableError(Exception):
    """Raised when code tries to change or delete a record that is kept for ever."""


class ActionRefused(Exception):
    """The action is not possible now; ``reasons`` say why in plain words (HTTP 409).

    ``extra`` carries machine-readable details for the API (e.g. ``earliest_date``).
    """

    def __init__(self, reasons: list[str], **extra: Any) -> None:
        # lazy sentences (gettext_lazy) become text in the reader's language here, so that the
        # reasons join, compare and serialise (API problem details) as plain strings
        self.reasons = [str(reason) for reason in reasons]
        self.extra = extra
        super().__init__(" ".join(self.reasons))


def refuse_if(reasons: list[str], **extra: Any) -> None:
    """Raise :class:`ActionRefused` with these reasons, if there are any."""
    if reasons:
        raise ActionRefused(reasons, **extra)
