"""The dates of the obligations: pure functions over dates, periods and the holiday calendar, as
:mod:`gpai_cases.cases.deadlines` (whose arithmetic they use: every date a person must act by is a
period for acting under Reg. 1182/71). No Django, no database, no clock.

The periods themselves are data (``IncidentKind``, ``ObligationPeriod``); the callers pass them in
with the words of their source (``citation``), which every rule repeats.
"""

from __future__ import annotations

import datetime
from collections.abc import Collection, Mapping

from gpai_cases.cases.deadlines import ComputedDate, period_for_acting
from gpai_cases.cases.rulecodes import Rule

__all__ = [
    "change_request_due",
    "first_model_report_due",
    "incident_initial_due",
    "incident_next_due",
    "model_report_update_due",
]


def incident_initial_due(
    aware_on: datetime.date,
    *,
    days: int,
    kind: str,
    citation: str,
    holidays: Collection[datetime.date],
) -> ComputedDate:
    """The initial report of a serious incident: ``days`` after the provider became aware."""
    return period_for_acting(
        aware_on,
        days=days,
        holidays=holidays,
        label={"code": "incident_initial", "kind": kind, "citation": citation},
    )


def incident_next_due(
    *,
    last_report_on: datetime.date,
    resolved_on: datetime.date | None,
    closed: bool,
    intermediate_days: int,
    final_days: int,
    citation: str,
    holidays: Collection[datetime.date],
) -> tuple[ComputedDate | None, str]:
    """The next report an incident needs, and its stage: the final report once it is resolved,
    otherwise an intermediate report after the last one; nothing once the final report is in."""
    if closed:
        return None, ""
    if resolved_on is not None:
        label = {"code": "incident_final", "citation": citation}
        return period_for_acting(
            resolved_on, days=final_days, holidays=holidays, label=label
        ), "final"
    label = {"code": "incident_intermediate", "citation": citation}
    return period_for_acting(
        last_report_on, days=intermediate_days, holidays=holidays, label=label
    ), "intermediate"


def fewest_days(period: Mapping[str, int]) -> int:
    """The fewest days from the start of a period to its nominal end (a month has at least 28
    days): a period for acting never ends sooner (Reg. 1182/71 Art 3(4) and 3(5) only move its
    end later), so a search may leave out what started fewer days ago."""
    per_unit = {"days": 1, "weeks": 7, "months": 28}
    return sum(per_unit[unit] * count for unit, count in period.items())


def first_model_report_due(
    decided_on: datetime.date,
    *,
    market_date: datetime.date | None,
    period: dict[str, int],
    citation: str,
    holidays: Collection[datetime.date],
) -> ComputedDate:
    """The first model report of a designated model: before it is placed on the market when that
    is still ahead at the designation; otherwise within ``period`` of the designation decision."""
    if market_date is not None and market_date > decided_on:
        due = market_date - datetime.timedelta(days=1)
        rule = Rule(
            "before",
            {"day": market_date.isoformat(), "due": due.isoformat(), "citation": citation},
        )
        return ComputedDate(value=due, rule=rule)
    return period_for_acting(
        decided_on,
        holidays=holidays,
        label={"code": "first_model_report", "citation": citation},
        **period,
    )


def model_report_update_due(
    last_filed_on: datetime.date,
    *,
    period: dict[str, int],
    citation: str,
    holidays: Collection[datetime.date],
) -> ComputedDate:
    """The next update of a model report: within ``period`` of the last one."""
    return period_for_acting(
        last_filed_on,
        holidays=holidays,
        label={"code": "model_report_update", "citation": citation},
        **period,
    )


def change_request_due(
    sent_on: datetime.date, *, days: int, citation: str, holidays: Collection[datetime.date]
) -> ComputedDate:
    """A new version of the framework asked for by a request for changes."""
    if days < 1:
        raise ValueError(f"a request for changes needs a period of at least one day ({days})")
    return period_for_acting(
        sent_on,
        days=days,
        holidays=holidays,
        label={"code": "change_request", "citation": citation},
    )
