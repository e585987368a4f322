"""The dates a person must act by, with the rule behind each: for "what needs me" and for the
person's calendar feed. Reads only what the person may read (:mod:`gpai_cases.cases.access`)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import CharField, F, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce, Collate
from django.utils.translation import get_language, gettext

from gpai_cases.accounts import roles
from gpai_cases.cases import access, due
from gpai_cases.cases.models import (
    InformationRequest,
    Notification,
    RequestKind,
    RequestStatus,
    State,
)
from gpai_cases.cases.rulefield import RuleField
from gpai_cases.core.compiled import Compiled
from gpai_cases.core.links import url_filler
from gpai_cases.obligations import access as obligations_access
from gpai_cases.obligations.models import ChangeRequestStatus, IncidentStage


@dataclass(frozen=True)
class Deadline:
    uid: str
    date: datetime.date
    title: str
    rule: str
    link: str
    case_reference: str


def _in_sentence(name: Any) -> str:
    """A kind's name inside a sentence: lower case, except in German (nouns keep their capital)."""
    text = str(name)
    return text if (get_language() or "").startswith("de") else text.lower()


def for_user(user: Any, *, limit: int | None = None) -> list[Deadline]:
    """The open items the user must act on, with their due dates, soonest first (then by case
    reference); the first ``limit`` only (each query reads no more than that: a caseworker may
    have thousands)."""
    if roles.is_provider_member(user):
        return _provider_deadlines(user, limit)
    if not roles.is_caseworker(user):
        return []
    found = _caseworker_deadlines(user, limit)
    found.sort(key=lambda d: (d.date, d.case_reference, d.uid))
    return found[:limit] if limit is not None else found


def _first(queryset: Any, limit: int | None, *order: str) -> Any:
    queryset = queryset.order_by(*order)
    return queryset[:limit] if limit is not None else queryset


#: The order of a provider's items: by date, then case reference (in code points: ``"C"``),
#: kind and id; each part of the UNION is cut in this order, and the whole sorted in it.
_ORDER = ("d_date", "d_reference", "d_source", "d_item")
#: :data:`_ORDER` within one part (its rows share the kind), references compared in code points
#: as Python compares them
_PART_ORDER = tuple(Collate(c, "C") if c == "d_reference" else c for c in _ORDER if c != "d_source")


def _word(text: str) -> Value:
    return Value(text, output_field=CharField())


#: The columns every kind of item gives, in this order (a UNION's parts match by position).
_COLUMNS = (
    "d_source",
    "d_item",
    "d_date",
    "d_rule",
    "d_kind",
    "d_title",
    "d_model_name",
    "d_model_version",
    "d_reference",
)


def _part(queryset: Any, limit: int | None, source: str, **columns: Any) -> Any:
    """One kind of item (``source``) as the columns every kind shares, an empty word for those
    it has none of; where the database can limit the parts of a UNION (PostgreSQL), its first
    ``limit`` in :data:`_ORDER` (its rows share the kind), so that the first ``limit`` of the
    whole are among them. SQLite cannot: every row."""
    given = {"d_source": _word(source), **{f"d_{name}": e for name, e in columns.items()}}
    queryset = queryset.values(**{c: given.get(c, _word("")) for c in _COLUMNS}).order_by()
    if (
        limit is not None
        and connections[DEFAULT_DB_ALIAS].features.supports_slicing_ordering_in_compound
    ):
        queryset = queryset.order_by(*_PART_ORDER)[:limit]
    return queryset


def _build_provider_items(limit: int | None, user: Any) -> Any:
    # read as values of the columns a deadline shows (a case read in part loads its state again,
    # one query per row; a request's questions and reasoning can be long), the four kinds in one
    # UNION ALL: one round trip instead of four (docs/adr/0021-cheap-list-pages.md), compiled once
    # per role and limit (docs/adr/0025-queries-compiled-once.md)
    cases = access.cases_visible_to(user)
    requests = _part(
        InformationRequest.objects.filter(case__in=cases, status=RequestStatus.OPEN),
        limit,
        "request",
        item=F("pk"),
        date=F("due_date"),
        rule=F("due_rule"),
        kind=F("kind"),
        reference=F("case__reference"),
    )
    drafts = _part(
        Notification.objects.filter(
            case__in=cases, case__state=State.DRAFT, notification_due__isnull=False
        ),
        limit,
        "notification",
        item=F("case_id"),
        date=F("notification_due"),
        rule=F("notification_due_rule"),
        reference=F("case__reference"),
    )
    incidents = _part(
        obligations_access.incidents_visible_to(user).filter(
            closed_on__isnull=True, next_due__isnull=False
        ),
        limit,
        "incident",
        item=F("pk"),
        date=F("next_due"),
        rule=F("next_due_rule"),
        kind=F("next_due_stage"),
        title=F("title"),
        model_name=F("model__name"),
        model_version=F("model__version"),
        reference=Coalesce(F("case__reference"), _word("")),
    )
    framework = _part(
        obligations_access.framework_reviews_visible_to(user).filter(
            status=ChangeRequestStatus.OPEN, due_date__isnull=False
        ),
        limit,
        "framework",
        item=F("pk"),
        date=F("due_date"),
        rule=F("due_rule"),
    )
    return requests.union(drafts, incidents, framework, all=True)


_PROVIDER_ITEMS = Compiled(_build_provider_items)


def _provider_deadlines(user: Any, limit: int | None) -> list[Deadline]:
    """What a provider's member must act on: open requests for information, notifications in
    draft, and after designation the next report on each open serious incident and a new
    version of the framework asked for by a request for changes (docs/rules.md
    § serious-incidents, § framework)."""
    kinds, stages = dict(RequestKind.choices), dict(IncidentStage.choices)
    respond_url, case_url = url_filler("portal:respond", str, int), url_filler("portal:case", str)
    incident_url, framework_url = (
        url_filler("portal:incident", int),
        url_filler("portal:framework_file")(),
    )
    rows = sorted(_PROVIDER_ITEMS.dicts(limit, user), key=lambda r: tuple(r[k] for k in _ORDER))
    found = []
    for r in rows[:limit] if limit is not None else rows:
        source, pk, reference = r["d_source"], r["d_item"], r["d_reference"]
        if source == "request":
            title = gettext("%(reference)s: answer the %(request)s") % {
                "reference": reference,
                "request": _in_sentence(kinds.get(r["d_kind"], r["d_kind"])),
            }
            uid, link = f"request-{pk}", respond_url(reference, pk)
        elif source == "notification":
            title = gettext("%(reference)s: submit the notification") % {"reference": reference}
            uid, link = f"notification-{pk}", case_url(reference)
        elif source == "incident":
            title = gettext("%(model)s: %(stage)s on the serious incident “%(incident)s”") % {
                "model": f"{r['d_model_name']} {r['d_model_version']}".strip(),
                "stage": _in_sentence(stages.get(r["d_kind"], r["d_kind"])),
                "incident": r["d_title"],
            }
            uid, link = f"incident-{pk}-{r['d_kind']}", incident_url(pk)
        else:
            title = gettext("File a new version of your safety and security framework")
            uid, link = f"framework-changes-{pk}", framework_url
        found.append(Deadline(uid, r["d_date"], title, r["d_rule"], link, reference))
    return found


def _build_caseworker_cases(limit: int | None, user: Any) -> Any:
    # read as values of the columns a deadline shows, the rule of a request that is due in a
    # subquery: no model instances, one query (docs/adr/0021-cheap-list-pages.md), compiled once
    # per role and limit (docs/adr/0025-queries-compiled-once.md)
    answering = InformationRequest.objects.filter(
        case=OuterRef("pk"), status=RequestStatus.OPEN, due_date=OuterRef("next_deadline")
    ).order_by("created_at", "pk")
    return _first(
        access.cases_visible_to(user)
        .filter(assignee_id=user.pk, next_deadline__isnull=False)
        .exclude(state__in=[State.DECIDED, State.WITHDRAWN]),
        limit,
        "next_deadline",
        "pk",
    ).values(
        "pk",
        "reference",
        "next_deadline",
        "next_deadline_kind",
        "assessment_started_on",
        "notification__notification_due_rule",
        answer_rule=Subquery(answering.values("due_rule")[:1], output_field=RuleField()),
    )


_CASEWORKER_CASES = Compiled(_build_caseworker_cases)


def _caseworker_deadlines(user: Any, limit: int | None) -> list[Deadline]:
    cases = _CASEWORKER_CASES.dicts(limit, user)
    target = settings.GPAI_ASSESSMENT_TARGET_DAYS
    case_url = url_filler("workspace:case", str)
    return [
        Deadline(
            uid=f"case-{c['pk']}-{c['next_deadline_kind'].replace(' ', '-')}",
            date=c["next_deadline"],
            title=f"{c['reference']}: {c['next_deadline_kind']}",
            rule=due.rule_of(
                c["next_deadline_kind"],
                c["next_deadline"],
                notification_rule=c["notification__notification_due_rule"],
                answer_rule=c["answer_rule"],
                assessment_started_on=c["assessment_started_on"],
                target_days=target,
            ),
            link=case_url(c["reference"]),
            case_reference=c["reference"],
        )
        for c in cases
    ]
