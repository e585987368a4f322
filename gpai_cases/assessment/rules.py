"""The guards of the assessment scorecard, in words (see :mod:`gpai_cases.cases.rules`)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from gpai_cases.cases.models import Case, State
from gpai_cases.cases.rules import state_blocker

from .models import CRITERIA, RATINGS


def scorecard_blockers(
    case: Case,
    *,
    criteria: dict[str, dict[str, str]] | None = None,
    evaluation_report: Any = None,
) -> list[str]:
    """The scorecard is recorded while the case is under assessment; ratings are those of
    RATINGS; the evaluation report is a document of the case."""
    reasons = state_blocker(case, (State.UNDER_ASSESSMENT,), _("You cannot record the assessment"))
    ratings = {r for r, _ in RATINGS}
    for key, _label in CRITERIA:
        rating = (criteria or {}).get(key, {}).get("rating", "")
        if rating and rating not in ratings:
            reasons.append(
                gettext("Criterion (%(key)s): choose below, comparable or above.") % {"key": key}
            )
    if evaluation_report is not None and evaluation_report.case_id != case.pk:
        reasons.append(gettext("The evaluation report must be a document of this case."))
    return reasons
