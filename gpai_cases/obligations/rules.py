"""The guards of the obligations, in words a user understands (as :mod:`gpai_cases.cases.rules`):
each ``<verb>_blockers(...)`` returns the reasons an action cannot be taken now; given the inputs,
the reasons the service refuses them. Pure reads. The rules: docs/rules.md § code-of-practice,
§ framework, § model-reports, § serious-incidents.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.utils.translation import gettext

from gpai_cases.cases.deadlines import format_day

from .models import ChangeRequestStatus, Chapter, ReviewKind

__all__ = [
    "CODE_PUBLISHED",
    "OBLIGATIONS_APPLY",
    "code_of_practice_blockers",
    "designation_blockers",
    "framework_file_blockers",
    "framework_review_blockers",
    "incident_report_blockers",
    "incident_update_blockers",
    "model_report_blockers",
    "period_blockers",
]

#: The Code of Practice was published on 10 July 2025: nobody signed it earlier.
CODE_PUBLISHED = datetime.date(2025, 7, 10)
#: The obligations of Chapter V apply from 2 August 2025 (AI Act Art 113(b)).
OBLIGATIONS_APPLY = datetime.date(2025, 8, 2)
#: A period kept as data is days or months, not years.
LONGEST_PERIOD_DAYS = 366


def _day_texts(what: str) -> tuple[str, str, str]:
    """The three reasons about one date, whole sentences: missing, in the future, too early
    (``%(day)s``)."""
    if what == "signature":
        return (
            gettext("Give the date of signature."),
            gettext("The date of signature cannot be in the future."),
            gettext("The date of signature cannot be before %(day)s."),
        )
    if what == "withdrawal":
        return (
            gettext("Give the date of withdrawal."),
            gettext("The date of withdrawal cannot be in the future."),
            gettext("The date of withdrawal cannot be before %(day)s."),
        )
    return (
        gettext("Give the date you became aware."),
        gettext("The date you became aware cannot be in the future."),
        gettext("The date you became aware cannot be before %(day)s."),
    )


def _day_problems(
    value: datetime.date | None, *, today: datetime.date, earliest: datetime.date, what: str
) -> list[str]:
    missing, future, early = _day_texts(what)
    if value is None:
        return [missing]
    if value > today:
        return [future]
    if value < earliest:
        return [early % {"day": format_day(earliest)}]
    return []


# ---- the Code of Practice -------------------------------------------------------------------------


def code_of_practice_blockers(
    current: Any,
    *,
    chapter: str | None = None,
    signatory: bool | None = None,
    on: datetime.date | None = None,
    today: datetime.date | None = None,
) -> list[str]:
    """Record a signature or a withdrawal of one chapter; ``current`` is the status in force
    (None: never recorded)."""
    reasons = []
    if chapter is not None and chapter not in Chapter.values:
        reasons.append(
            gettext("Choose the chapter: transparency, copyright, or safety and security.")
        )
    if signatory is None or today is None:
        return reasons
    is_signatory = bool(current and current.signatory)
    if signatory and is_signatory:
        reasons.append(gettext("The provider is already a signatory of this chapter."))
    if not signatory and not is_signatory:
        reasons.append(
            gettext(
                "The provider is not a signatory of this chapter: there is nothing to withdraw."
            )
        )
    what = "signature" if signatory else "withdrawal"
    reasons += _day_problems(on, today=today, earliest=CODE_PUBLISHED, what=what)
    signed_on = current.signed_on if current else None
    if not signatory and on and signed_on and on < signed_on:
        reasons.append(
            gettext("The withdrawal cannot be before the signature of %(day)s.")
            % {"day": format_day(signed_on)}
        )
    return reasons


# ---- the framework -----------------------------------------------------------------------------


def framework_file_blockers(
    *, summary: str | None = None, has_file: bool | None = None
) -> list[str]:
    reasons = []
    if summary is not None and not summary.strip():
        reasons.append(gettext("Summarise the framework, or what changed since the last version."))
    if has_file is False:
        reasons.append(gettext("Attach the framework document."))
    return reasons


def framework_review_blockers(
    version: Any,
    *,
    latest_number: int,
    kind: str | None = None,
    note: str | None = None,
    days: int | None = None,
) -> list[str]:
    reasons = []
    if version.version != latest_number:
        reasons.append(
            gettext("Version %(number)s of this framework has been filed since: review that one.")
            % {"number": latest_number}
        )
    reviews = list(version.reviews.all())
    if kind is None:
        return reasons
    if kind not in ReviewKind.values:
        reasons.append(
            gettext("Choose: acknowledge, request changes, or record an assessment note.")
        )
    if kind == ReviewKind.ACKNOWLEDGED and any(r.kind == kind for r in reviews):
        reasons.append(gettext("This version has already been acknowledged."))
    if kind == ReviewKind.CHANGES_REQUESTED and any(
        r.status == ChangeRequestStatus.OPEN for r in reviews
    ):
        reasons.append(
            gettext("Changes to this version have already been requested; wait for the answer.")
        )
    if (
        kind in (ReviewKind.CHANGES_REQUESTED, ReviewKind.ASSESSMENT_NOTE)
        and not (note or "").strip()
    ):
        reasons.append(
            gettext("Say which changes are requested.")
            if kind == ReviewKind.CHANGES_REQUESTED
            else gettext("Write the assessment note.")
        )
    if kind == ReviewKind.CHANGES_REQUESTED and days is not None:
        reasons += period_blockers(days=days)
    return reasons


# ---- designated models: model reports and serious incidents ----------------------------------------


def designation_blockers(designation: Any) -> list[str]:
    """Reports are filed on a model while it is designated."""
    if designation.ended_on is not None:
        return [
            gettext(
                "The designation of this model ended on %(day)s; "
                "its obligations as a model with systemic risk ended with it."
            )
            % {"day": format_day(designation.ended_on)}
        ]
    return []


def model_report_blockers(
    designation: Any,
    *,
    summary: str | None = None,
    has_file: bool | None = None,
    is_update: bool = False,
    update_reason: str | None = None,
) -> list[str]:
    reasons = designation_blockers(designation)
    if summary is not None and not summary.strip():
        reasons.append(gettext("Summarise the model report."))
    if has_file is False:
        reasons.append(gettext("Attach the model report."))
    if is_update and update_reason is not None and not update_reason.strip():
        reasons.append(
            gettext("Say why the model report is updated (a model update, new evaluations…).")
        )
    return reasons


def incident_report_blockers(
    designation: Any,
    *,
    kind: Any = None,
    kind_given: bool = False,
    title: str | None = None,
    aware_on: datetime.date | None = None,
    what_happened: str | None = None,
    corrective_measures: str | None = None,
    resolved_on: datetime.date | None = None,
    today: datetime.date | None = None,
) -> list[str]:
    reasons = designation_blockers(designation)
    if today is None:
        return reasons
    if kind_given and (kind is None or not kind.active):
        reasons.append(gettext("Choose the kind of harm."))
    if title is not None and not title.strip():
        reasons.append(gettext("Give the incident a short title."))
    reasons += _day_problems(aware_on, today=today, earliest=OBLIGATIONS_APPLY, what="aware")
    reasons += _report_text_problems(what_happened, corrective_measures)
    if resolved_on is not None:
        reasons += _resolution_problems(resolved_on, aware_on=aware_on, today=today)
    return reasons


def _report_text_problems(what_happened: str | None, corrective_measures: str | None) -> list[str]:
    reasons = []
    if what_happened is not None and not what_happened.strip():
        reasons.append(gettext("Say what happened."))
    if corrective_measures is not None and not corrective_measures.strip():
        reasons.append(
            gettext("Describe the corrective measures taken or planned (or say none yet).")
        )
    return reasons


def _resolution_problems(
    resolved_on: datetime.date, *, aware_on: datetime.date | None, today: datetime.date
) -> list[str]:
    if resolved_on > today:
        return [gettext("The date of resolution cannot be in the future.")]
    if aware_on and resolved_on < aware_on:
        return [
            gettext("The date of resolution cannot be before you became aware, %(day)s.")
            % {"day": format_day(aware_on)}
        ]
    return []


def incident_update_blockers(
    incident: Any,
    *,
    final: bool | None = None,
    what_happened: str | None = None,
    corrective_measures: str | None = None,
    resolved_on: datetime.date | None = None,
    today: datetime.date | None = None,
) -> list[str]:
    if incident.closed_on is not None:
        return [
            gettext("This incident is closed: its final report was filed on %(day)s.")
            % {"day": format_day(incident.closed_on)}
        ]
    reasons = designation_blockers(incident.designation)
    reasons += _report_text_problems(what_happened, corrective_measures)
    if resolved_on is not None and today is not None:
        reasons += _resolution_problems(resolved_on, aware_on=incident.aware_on, today=today)
    if final and resolved_on is None and incident.resolved_on is None:
        reasons.append(gettext("A final report gives the date the incident was resolved."))
    return reasons


# ---- the periods kept as data -------------------------------------------------------------------


def period_blockers(*, days: int | None = None, months: int | None = None) -> list[str]:
    value = days if days is not None else months
    if value is None:
        return []
    if value < 1:
        return [gettext("A period is at least one day (or month).")]
    if (days or 0) > LONGEST_PERIOD_DAYS or (months or 0) > 12:
        return [
            gettext("A period cannot be longer than %(days)s days (12 months).")
            % {"days": LONGEST_PERIOD_DAYS}
        ]
    return []
