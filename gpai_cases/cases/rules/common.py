"""What every guard shares: the state a case is in, in words; dates typed by people that must be plausible."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from .. import deadlines
from ..models import (
    Case,
    State,
)

__all__ = [
    "EARLIEST_TRIGGER_DATE",
    "LATEST_REQUEST_DUE_DAYS",
    "STATE_WORDS",
    "TRIGGER_DATE_HORIZON_YEARS",
    "alert_date_problems",
    "records_of",
    "request_due_date_problems",
    "state_blocker",
    "trigger_date_problems",
]

#: Why a case's state stops an action: each a whole clause, so that every language words it its own way.
STATE_WORDS: dict[str, Promise] = {
    State.DRAFT: _("the case is still a draft"),
    State.SUBMITTED: _("the case has been submitted and awaits a caseworker"),
    State.UNDER_ASSESSMENT: _("the case is under assessment"),
    State.DECISION_PROPOSED: _("the case has a decision proposed"),
    State.DECIDED: _("the case has been decided"),
    State.WITHDRAWN: _("the case has been withdrawn"),
}


def records_of(case: Case, name: str) -> list[Any]:
    """The case's related records ``name`` (``"information_requests"``, ``"claims"``) as the
    guards read them: what a page prefetched, or a query; none when the page has found there are
    none (``case.absent_relations``, a set of names: the case page asks one EXISTS per list, and
    an empty prefetch costs Django a queryset built and compiled for nothing, ~0.6 ms each)."""
    if name in getattr(case, "absent_relations", ()):
        return []
    return list(getattr(case, name).all())


def state_blocker(case: Case, allowed: tuple[str, ...], refusal: str | Promise) -> list[str]:
    """``refusal`` is the whole first clause, e.g. ``_("You cannot approve")``: the verb's place
    differs between languages, so it is never built from a verb fragment."""
    if case.state in allowed:
        return []
    return [
        gettext("{refusal}: {reason}.").format(
            refusal=refusal, reason=STATE_WORDS[State(case.state)]
        )
    ]


# ---- plausible dates ---------------------------------------------------------------------------

#: No model had been trained with more than 10^25 FLOP before this day; an earlier trigger date is a
#: typing error (and dates far outside the calendar would break the deadline arithmetic).
EARLIEST_TRIGGER_DATE = datetime.date(2015, 1, 1)
#: "Known that it will be met" looks ahead to planned training runs, not decades.
TRIGGER_DATE_HORIZON_YEARS = 5
#: A request for information is answered within weeks or months; a due date later than this is a typo.
LATEST_REQUEST_DUE_DAYS = 366


def trigger_date_problems(value: datetime.date | None, *, today: datetime.date) -> list[str]:
    if value is None:
        return []
    if value < EARLIEST_TRIGGER_DATE:
        return [
            gettext(
                "The trigger date cannot be before {day}: no model had reached the threshold then."
            ).format(day=deadlines.format_day(EARLIEST_TRIGGER_DATE))
        ]
    latest = today.replace(year=today.year + TRIGGER_DATE_HORIZON_YEARS, day=min(today.day, 28))
    if value > latest:
        return [
            ngettext(
                "The trigger date cannot be more than {years} year ahead (after {day}).",
                "The trigger date cannot be more than {years} years ahead (after {day}).",
                TRIGGER_DATE_HORIZON_YEARS,
            ).format(years=TRIGGER_DATE_HORIZON_YEARS, day=deadlines.format_day(latest))
        ]
    return []


def request_due_date_problems(value: datetime.date | None, *, today: datetime.date) -> list[str]:
    if value is None:
        return []
    if value <= today:
        return [_("The due date must be after today.")]
    latest = today + datetime.timedelta(days=LATEST_REQUEST_DUE_DAYS)
    if value > latest:
        return [
            gettext("The due date cannot be later than {day}.").format(
                day=deadlines.format_day(latest)
            )
        ]
    return []


def alert_date_problems(value: datetime.date | None, *, today: datetime.date) -> list[str]:
    if value is None:
        return []
    if value > today:
        return [_("The date of the alert cannot be in the future.")]
    if value < EARLIEST_TRIGGER_DATE:
        return [
            gettext("The date of the alert cannot be before {day}.").format(
                day=deadlines.format_day(EARLIEST_TRIGGER_DATE)
            )
        ]
    return []
