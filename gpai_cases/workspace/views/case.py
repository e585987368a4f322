"""The workspace's case page: the filing, the compute check, the timeline and what the user can do now."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from gpai_cases.assessment import services as assessment_services
from gpai_cases.cases import access, audit, deadlines, due, event_words, facts, rules
from gpai_cases.cases.models import Case, Claim, InformationRequest
from gpai_cases.core import freshness
from gpai_cases.core.fragments import cached_fragment
from gpai_cases.documents.models import Document, DocumentKind, Visibility
from gpai_cases.letters.models import LetterKind
from gpai_cases.letters.reasoning import CRITERION_NAMES, generated_argument, generated_assessment
from gpai_cases.obligations.models import SeriousIncident
from gpai_cases.obligations.services import code_of_practice_current

from .base import office_only
from .requests import request_row

#: The actions of the case page: name, label, the permission, and the guard of the service.
ACTIONS: list[tuple[str, Any, Callable[..., bool], Callable[..., list[str]]]] = [
    (
        "take_up",
        _("Take up the case"),
        access.may_take_up,
        lambda c, u, d: rules.take_up_blockers(c),
    ),
    (
        "request",
        _("Request information or hold a hearing"),
        access.may_request_information,
        lambda c, u, d: rules.information_request_blockers(c),
    ),
    (
        "propose",
        _("Propose a decision"),
        access.may_propose,
        lambda c, u, d: rules.propose_blockers(c, today=d),
    ),
    (
        "approve",
        _("Approve the proposed decision"),
        access.may_approve,
        lambda c, u, d: rules.approve_blockers(c, user=u),
    ),
    (
        "return",
        _("Return the proposal"),
        access.may_return,
        lambda c, u, d: rules.return_blockers(c),
    ),
    (
        "assign",
        _("Assign or reassign"),
        access.may_assign,
        lambda c, u, d: rules.assign_blockers(c),
    ),
]


def _actions(case: Case, user: Any, today: datetime.date) -> list[dict[str, Any]]:
    """What the user may do now, and why the rest is unavailable: the permissions and guards
    the services refuse with, asked here without the inputs a form would give."""
    actions = []
    for name, label, permission, blockers in ACTIONS:
        if permission(user, case):
            reasons = blockers(case, user, today)
            actions.append(
                {"name": name, "label": label, "available": not reasons, "reasons": reasons}
            )
    return actions


def _request_actions(rfi: InformationRequest, user: Any, today: datetime.date) -> dict[str, Any]:
    """A request on the case page: its state, and what this user may do with it now."""
    row = request_row(rfi, today)
    may_extend = access.may_extend_request(user, rfi.case)
    row["can_withdraw"] = access.may_withdraw_request(user, rfi.case) and not (
        rules.request_withdraw_blockers(rfi, today=today)
    )
    row["can_extend"] = may_extend and not rules.request_extend_blockers(rfi, today=today)
    row["can_decide"] = bool(
        may_extend
        and row["pending"]
        and not rules.extension_decision_blockers(row["pending"], today=today)
    )
    return row


def _proposal_draft(scorecard: Any, not_substantiated: list[Claim]) -> str:
    """The reasoning a proposal or a hearing starts from, in sentences: the scorecard's findings
    and the claims found not substantiated, each whole — never an internal note (docs/adr/0012)."""
    parts = [
        f"{CRITERION_NAMES[key]}: {text}"
        for key, text in (generated_assessment(scorecard.case) if scorecard else [])
    ]
    parts += [generated_argument(c) for c in not_substantiated]
    return "\n\n".join(parts)


#: The columns of the sub-lists the page only prints (rows as values, docs/adr/0021).
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


@dataclass(frozen=True)
class _Event:
    """An event of the timeline as read (the fields :func:`audit.describe`,
    :func:`audit.assignee_names` and :func:`facts.model_changes` read)."""

    at: datetime.datetime
    action: str
    payload: dict[str, Any]


def _timeline(rows: list[dict[str, Any]]) -> tuple[list[_Event], list[dict[str, Any]]]:
    """The case's events, and the timeline's rows in words (each word translated once)."""
    events = [_Event(r["at"], r["action"], r["payload"] or {}) for r in rows]
    names = audit.assignee_names(events)
    by = gettext("by %(who)s")
    timeline = []
    for r, e in zip(rows, events, strict=True):
        who = (r["actor__full_name"] or r["actor__email"]) if r["actor_id"] else ""  # display_name
        timeline.append(
            {
                "at": e.at,
                "label": event_words.describe(e.action, e.payload),
                "states": bool(r["from_state"] or r["to_state"]),
                "from_words": event_words.state_words(r["from_state"]) if r["from_state"] else "",
                "to_words": event_words.state_words(r["to_state"]) if r["to_state"] else "",
                # as {% blocktranslate %} puts it: the name escaped, the words as translated
                "by": mark_safe(by % {"who": conditional_escape(who)}) if who else "",  # noqa: S308
                "details": audit.describe(e, names),
            }
        )
    return events, timeline


def _documents(case: Case) -> list[dict[str, Any]]:
    """The case's documents as the table prints them (the kind's words translated once)."""
    kinds = {value: str(label) for value, label in DocumentKind.choices}
    rows = list(case.documents.values(*DOCUMENT_COLUMNS))
    for d in rows:
        d["kind_label"] = kinds.get(d["kind"], d["kind"])
        d["internal"] = d["visibility"] == Visibility.INTERNAL
    return rows


def _letters(case: Case) -> list[dict[str, Any]]:
    kinds = {value: str(label) for value, label in LetterKind.choices}
    rows = list(case.letters.order_by("sequence").values(*LETTER_COLUMNS))
    for row in rows:
        row["kind_label"] = kinds.get(row["kind"], row["kind"])
    return rows


@office_only
def case_view(request: HttpRequest, reference: str) -> HttpResponse:
    today = timezone.localdate()

    def context() -> dict[str, Any]:
        qs = (
            access.cases_visible_to(request.user)
            .select_related(
                "model__provider",
                "assignee",
                "designation__case",
                "notification",
                "resulting_designation",
            )
            # as instances: the guards read them (rules.open_requests, pending_extension,
            # has_arguments); of the documents the page prints the title
            .prefetch_related(
                Prefetch(
                    "information_requests",
                    queryset=InformationRequest.objects.order_by(
                        "created_at", "pk"
                    ).prefetch_related("extensions"),
                ),
                Prefetch(
                    "claims",
                    queryset=Claim.objects.prefetch_related(
                        Prefetch("documents", queryset=Document.objects.only("pk", "title"))
                    ),
                ),
            )
        )
        case = access.get_case_for(request.user, reference, qs)
        stops = list(case.clock_stops.values(*STOP_COLUMNS))
        days_used = (
            deadlines.assessment_days_used(
                case.assessment_started_on, today, [(s["started_on"], s["ended_on"]) for s in stops]
            )
            if case.assessment_started_on
            else None
        )
        events, timeline = _timeline(list(case.events.values(*EVENT_COLUMNS)))
        scorecard = case.scorecards.select_related("saved_by").order_by("-version").first()
        claims = list(case.claims.all())
        designation = getattr(case, "resulting_designation", None)
        proposal = case.decisions.filter(status="proposed").select_related("proposed_by").first()
        corrections = list(
            case.corrections.select_related("filed_by").prefetch_related(
                Prefetch("documents", queryset=Document.objects.only("pk", "title"))
            )
        )
        confidentiality_claims = list(case.confidentiality_claims.all())
        return {
            "case": case,
            "today": today,
            "code_of_practice": code_of_practice_current(case.model.provider),
            "open_incidents": SeriousIncident.objects.filter(
                designation=designation, closed_on__isnull=True
            ).count()
            if designation
            else 0,
            "compute_check": facts.compute_check_shown(case),
            "figures": assessment_services.provider_figures(case),
            "facts": facts.case_facts(case),
            "model_changes": facts.model_changes(events, case=case),
            "corrections": [(c, facts.correction_rows(c.changes)) for c in corrections],
            "claims": claims,
            "supplementary_only": bool(claims)
            and case.kind == "notification"
            and not rules.has_arguments(case),
            "stops": stops,
            "days_used": days_used,
            "target_days": settings.GPAI_ASSESSMENT_TARGET_DAYS,
            "actions": _actions(case, request.user, today),
            "proposal": proposal,
            "latest_scorecard": scorecard,
            "timeline": timeline,
            "requests": [
                _request_actions(r, request.user, today) for r in case.information_requests.all()
            ],
            "documents": _documents(case),
            "letters": _letters(case),
            "confidentiality_claims": confidentiality_claims,
            "can_share": access.may_share_document(request.user),
            "can_correct": access.may_correct_record(request.user, case)
            and not rules.record_correction_blockers(case),
            "claimed_documents": {c.document_id for c in confidentiality_claims if c.document_id},
            "next_deadline_rule": due.next_deadline_rule(
                case, target_days=settings.GPAI_ASSESSMENT_TARGET_DAYS
            ),
        }

    # the actions on the page depend on who looks at it, the dates on the day; the data on this
    # case's own records and on shared ones (people, providers, designations), not on other cases
    body = cached_fragment(
        request,
        "workspace/_case_body.html",
        (reference, request.user.pk, today),
        context,
        version=lambda: freshness.case_version(reference),
    )
    return render(request, "workspace/case.html", {"body": body, "reference": reference})
