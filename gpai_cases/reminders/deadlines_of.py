"""The dates a person must act by, with the rule behind each: for "what needs me" and for the
person's calendar feed. Reads only what the person may read (:mod:`gpai_cases.cases.access`)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db.models import OuterRef, Subquery
from django.urls import reverse
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
    """The open items the user must act on, with their due dates, soonest first; the first
    ``limit`` only (each query reads no more than that: a caseworker may have thousands)."""
    if roles.is_provider_member(user):
        found = _provider_deadlines(user, limit)
    elif roles.is_caseworker(user):
        found = _caseworker_deadlines(user, limit)
    else:
        found = []
    found.sort(key=lambda d: (d.date, d.case_reference, d.uid))
    return found[:limit] if limit is not None else found


def _first(queryset: Any, limit: int | None, *order: str) -> Any:
    queryset = queryset.order_by(*order)
    return queryset[:limit] if limit is not None else queryset


# read as values of the columns a deadline shows (a case read in part loads its state again, one
# query per row; a request's questions and reasoning can be long), compiled once per role and
# limit (gpai_cases.core.compiled): only the person's id changes from one call to the next
_PROVIDER_REQUESTS = Compiled(
    lambda limit, user: _first(
        InformationRequest.objects.filter(
            case__in=access.cases_visible_to(user), status=RequestStatus.OPEN
        ),
        limit,
        "due_date",
        "pk",
    ).values("pk", "kind", "due_date", "due_rule", "case__reference")
)
_PROVIDER_DRAFTS = Compiled(
    lambda limit, user: _first(
        Notification.objects.filter(
            case__in=access.cases_visible_to(user),
            case__state=State.DRAFT,
            notification_due__isnull=False,
        ),
        limit,
        "notification_due",
        "pk",
    ).values("case_id", "notification_due", "notification_due_rule", "case__reference")
)


def _provider_deadlines(user: Any, limit: int | None) -> list[Deadline]:
    requests = _PROVIDER_REQUESTS.dicts(limit, user)
    kinds = dict(RequestKind.choices)
    respond_url, case_url = url_filler("portal:respond", str, int), url_filler("portal:case", str)
    found = [
        Deadline(
            uid=f"request-{r['pk']}",
            date=r["due_date"],
            title=gettext("%(reference)s: answer the %(request)s")
            % {
                "reference": r["case__reference"],
                "request": _in_sentence(kinds.get(r["kind"], r["kind"])),
            },
            rule=r["due_rule"],
            link=respond_url(r["case__reference"], r["pk"]),
            case_reference=r["case__reference"],
        )
        for r in requests
    ]
    drafts = _PROVIDER_DRAFTS.dicts(limit, user)
    found += [
        Deadline(
            uid=f"notification-{n['case_id']}",
            date=n["notification_due"],
            title=gettext("%(reference)s: submit the notification")
            % {"reference": n["case__reference"]},
            rule=n["notification_due_rule"],
            link=case_url(n["case__reference"]),
            case_reference=n["case__reference"],
        )
        for n in drafts
    ]
    return found + _obligation_deadlines(user, limit)


_INCIDENTS = Compiled(
    lambda limit, user: _first(
        obligations_access.incidents_visible_to(user).filter(
            closed_on__isnull=True, next_due__isnull=False
        ),
        limit,
        "next_due",
        "pk",
    ).values(
        "pk",
        "next_due",
        "next_due_stage",
        "next_due_rule",
        "title",
        "model__name",
        "model__version",
        "case__reference",
    )
)
_FRAMEWORK_CHANGES = Compiled(
    lambda limit, user: _first(
        obligations_access.framework_reviews_visible_to(user).filter(
            status=ChangeRequestStatus.OPEN, due_date__isnull=False
        ),
        limit,
        "due_date",
        "pk",
    ).values("pk", "due_date", "due_rule")
)


def _obligation_deadlines(user: Any, limit: int | None) -> list[Deadline]:
    """After designation: the next report on each open serious incident, and a new version of
    the framework asked for by a request for changes (docs/rules.md § serious-incidents,
    § framework)."""
    stages = dict(IncidentStage.choices)
    incident_url = url_filler("portal:incident", int)
    found = [
        Deadline(
            uid=f"incident-{i['pk']}-{i['next_due_stage']}",
            date=i["next_due"],
            title=gettext("%(model)s: %(stage)s on the serious incident “%(incident)s”")
            % {
                "model": f"{i['model__name']} {i['model__version']}".strip(),
                "stage": _in_sentence(stages.get(i["next_due_stage"], i["next_due_stage"])),
                "incident": i["title"],
            },
            rule=i["next_due_rule"],
            link=incident_url(i["pk"]),
            case_reference=i["case__reference"],
        )
        for i in _INCIDENTS.dicts(limit, user)
    ]
    framework_url = reverse("portal:framework_file")
    found += [
        Deadline(
            uid=f"framework-changes-{r['pk']}",
            date=r["due_date"],
            title=gettext("File a new version of your safety and security framework"),
            rule=r["due_rule"],
            link=framework_url,
            case_reference="",
        )
        for r in _FRAMEWORK_CHANGES.dicts(limit, user)
    ]
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
