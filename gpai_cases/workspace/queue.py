"""The caseworkers' queue: filters, search and sorting in SQL, a bounded number of queries."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext, pgettext

from gpai_cases.cases import access
from gpai_cases.cases.dayformat import ShortDays
from gpai_cases.cases.models import Case, Kind, State
from gpai_cases.core.compiled import Compiled
from gpai_cases.core.escaping import escaped
from gpai_cases.core.forms import parse_pk
from gpai_cases.core.links import url_filler
from gpai_cases.core.sql import Constant

# Each order ends on the primary key and matches an index, so the first page is an index scan.
SORTS = {
    "newest": ("-created_at", "-pk"),
    "reference": ("reference",),
}


@dataclass
class QueueFilter:
    state: str = ""
    kind: str = ""
    #: "" anyone, "me" the signed-in user, "none" nobody yet, or a user's id
    assignee: str = ""
    provider: str = ""
    overdue: bool = False
    q: str = ""
    sort: str = "deadline"

    @classmethod
    def from_query(cls, data: Any) -> QueueFilter:
        sort = data.get("sort", "deadline")
        provider = data.get("provider", "")
        assignee = str(data.get("assignee", ""))
        if data.get("mine") in ("1", "on", "true"):  # the old "only mine" checkbox's links
            assignee = "me"
        if assignee not in ("me", "none"):
            assignee = str(parse_pk(assignee) or "")
        return cls(
            state=data.get("state", "") if data.get("state", "") in State.values else "",
            kind=data.get("kind", "") if data.get("kind", "") in Kind.values else "",
            assignee=assignee,
            provider=str(parse_pk(provider) or ""),
            overdue=data.get("overdue") in ("1", "on", "true"),
            q=data.get("q", "").strip()[:100],
            sort=sort if sort in (*SORTS, "deadline") else "deadline",
        )


def queue(user: Any, f: QueueFilter, today: datetime.date) -> QuerySet[Case]:
    from django.db.models import F

    qs = access.cases_visible_to(user).select_related(
        "model__provider", "assignee", "designation__case"
    )
    # a state and a kind are the code's own words (QueueFilter keeps only known ones): written
    # into the SQL text, so that each filter is a statement of its own that PostgreSQL plans
    # once; bound as parameters, it planned the queue's query on every request (2 ms at
    # 100,000 cases: their values are too unevenly spread for one generic plan, core/sql.py)
    if f.state:
        qs = qs.filter(state=Constant(f.state))
    if f.kind:
        qs = qs.filter(kind=Constant(f.kind))
    if f.assignee == "me":
        qs = qs.filter(assignee=user)
    elif f.assignee == "none":
        qs = qs.filter(assignee__isnull=True)
    elif f.assignee:
        qs = qs.filter(assignee_id=int(f.assignee))
    if f.provider:
        qs = qs.filter(model__provider_id=int(f.provider))
    if f.overdue:
        qs = qs.filter(next_deadline__lt=today)
    if f.q:
        qs = qs.filter(
            Q(reference__icontains=f.q)
            | Q(model__name__icontains=f.q)
            | Q(model__provider__legal_name__icontains=f.q)
        )
    if f.sort == "deadline":
        return qs.order_by(F("next_deadline").asc(nulls_last=True), "pk")
    return qs.order_by(*SORTS[f.sort])


#: The columns a queue row shows, and nothing else: rows are read as dicts of these, never as
#: model instances (50 instances with their joined provider, model and assignee cost three times
#: the SQL that fetches them; docs/adr/0021-cheap-list-pages.md).
ROW_COLUMNS = (
    "reference",
    "kind",
    "state",
    "late",
    "overdue_escalated",
    "state_changed_at",
    "next_deadline",
    "next_deadline_kind",
    "designation_id",
    "designation__case__reference",
    "model__name",
    "model__version",
    "model__provider_id",
    "model__provider__legal_name",
    "assignee__full_name",
    "assignee__email",
)


def labels(choices: Any) -> dict[str, str]:
    """A choices class's labels in the active language, as plain strings (not lazy)."""
    return {value: str(label) for value, label in choices.choices}


def row_words() -> dict[str, str]:
    """The words every row may print, translated (and escaped) once per page instead of once per
    row."""
    words = {
        "only_provider": gettext("Only this provider's cases"),
        "of": pgettext("review of a case", "of"),
        "reviewed": gettext("The case whose decision is reviewed"),
        "late": gettext("late"),
        "escalated": gettext("escalated"),
        "overdue": gettext("overdue"),
        "due_soon": gettext("due within 3 days"),
    }
    return {name: escaped(word) for name, word in words.items()}


def queue_rows(cases: Any, today: datetime.date, sort: str = "deadline") -> list[dict[str, Any]]:
    """Everything a queue row shows, as plain values: the template then only prints them (a
    row costs a few microseconds instead of a dozen tag and filter lookups).

    ``cases``: dicts of :data:`ROW_COLUMNS` (``queue(...).values(*ROW_COLUMNS)``)."""
    case_url = url_filler("workspace:case", str)
    # the labels in the reader's language, once per call (not lazy: a row holds plain values)
    kinds, states = labels(Kind), labels(State)
    # the reader's time zone once (localtime() looks it up again for every row)
    zone = timezone.get_current_timezone()
    days = ShortDays()  # each day written once (rows share deadlines)
    rows = []
    for c in cases:
        deadline = c["next_deadline"]
        original = c["designation__case__reference"] if c["designation_id"] else ""
        model = f"{c['model__name']} {c['model__version']}".strip()
        assignee = c["assignee__full_name"] or c["assignee__email"] or "—"
        # plain text: the row template (Jinja2) escapes each value as it prints it
        rows.append(
            {
                "url": case_url(c["reference"]),
                "reference": c["reference"],
                "provider_name": c["model__provider__legal_name"],
                "provider_url": f"?provider={c['model__provider_id']}&sort={sort}",
                "model": model,
                "kind": kinds.get(c["kind"], c["kind"]),
                # a reassessment links the case whose decision it reviews
                "original": original,
                "original_url": case_url(original) if original else "",
                "state": states.get(c["state"], c["state"]),
                "late": c["late"],
                "escalated": c["overdue_escalated"],
                "assignee": assignee,
                "days_in_state": (today - c["state_changed_at"].astimezone(zone).date()).days,
                "deadline": days(deadline) if deadline else "",
                "deadline_kind": c["next_deadline_kind"],
                "overdue": bool(deadline and deadline < today),
                "due_soon": bool(deadline and 0 <= (deadline - today).days <= 3),
            }
        )
    return rows


def _build(shape: tuple[Any, ...], user: Any, *values: Any) -> QuerySet[Any]:
    """The queue's query for :class:`QueuePage`: ``shape`` says which filters it has (a missing
    one is None among ``values``; the state and the kind themselves, written into the SQL), its
    sort and, for the rows, the slice shown."""
    sort, assignee, overdue, state, kind, how, bounds = shape
    assignee_id, provider, today = values
    if assignee not in ("me", "none"):
        assignee = str(assignee_id or "")
    f = QueueFilter(
        state=state or "",
        kind=kind or "",
        assignee=assignee,
        provider=str(provider or ""),
        overdue=overdue,
        sort=sort,
    )
    qs = queue(user, f, today)
    if how == "count":  # primary keys in any order, as CappedPaginator counts them
        return qs.values("pk").order_by()[: bounds[1]]
    return qs.values(*ROW_COLUMNS)[bounds[0] : bounds[1]]


_COMPILED = Compiled(_build)


class QueuePage:
    """The queue's rows for a paginator, as dicts of :data:`ROW_COLUMNS`, from a query compiled
    once per filter combination, sort and page (:mod:`gpai_cases.core.compiled`): building and
    compiling it cost more CPU than PostgreSQL's answer (docs/adr/0025-queries-compiled-once.md).
    A search (``q``) changes the SQL with its words (``LIKE`` patterns): it is built each time."""

    def __init__(self, user: Any, f: QueueFilter, today: datetime.date) -> None:
        assignee = f.assignee if f.assignee in ("me", "none", "") else "id"
        # the state and the kind are part of the SQL text (see queue()), so of the shape
        self._shape = (f.sort, assignee, f.overdue, f.state, f.kind)
        self._values = (
            user,
            int(f.assignee) if assignee == "id" else None,
            int(f.provider) if f.provider else None,
            today if f.overdue else None,
        )

    def count_up_to(self, n: int) -> int:
        return _COMPILED.count((*self._shape, "count", (0, n)), *self._values)

    def __getitem__(self, bounds: slice) -> list[dict[str, Any]]:
        shape = (*self._shape, "rows", (bounds.start or 0, bounds.stop))
        return _COMPILED.dicts(shape, *self._values)


def queue_page_source(user: Any, f: QueueFilter, today: datetime.date) -> Any:
    """What the queue's paginator pages through: dicts of :data:`ROW_COLUMNS`."""
    if f.q:
        return queue(user, f, today).values(*ROW_COLUMNS)
    return QueuePage(user, f, today)
