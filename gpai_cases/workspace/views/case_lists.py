"""The case page's sub-lists, each read only when the case has a row of it, and as values where
the page only prints them (docs/adr/0021): the rows and their words, prepared once per render."""

from __future__ import annotations

import datetime
import functools
from dataclasses import dataclass
from typing import Any

from django.db import connections
from django.db.models import Model
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from gpai_cases.assessment.models import Scorecard
from gpai_cases.cases import audit, event_words
from gpai_cases.cases.models import (
    Case,
    CaseEvent,
    Claim,
    ClockStop,
    ConfidentialityClaim,
    Decision,
    Designation,
    InformationRequest,
    NotificationCorrection,
)
from gpai_cases.core.compiled import Compiled
from gpai_cases.core.links import url_filler
from gpai_cases.documents.models import Document, DocumentKind, Visibility
from gpai_cases.letters.models import Letter, LetterKind

#: The sub-lists whose presence one query asks (name, model, and a column's value if any): a
#: case without rows of a kind is spared its query. A Django subquery (``Exists``) costs about as
#: much to compile as the query it would spare (0.4 ms each, measured), this costs one round trip.
SUB_LISTS: tuple[tuple[str, type[Model], tuple[str, str] | None], ...] = (
    ("requests", InformationRequest, None),
    ("claims", Claim, None),
    ("stops", ClockStop, None),
    ("proposal", Decision, ("status", "proposed")),
    ("scorecards", Scorecard, None),
    ("corrections", NotificationCorrection, None),
    ("confidentiality_claims", ConfidentialityClaim, None),
    ("documents", Document, None),
    ("letters", Letter, None),
    ("designation", Designation, None),
)

#: The columns of the sub-lists the page only prints.
STOP_COLUMNS = ("started_on", "ended_on", "reason")
EVENT_COLUMNS = (
    "at",
    "action",
    "payload",
    "from_state",
    "to_state",
    "actor_id",
    "actor__full_name",
    "actor__email",
)
DOCUMENT_COLUMNS = (
    "pk",
    "title",
    "kind",
    "supplementary",
    "visibility",
    "shared_at",
    "uploaded_at",
    "sha256",
)
LETTER_COLUMNS = ("pk", "reference", "kind", "status", "document_id")


@functools.cache
def _presence_sql(alias: str) -> tuple[str, tuple[str | None, ...]]:
    """``SELECT EXISTS (…), …`` over :data:`SUB_LISTS`, each on the foreign key's index; the
    parameters: ``None`` where the case's id goes, else the column's value."""
    quote = connections[alias].ops.quote_name
    probes, params = [], []
    for _name, model, condition in SUB_LISTS:
        meta = model._meta
        where = f"{quote(meta.get_field('case').column)} = %s"
        params.append(None)
        if condition is not None:
            where += f" AND {quote(meta.get_field(condition[0]).column)} = %s"
            params.append(condition[1])
        probes.append(f"EXISTS (SELECT 1 FROM {quote(meta.db_table)} WHERE {where})")  # noqa: S608  # nosec B608
    return "SELECT " + ", ".join(probes), tuple(params)


def present(case: Case) -> set[str]:
    """The names of :data:`SUB_LISTS` the case has rows of (a removed document counts: the list
    is then read, and comes back empty)."""
    alias = Case.objects.db
    sql, params = _presence_sql(alias)
    with connections[alias].cursor() as cursor:
        cursor.execute(sql, [case.pk if p is None else p for p in params])
        row = cursor.fetchone()
    return {name for (name, _model, _condition), there in zip(SUB_LISTS, row, strict=True) if there}


@dataclass(frozen=True)
class Event:
    """An event of the timeline as read (what :func:`audit.describe`,
    :func:`audit.assignee_names` and :func:`facts.model_changes` read of it)."""

    at: datetime.datetime
    action: str
    payload: dict[str, Any]


# each list of one case, compiled once (docs/adr/0025-queries-compiled-once.md): read as the
# case's related managers read them (the models' default order), the case's id the only value
_EVENTS = Compiled(
    lambda shape, case_id: CaseEvent.objects.filter(case_id=case_id).values(*EVENT_COLUMNS)
)
_DOCUMENTS = Compiled(
    lambda shape, case_id: Document.objects.filter(case_id=case_id).values(*DOCUMENT_COLUMNS)
)
_LETTERS = Compiled(
    lambda shape, case_id: (
        Letter.objects.filter(case_id=case_id).order_by("sequence").values(*LETTER_COLUMNS)
    )
)
STOPS = Compiled(
    lambda shape, case_id: ClockStop.objects.filter(case_id=case_id).values(*STOP_COLUMNS)
)


def timeline(case: Case) -> tuple[list[Event], list[dict[str, Any]]]:
    """The case's events, and the timeline's rows in words (each word translated once)."""
    rows = _EVENTS.dicts((), case.pk)
    events = [Event(r["at"], r["action"], r["payload"] or {}) for r in rows]
    names = audit.assignee_names(events)
    by = gettext("by %(who)s")
    lines = []
    for r, e in zip(rows, events, strict=True):
        # the actor's display_name
        who = (r["actor__full_name"] or r["actor__email"]) if r["actor_id"] else ""
        lines.append(
            {
                "at": e.at,
                "label": event_words.describe(e.action, e.payload),
                "states": bool(r["from_state"] or r["to_state"]),
                "from_words": event_words.state_words(r["from_state"]) if r["from_state"] else "",
                "to_words": event_words.state_words(r["to_state"]) if r["to_state"] else "",
                "by": _by(by, who) if who else "",
                "details": audit.describe(e, names),
            }
        )
    return events, lines


def _by(words: str, who: str) -> SafeString:
    """As ``{% blocktranslate %}`` puts it: the name escaped, the words as translated."""
    return mark_safe(words % {"who": conditional_escape(who)})  # noqa: S308  # nosec B308 B703


#: The case page's links that take the case's reference only, by the name the template reads
#: (``links.take_up``); found once each (core/links.py) rather than reversed at every print.
CASE_LINKS = (
    "take_up",
    "request_information",
    "propose",
    "approve",
    "return",
    "assign",
    "reasoning",
    "letter_preview",
    "assessment",
    "correct",
)


def case_links(reference: str) -> dict[str, str]:
    """The URLs of :data:`CASE_LINKS` for the case."""
    return {name: url_filler(f"workspace:{name}", str)(reference) for name in CASE_LINKS}


def documents(case: Case) -> list[dict[str, Any]]:
    """The case's documents as the table prints them (the kind's words translated once, the
    links filled in)."""
    kinds = {value: str(label) for value, label in DocumentKind.choices}
    download = url_filler("document_download", int)
    share = url_filler("workspace:document_share", str, int)
    rows = _DOCUMENTS.dicts((), case.pk)
    for d in rows:
        d["kind_label"] = kinds.get(d["kind"], d["kind"])
        d["internal"] = d["visibility"] == Visibility.INTERNAL
        d["url"] = download(d["pk"])
        d["share_url"] = share(case.reference, d["pk"]) if d["internal"] else ""
    return rows


def letters(case: Case) -> list[dict[str, Any]]:
    kinds = {value: str(label) for value, label in LetterKind.choices}
    download = url_filler("document_download", int)
    regenerate = url_filler("workspace:regenerate_letter", str, int)
    rows = _LETTERS.dicts((), case.pk)
    for row in rows:
        row["kind_label"] = kinds.get(row["kind"], row["kind"])
        row["url"] = download(row["document_id"]) if row["document_id"] else ""
        row["regenerate_url"] = regenerate(case.reference, row["pk"])
    return rows
