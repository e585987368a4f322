"""The workspace's case page: the filing, the compute check, the timeline and what the user can do now."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.db.models import Prefetch, prefetch_related_objects
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gpai_cases.assessment import services as assessment_services
from gpai_cases.cases import access, deadlines, due, facts, rules
from gpai_cases.cases.models import Case, Claim, Designation, InformationRequest
from gpai_cases.core import freshness
from gpai_cases.core.compiled import Compiled
from gpai_cases.core.fragments import cached_fragment, cached_page
from gpai_cases.documents.models import Document
from gpai_cases.letters.reasoning import CRITERION_NAMES, generated_argument, generated_assessment
from gpai_cases.obligations.models import SeriousIncident
from gpai_cases.obligations.services import code_of_practice_current

from . import case_lists
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


#: The case the page shows, with the records it reads of it, compiled once per role
#: (docs/adr/0025-queries-compiled-once.md): building and compiling it cost more than its answer.
_CASE = Compiled(
    lambda shape, user, reference: (
        access.cases_visible_to(user)
        .select_related("model__provider", "assignee", "notification")
        .filter(reference=reference)[:2]
    )
)


@office_only
def case_view(request: HttpRequest, reference: str) -> HttpResponse:
    today = timezone.localdate()

    def context() -> dict[str, Any]:
        case = access.the_case(_CASE.instances((), request.user, reference))
        there = case_lists.present(case)
        # the designations, read only when there are some (most cases have none)
        if case.designation_id is not None:
            case.designation = Designation.objects.select_related("case").get(
                pk=case.designation_id
            )
        designation = (
            Designation.objects.filter(case=case).first() if "designation" in there else None
        )
        # as instances, on the case: the guards read them (rules.open_requests,
        # pending_extension, has_arguments); of the claims' documents the page prints the title.
        # A list the presence query found empty is not read: the guards are told so
        # (rules.records_of), an empty prefetch would build and compile a query for nothing
        case.absent_relations = {
            name
            for name, listed in (("information_requests", "requests"), ("claims", "claims"))
            if listed not in there
        }
        lookups: list[Any] = []
        if "requests" in there:
            lookups.append(
                Prefetch(
                    "information_requests",
                    queryset=InformationRequest.objects.order_by("created_at", "pk"),
                )
            )
            lookups.append("information_requests__extensions")
        if "claims" in there:
            lookups.append(
                Prefetch(
                    "claims",
                    queryset=Claim.objects.prefetch_related(
                        Prefetch("documents", queryset=Document.objects.only("pk", "title"))
                    ),
                )
            )
        if lookups:
            prefetch_related_objects([case], *lookups)
        stops = case_lists.STOPS.dicts((), case.pk) if "stops" in there else []
        days_used = (
            deadlines.assessment_days_used(
                case.assessment_started_on, today, [(s["started_on"], s["ended_on"]) for s in stops]
            )
            if case.assessment_started_on
            else None
        )
        events, timeline = case_lists.timeline(case)
        claims = list(case.claims.all()) if "claims" in there else []
        corrections = (
            list(
                case.corrections.select_related("filed_by").prefetch_related(
                    Prefetch("documents", queryset=Document.objects.only("pk", "title"))
                )
            )
            if "corrections" in there
            else []
        )
        confidentiality_claims = (
            list(case.confidentiality_claims.all()) if "confidentiality_claims" in there else []
        )
        return {
            "case": case,
            "links": case_lists.case_links(case.reference),
            "designation": designation,
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
            "proposal": case.decisions.filter(status="proposed")
            .select_related("proposed_by")
            .first()
            if "proposal" in there
            else None,
            "latest_scorecard": case.scorecards.select_related("saved_by")
            .order_by("-version")
            .first()
            if "scorecards" in there
            else None,
            "timeline": timeline,
            "requests": [
                _request_actions(r, request.user, today) for r in case.information_requests.all()
            ]
            if "requests" in there
            else [],
            "documents": case_lists.documents(case) if "documents" in there else [],
            "letters": case_lists.letters(case) if "letters" in there else [],
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
    version = freshness.case_version(reference)  # read once: the page and its body are keyed by it

    def page() -> dict[str, Any]:
        body = cached_fragment(
            request,
            "workspace/_case_body.html",
            (reference, request.user.pk, today),
            context,
            version=lambda: version,
        )
        return {"body": body, "reference": reference}

    if version is None:  # no such case: the body says "not found"
        return render(request, "workspace/case.html", page())
    return cached_page(request, "workspace/case.html", (reference,), version, page)
