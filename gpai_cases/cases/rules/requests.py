"""Guards of requests for information and hearings, and of their due dates over time: answer,
lapse, withdrawal, extension (docs/rules.md § requests, § periods).

A request is *open* until answered, withdrawn or lapsed. It lapses at the end of its due date
(a period ends at 23:59 Brussels time on its last day): from the next day it is treated as lapsed
here even before the periodic sweep records it — unless the provider asked for more time before
then and the AI Office has not decided yet (the provider must not lose its time because the
Office was slow to answer).
"""

from __future__ import annotations

import datetime
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .. import deadlines
from ..models import (
    Case,
    ExtensionStatus,
    RequestKind,
    RequestStatus,
    State,
)
from .common import records_of, request_due_date_problems, state_blocker

__all__ = [
    "GRANT",
    "REFUSE",
    "answer_blockers",
    "awaiting_answer",
    "extension_decision_blockers",
    "extension_request_blockers",
    "information_request_blockers",
    "open_requests",
    "pending_extension",
    "request_closed_reasons",
    "request_extend_blockers",
    "request_lapsed",
    "request_withdraw_blockers",
]

#: How a caseworker decides on a provider's request for more time.
GRANT, REFUSE = "grant", "refuse"
NEW_DUE_DATE_MISSING = _("Give the new due date.")


def open_requests(case: Case) -> list[Any]:
    """The case's requests still open (not answered, withdrawn or lapsed)."""
    return [r for r in records_of(case, "information_requests") if r.status == RequestStatus.OPEN]


def pending_extension(request: Any) -> Any | None:
    """The provider's request for more time on this request that awaits a decision, if any."""
    return next((e for e in request.extensions.all() if e.status == ExtensionStatus.PENDING), None)


def request_lapsed(request: Any, *, today: datetime.date) -> bool:
    """Lapsed, or lapsing now: its due date passed unanswered and no request for more time is
    pending (the sweep records it; guards and pages do not wait for the sweep)."""
    if request.status == RequestStatus.LAPSED:
        return True
    return (
        request.status == RequestStatus.OPEN
        and request.due_date < today
        and pending_extension(request) is None
    )


def awaiting_answer(case: Case, *, today: datetime.date) -> list[Any]:
    """The open requests that still wait for the provider (they block a proposal)."""
    return [r for r in open_requests(case) if not request_lapsed(r, today=today)]


def request_closed_reasons(request: Any, *, today: datetime.date) -> list[str]:
    """Why nothing more can be done on the request: it was answered, withdrawn or has lapsed."""
    if request.status == RequestStatus.ANSWERED:
        if request.responded_at is None:
            return [gettext("This request was answered.")]
        return [
            gettext("This request was answered on {day}.").format(
                day=deadlines.format_day(request.responded_at.date())
            )
        ]
    if request.status == RequestStatus.WITHDRAWN:
        return [_("This request was withdrawn.")]
    if request_lapsed(request, today=today):
        return [
            gettext("This request lapsed: its due date, {day}, passed unanswered.").format(
                day=deadlines.format_day(request.due_date)
            )
        ]
    return []


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
        case,
        (State.SUBMITTED, State.UNDER_ASSESSMENT),
        _("You cannot send a request for information"),
    )
    if kind is None:
        return reasons
    if kind not in RequestKind.values:
        reasons.append(_("Choose a question or a hearing."))
    if kind == RequestKind.HEARING and not draft_reasoning.strip():
        reasons.append(_("A hearing carries the draft reasoning of the decision."))
    if kind == RequestKind.QUESTION and not [q for q in questions or [] if q.strip()]:
        reasons.append(_("Ask at least one question."))
    if today is not None:
        reasons += request_due_date_problems(due_date, today=today)
    return reasons


def answer_blockers(
    request: Any,
    *,
    today: datetime.date,
    response: str | None = None,
    documents: list[Any] | None = None,
) -> list[str]:
    reasons = []
    if response is not None and not response.strip():
        reasons.append(_("Write a response."))
    if documents and any(d.case_id != request.case_id for d in documents):
        reasons.append(_("A document attached to the response belongs to another case."))
    return reasons + request_closed_reasons(request, today=today)


def request_withdraw_blockers(
    request: Any, *, today: datetime.date, reason: str | None = None
) -> list[str]:
    """A caseworker withdraws an open request sent by mistake, saying why."""
    reasons = request_closed_reasons(request, today=today)
    if reason is not None and not reason.strip():
        reasons.append(_("Give the reason for withdrawing the request."))
    return reasons


def _case_open(request: Any, refusal: str | Promise) -> list[str]:
    """A request of a case that was withdrawn meanwhile is answered by nobody: no more time."""
    return state_blocker(request.case, (State.SUBMITTED, State.UNDER_ASSESSMENT), refusal)


def _new_due_date_problems(
    request: Any, value: datetime.date | None, *, today: datetime.date, missing: str | Promise
) -> list[str]:
    """A new due date: given, later than the current one, plausible."""
    if value is None:
        return [missing]
    if value <= request.due_date:
        return [
            gettext("The new due date must be later than the current one, {day}.").format(
                day=deadlines.format_day(request.due_date)
            )
        ]
    return request_due_date_problems(value, today=today)


def request_extend_blockers(
    request: Any,
    *,
    today: datetime.date,
    due_date: datetime.date | None = None,
    reason: str | None = None,
    check_inputs: bool = False,
) -> list[str]:
    """A caseworker extends the due date of an open request of the AI Office's own motion."""
    reasons = request_closed_reasons(request, today=today) or _case_open(
        request, _("You cannot extend it")
    )
    if not reasons and pending_extension(request) is not None:
        reasons.append(_("The provider has asked for more time: grant or refuse that request."))
    if check_inputs:
        if not (reason or "").strip():
            reasons.append(_("Say why the due date is extended."))
        reasons += _new_due_date_problems(
            request, due_date, today=today, missing=NEW_DUE_DATE_MISSING
        )
    return reasons


def extension_request_blockers(
    request: Any,
    *,
    today: datetime.date,
    reason: str | None = None,
    proposed_due_date: datetime.date | None = None,
    check_inputs: bool = False,
) -> list[str]:
    """The provider asks, with reasons, for more time to answer an open request."""
    reasons = request_closed_reasons(request, today=today) or _case_open(
        request, _("You cannot ask for more time")
    )
    if not reasons and pending_extension(request) is not None:
        reasons.append(
            _(
                "You have already asked for more time on this request; the AI Office has not "
                "decided yet."
            )
        )
    if check_inputs:
        if not (reason or "").strip():
            reasons.append(_("Give your reasons for asking for more time."))
        reasons += _new_due_date_problems(
            request,
            proposed_due_date,
            today=today,
            missing="Give the due date you ask for.",
        )
    return reasons


def extension_decision_blockers(
    extension: Any,
    *,
    today: datetime.date,
    decision: str | None = None,
    due_date: datetime.date | None = None,
    note: str | None = None,
) -> list[str]:
    """A caseworker grants a provider's request for more time (the date asked for or another)
    or refuses it with a note."""
    if extension.status != ExtensionStatus.PENDING:
        return [_("This request for more time has already been decided.")]
    reasons = request_closed_reasons(extension.request, today=today)
    if decision is None:
        return reasons
    if decision not in (GRANT, REFUSE):
        reasons.append(_("Grant or refuse the request for more time."))
    elif decision == GRANT:
        reasons += _new_due_date_problems(
            extension.request, due_date, today=today, missing=NEW_DUE_DATE_MISSING
        )
    elif note is None or not note.strip():
        reasons.append(_("Say why more time is refused."))
    return reasons
