"""Deadlines of the GPAI procedure, counted as the EU counts periods.

Pure functions: no Django, no database and no clock. "Today" is always a parameter, and the
holiday calendar is always passed in (a collection of dates; a mapping of date → name also works
and lets the rule text name the holiday).

The counting follows Regulation (EEC, Euratom) No 1182/71 (the "periods regulation"), Art 3, as
set out in docs/rules.md § periods:

* the day of the event is not counted (Art 3(1));
* a period in days ends at the end of its last day; in weeks at the end of the day with the same
  weekday; in months at the end of the day with the same date, or, if that date does not exist in
  the last month, at the end of that month's last day (Art 3(2)(c));
* Saturdays, Sundays and public holidays count inside a period, but when the last day of a *period
  for acting* is a Saturday, Sunday or public holiday the period ends at the end of the next
  working day (Art 3(3) and 3(4));
* a period of two days or more contains at least two working days (Art 3(5)).

The rules of the AI Act that use those periods:

* § notification-duty — the notification is due two weeks after the day the threshold is met or becomes known to
  be met (Art 52(1) AI Act): :func:`notification_due`, :func:`is_late`;
* § reassessment — a reassessment may be requested not earlier than six months after the designation
  decision (or the decision to maintain it) (Art 52(5) AI Act). That is a *waiting period*, not
  a period for acting: the earliest date is the day after the six months end, with no weekend
  shift unless a setting asks for one: :func:`earliest_reassessment`, :func:`reassessment_refusal`;
* § open-source-release — an open-source model must be notified before its public release:
  :func:`open_source_notified_after_release`;
* requests for information: :func:`rfi_due`, a due date a person types (:func:`due_date_set_by`),
  and the assessment clock with its stops:
  :func:`assessment_days_used`.

Every computed date is a :class:`ComputedDate` carrying its rule as data (:mod:`.rulecodes`),
whose words (:mod:`.rulewords`) the pages show in the reader's language.
"""

from __future__ import annotations

import calendar
import datetime
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from dateutil.easter import easter

from .dayformat import format_date, format_day, format_day_long
from .rulecodes import Rule

__all__ = [
    "ComputedDate",
    "add_months",
    "assessment_days_used",
    "days_left",
    "default_holidays",
    "due_date_set_by",
    "due_in_words",
    "earliest_reassessment",
    "format_date",
    "format_day",
    "format_day_long",
    "is_late",
    "is_working_day",
    "next_working_day",
    "notification_due",
    "open_source_notified_after_release",
    "period_end",
    "period_for_acting",
    "reassessment_refusal",
    "rfi_due",
]


@dataclass(frozen=True)
class ComputedDate:
    """A date computed by a rule, with the words of that rule.

    ``rule`` is meant to be shown next to the date (docs/rules.md § periods: every computed date is shown
    with the rule that produced it); it is data (:class:`.rulecodes.Rule`) whose sentence is
    written in the reader's language.
    """

    value: datetime.date
    rule: Rule

    def __str__(self) -> str:
        """The ISO date, e.g. ``2026-01-05``."""
        return self.value.isoformat()


# --------------------------------------------------------------------------------------------------
# Holidays and working days
# --------------------------------------------------------------------------------------------------


def default_holidays(year: int) -> list[tuple[date, str]]:
    """The default public holidays of the Commission in Brussels for ``year``, sorted by date.

    docs/rules.md § periods: the holidays are data that admins edit per year; this is the usual pattern
    shipped as the default: 1 and 2 January; Maundy Thursday, Good Friday, Easter Monday; 1 May;
    9 May (Europe Day); Ascension Thursday and the Friday after; Whit Monday; 21 July; 15 August;
    1 and 2 November; 24 to 31 December. Easter is the Western (Gregorian) Easter.

    When two holidays fall on the same date (1 May can be Ascension Day or the Friday after it, and
    so can 9 May) the date appears once, with both names joined by " / ".
    """
    easter_sunday = easter(year)
    ascension = easter_sunday + timedelta(days=39)
    entries: list[tuple[date, str]] = [
        (date(year, 1, 1), "New Year's Day"),
        (date(year, 1, 2), "Day after New Year's Day"),
        (easter_sunday - timedelta(days=3), "Maundy Thursday"),
        (easter_sunday - timedelta(days=2), "Good Friday"),
        (easter_sunday + timedelta(days=1), "Easter Monday"),
        (date(year, 5, 1), "Labour Day"),
        (date(year, 5, 9), "Europe Day"),
        (ascension, "Ascension Day"),
        (ascension + timedelta(days=1), "Day after Ascension Day"),
        (easter_sunday + timedelta(days=50), "Whit Monday"),
        (date(year, 7, 21), "Belgian National Day"),
        (date(year, 8, 15), "Assumption Day"),
        (date(year, 11, 1), "All Saints' Day"),
        (date(year, 11, 2), "All Souls' Day"),
        (date(year, 12, 24), "Christmas Eve"),
        (date(year, 12, 25), "Christmas Day"),
        (date(year, 12, 26), "Day after Christmas Day"),
    ]
    entries += [(date(year, 12, day), "End-of-year holiday") for day in range(27, 31)]
    entries.append((date(year, 12, 31), "New Year's Eve"))

    names: dict[date, list[str]] = {}
    for day, name in entries:
        names.setdefault(day, []).append(name)
    return [(day, " / ".join(names[day])) for day in sorted(names)]


def is_working_day(d: date, holidays: Collection[date]) -> bool:
    """True when ``d`` is not a Saturday, a Sunday or a public holiday (Reg. 1182/71 Art 2(2))."""
    return d.weekday() < 5 and d not in holidays


def next_working_day(d: date, holidays: Collection[date]) -> date:
    """``d`` itself if it is a working day, else the first working day after it."""
    lookup = _as_lookup(holidays)
    while not is_working_day(d, lookup):
        d += timedelta(days=1)
    return d


def _as_lookup(holidays: Collection[date]) -> Collection[date]:
    """A collection with fast membership tests (sets and mappings are used as they are)."""
    if isinstance(holidays, (set, frozenset, Mapping)):
        return holidays
    return frozenset(holidays)


def _why_not_working(d: date, holidays: Collection[date]) -> dict[str, str]:
    """Why ``d`` is not a working day, as rule data: a Saturday, a Sunday or a public holiday
    (named if given a mapping)."""
    if d.weekday() == 5:
        return {"reason": "saturday", "holiday": ""}
    if d.weekday() == 6:
        return {"reason": "sunday", "holiday": ""}
    name = holidays.get(d) if isinstance(holidays, Mapping) else ""
    return {"reason": "holiday", "holiday": str(name or "")}


# --------------------------------------------------------------------------------------------------
# Periods (Reg. 1182/71 Art 3)
# --------------------------------------------------------------------------------------------------


def add_months(d: date, months: int) -> date:
    """The same date ``months`` later (or earlier, if negative).

    Reg. 1182/71 Art 3(2)(c): if that date does not exist in the last month, the last day of that
    month (31 Aug + 6 months → 28 or 29 Feb).
    """
    index = d.year * 12 + (d.month - 1) + months
    year, month = divmod(index, 12)
    month += 1
    last = calendar.monthrange(year, month)[1]
    return date(year, month, min(d.day, last))


def _single_unit(days: int, weeks: int, months: int) -> tuple[int, str]:
    """Validate that exactly one unit is given and return ``(count, unit)``."""
    given = [(n, unit) for n, unit in ((days, "day"), (weeks, "week"), (months, "month")) if n]
    if len(given) != 1:
        raise ValueError(
            "give exactly one of days, weeks or months, e.g. period_end(start, weeks=2)"
        )
    count, unit = given[0]
    if count < 0:
        raise ValueError(f"a period cannot be negative ({count} {unit}s)")
    return count, unit


def period_end(start: date, *, days: int = 0, weeks: int = 0, months: int = 0) -> date:
    """Last day of a period that starts with the event of day ``start``.

    Reg. 1182/71 Art 3(1) and 3(2): the day of the event is not counted, so a period of ``days``
    days ends on ``start + days``; a period in weeks ends on the day of the last week with the same
    weekday as ``start``; a period in months on the same date of the last month, or on that month's
    last day when the date does not exist. Exactly one of ``days``, ``weeks`` or ``months`` must be
    given. No weekend or holiday shift here: see :func:`period_for_acting`.
    """
    count, unit = _single_unit(days, weeks, months)
    if unit == "day":
        return start + timedelta(days=count)
    if unit == "week":
        return start + timedelta(weeks=count)
    return add_months(start, count)


def _month_end(start: date, months: int, end: date) -> bool:
    """True when the same date does not exist in the last month (Art 3(2)(c): its last day)."""
    return bool(months) and end.day != start.day


def _label(label: str | Mapping[str, str]) -> dict[str, str]:
    """What a period is for, as rule data (:data:`rulecodes.LABELS`); words are kept as words."""
    if isinstance(label, Mapping):
        return dict(label)
    return {"code": "text", "text": label}


def period_for_acting(
    start: date,
    *,
    days: int = 0,
    weeks: int = 0,
    months: int = 0,
    holidays: Collection[date],
    label: str | Mapping[str, str],
) -> ComputedDate:
    """End of a period within which something must be done (a notification, an answer).

    Reg. 1182/71 Art 3: the period ends on :func:`period_end`; if that last day is a Saturday,
    Sunday or public holiday it ends at the end of the next working day (Art 3(4)); and a period of
    two days or more contains at least two working days (Art 3(5)): the end moves on to the next
    working day(s) until the days ``start + 1 … end`` contain two working days.

    ``label``: what the period is for (a :data:`rulecodes.LABELS` code, e.g. ``{"code": "rfi"}``,
    with its ``kind`` and ``citation``; or words), cited in the rule with the periods regulation.
    """
    count, unit = _single_unit(days, weeks, months)
    lookup = _as_lookup(holidays)
    nominal_end = period_end(start, days=days, weeks=weeks, months=months)
    end, shift, two_days = _end_of_period_for_acting(start, nominal_end, lookup)
    rule = Rule(
        "period",
        {
            "count": count,
            "unit": unit,
            "start": start.isoformat(),
            "end": nominal_end.isoformat(),
            "month_end": _month_end(start, months, nominal_end),
            "label": _label(label),
            "shift": shift,
            "two_days": two_days,
        },
    )
    return ComputedDate(value=end, rule=rule)


def _end_of_period_for_acting(
    start: date, last_day: date, holidays: Collection[date]
) -> tuple[date, dict[str, str] | None, str | None]:
    """Where a period for acting from ``start`` whose last day is ``last_day`` really ends, with
    why it moved, as rule data: Reg. 1182/71 Art 3(4), the next working day (``shift``); Art 3(5),
    at least two working days in a period of two days or more (``two_days``)."""
    end: date = last_day
    shift: dict[str, str] | None = None
    two_days: str | None = None
    if not is_working_day(end, holidays):
        end = next_working_day(end, holidays)
        shift = {**_why_not_working(last_day, holidays), "to": end.isoformat()}
    if (last_day - start).days >= 2:
        extended = end
        while _working_days_between(start, extended, holidays) < 2:
            extended = next_working_day(extended + timedelta(days=1), holidays)
        if extended != end:
            end = extended
            two_days = end.isoformat()
    return end, shift, two_days


def due_date_set_by(
    person: str,
    typed: date,
    sent_on: date,
    holidays: Collection[date],
    *,
    how: str = "set",
) -> ComputedDate:
    """A due date a person typed (a request's, or its extension), as Reg. 1182/71 reads it.

    docs/rules.md § periods: a date a person sets ends a period for acting that started on
    ``sent_on``, so it follows the same rules as a computed one — a Saturday, Sunday or holiday
    moves to the next working day (Art 3(4)), and a period of two days or more contains at least
    two working days (Art 3(5)). ``how`` says what the person did ("set", "extended"...):
    "Due date set by C. Rossi: Sat 12 Dec 2026, not a working day (a Saturday) → Mon 14 Dec
    2026".
    """
    if typed <= sent_on:
        raise ValueError(f"a due date must be after the day the request was sent ({sent_on})")
    lookup = _as_lookup(holidays)
    end, shift, two_days = _end_of_period_for_acting(sent_on, typed, lookup)
    rule = Rule(
        "typed",
        {
            "person": person,
            "how": how,
            "start": sent_on.isoformat(),
            "typed": typed.isoformat(),
            "shift": shift,
            "two_days": two_days,
        },
    )
    return ComputedDate(value=end, rule=rule)


def _working_days_between(start: date, end: date, holidays: Collection[date]) -> int:
    """Working days among ``start + 1 … end`` (the event day is not counted)."""
    count = 0
    day = start + timedelta(days=1)
    while day <= end:
        if is_working_day(day, holidays):
            count += 1
            if count >= 2:  # callers only need to know whether there are two
                return count
        day += timedelta(days=1)
    return count


# --------------------------------------------------------------------------------------------------
# The AI Act's deadlines
# --------------------------------------------------------------------------------------------------


def notification_due(trigger_date: date, holidays: Collection[date]) -> ComputedDate:
    """Due date of a notification: two weeks after the trigger date (§ notification-duty, Art 52(1) AI Act).

    ``trigger_date`` is the day the model met the threshold, or the day it became known that it
    will.
    Counted as a period for acting (:func:`period_for_acting`): 17 Dec 2025 → Wed 31 Dec 2025, a
    holiday → Mon 5 Jan 2026.
    """
    return period_for_acting(
        trigger_date, weeks=2, holidays=holidays, label={"code": "notification"}
    )


def is_late(due: date, submitted_on: date) -> bool:
    """True when submitted after the due date (§ notification-duty: a late notification is accepted, flagged)."""
    return submitted_on > due


def rfi_due(
    sent_on: date, days: int, holidays: Collection[date], *, hearing: bool = False
) -> ComputedDate:
    """Due date of the answer to a request (``hearing``: a hearing) sent on ``sent_on`` with ``days``
    days: a period for acting (Reg. 1182/71 Art 3, :func:`period_for_acting`)."""
    if days < 1:
        raise ValueError(f"a request for information needs a period of at least one day ({days})")
    code = "hearing" if hearing else "rfi"
    return period_for_acting(sent_on, days=days, holidays=holidays, label={"code": code})


def earliest_reassessment(
    decided_on: date,
    *,
    months: int = 6,
    shift_to_working_day: bool = False,
    holidays: Collection[date] = (),
) -> ComputedDate:
    """First day on which a reassessment may be requested (§ reassessment, Art 52(5) AI Act).

    "Not earlier than six months after the decision": a waiting period, not a period for acting. The
    six months run from the date of the decision (designation or decision to maintain it) and end on
    the same date six months later, or on that month's last day (Reg. 1182/71 Art 3(2)(c)); the
    request may be made from the next day. There is no weekend or holiday shift unless the setting
    ``shift_to_working_day`` is on, in which case a Saturday, Sunday or holiday moves to the next
    working day of ``holidays``.

    Examples: 31 Jan 2026 → 1 Aug 2026; 29 Aug 2025 → 1 Mar 2026 (six months end 28 Feb 2026);
    15 Sep 2026 → 16 Mar 2027.
    """
    if months < 1:
        raise ValueError(f"the waiting period must be at least one month ({months})")
    lookup = _as_lookup(holidays)
    period_ends = add_months(decided_on, months)
    earliest = period_ends + timedelta(days=1)
    shift: dict[str, str] | None = None
    if shift_to_working_day and not is_working_day(earliest, lookup):
        shifted = next_working_day(earliest, lookup)
        shift = {**_why_not_working(earliest, lookup), "to": shifted.isoformat()}
        earliest_value = shifted
    else:
        earliest_value = earliest
    rule = Rule(
        "waiting",
        {
            "months": months,
            "decided_on": decided_on.isoformat(),
            "end": period_ends.isoformat(),
            "month_end": _month_end(decided_on, months, period_ends),
            "earliest": earliest.isoformat(),
            "shift": shift,
        },
    )
    return ComputedDate(value=earliest_value, rule=rule)


def reassessment_refusal(earliest: ComputedDate, requested_on: date) -> str | None:
    """Why a reassessment request is refused, or ``None`` when it may be made.

    Rule 5 (Art 52(5) AI Act): a request before the earliest date is refused, and the refusal always
    names the rule and the date.
    """
    if requested_on >= earliest.value:
        return None
    words = str(earliest.rule)
    rule = words[:1].lower() + words[1:]
    return (
        f"A reassessment may be requested from {format_day(earliest.value)} ({rule})."
        f" A request on {format_day(requested_on)} is too early."
    )


def open_source_notified_after_release(planned_release: date | None, notified_on: date) -> bool:
    """Rule 8: an open-source model must be notified *before* its public release.

    True (flag) when the notification is made on or after the planned release date; False when no
    release date is recorded.
    """
    if planned_release is None:
        return False
    return notified_on >= planned_release


# --------------------------------------------------------------------------------------------------
# The assessment clock and "how long is left"
# --------------------------------------------------------------------------------------------------


def assessment_days_used(
    start: date, today: date, stops: Iterable[tuple[date, date | None]]
) -> int:
    """Calendar days of assessment used between ``start`` (exclusive) and ``today`` (inclusive).

    The clock is stopped while a request for information is open (docs/rules.md § requests): a
    stop ``(s, e)`` covers the days ``s + 1 … e``, and ``e = None`` means still open (up to
    ``today``). Days covered by several stops are subtracted once; days before ``start`` or after
    ``today`` don't count; the result is never negative.
    """
    if today <= start:
        return 0
    first, last = start.toordinal() + 1, today.toordinal()
    intervals: list[tuple[int, int]] = []
    for stop_start, stop_end in stops:
        lo = max(stop_start.toordinal() + 1, first)
        hi = min((stop_end or today).toordinal(), last)
        if lo <= hi:
            intervals.append((lo, hi))
    stopped = 0
    current_lo: int | None = None
    current_hi = 0
    for lo, hi in sorted(intervals):
        if current_lo is None or lo > current_hi + 1:
            if current_lo is not None:
                stopped += current_hi - current_lo + 1
            current_lo, current_hi = lo, hi
        else:
            current_hi = max(current_hi, hi)
    if current_lo is not None:
        stopped += current_hi - current_lo + 1
    return max(0, (last - first + 1) - stopped)


def days_left(due: date, today: date) -> int:
    """Days from ``today`` to ``due``: 0 on the due date, negative when overdue."""
    return (due - today).days


def due_in_words(due: date, today: date) -> str:
    """A due date for people, in Brussels time (a period ends at the end of its last day).

    ``"due by Monday 8 December 2025, 23:59 Brussels time; 5 days left"`` (or ``1 day left``);
    ``"due today, Monday 8 December 2025, 23:59 Brussels time"``;
    ``"was due by Monday 8 December 2025, 23:59 Brussels time; 3 days overdue"``.
    """
    when = f"{format_day_long(due)}, 23:59 Brussels time"
    left = days_left(due, today)
    if left > 0:
        return f"due by {when}; {left} day{'' if left == 1 else 's'} left"
    if left == 0:
        return f"due today, {when}"
    return f"was due by {when}; {-left} day{'' if left == -1 else 's'} overdue"
