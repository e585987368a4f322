"""Guards of corrections of a submitted notification (docs/rules.md § facts-as-filed,
§ systemic-risk-since): dated filings with a reason and evidence, the original staying as filed."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .. import deadlines
from ..models import Case, Kind, State, TriggerType
from .common import state_blocker, trigger_date_problems

__all__ = ["correction_blockers"]


def correction_blockers(
    case: Case,
    *,
    reason: str | None = None,
    documents: list[Any] | None = None,
    changes: dict[str, Any] | None = None,
    confirms_met: bool = False,
    final_compute: Any = None,
    met_on: datetime.date | None = None,
    trigger_date: datetime.date | None = None,
    today: datetime.date | None = None,
) -> list[str]:
    """A provider corrects its notification while it is submitted or under assessment: a new
    compute figure or method, a corrected trigger date, or — for "will be met" — the
    confirmation that the threshold has been met, with the final figure and the day it was met."""
    if case.kind != Kind.NOTIFICATION:
        return [_("Only a notification can be corrected.")]
    reasons = state_blocker(
        case, (State.SUBMITTED, State.UNDER_ASSESSMENT), _("You cannot correct the notification")
    )
    if reason is not None and not reason.strip():
        reasons.append(_("Say why the notification is corrected."))
    if documents is not None:
        if not documents:
            reasons.append(_("Attach at least one document as evidence for the correction."))
        elif any(
            d.case_id != case.pk or d.removed_at is not None or d.kind == "letter"
            for d in documents
        ):
            reasons.append(_("A document given as evidence is not a document filed in this case."))
    n = getattr(case, "notification", None)
    if confirms_met and n is not None:
        if n.trigger_type != TriggerType.WILL_BE_MET:
            reasons.append(
                _("Only a notification that the threshold will be met can be confirmed as met.")
            )
        elif n.met_confirmed_on is not None:
            reasons.append(
                gettext("The threshold was already confirmed as met on {day}.").format(
                    day=deadlines.format_date(n.met_confirmed_on)
                )
            )
        if final_compute is None:
            reasons.append(_("Give the final training compute with the confirmation."))
        if met_on is None:
            reasons.append(_("Give the day the threshold was met."))
    elif met_on is not None:
        reasons.append(
            _("A day the threshold was met goes with the confirmation that it has been met.")
        )
    if today is not None:
        if met_on is not None and met_on > today:
            reasons.append(_("The day the threshold was met cannot be after today."))
        else:
            reasons += trigger_date_problems(met_on, today=today)
        reasons += trigger_date_problems(trigger_date, today=today)
    if changes is not None and not changes and not confirms_met:
        reasons.append(
            _(
                "The correction changes nothing: give a new figure, method or trigger date, or "
                "confirm that the threshold has been met."
            )
        )
    return reasons
