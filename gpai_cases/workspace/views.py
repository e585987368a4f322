"""The AI Office's workspace: queue, case page and the actions of caseworkers and approvers.

Every action calls the service layer; refusals come back with the reasons in words.
"""

from __future__ import annotations

import csv
import datetime
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from functools import wraps
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from gpai_cases.accounts.models import Role, User
from gpai_cases.assessment import services as assessment_services
from gpai_cases.cases import access, audit, deadlines, rules, services
from gpai_cases.cases.models import (
    Case,
    CaseEvent,
    Claim,
    ClaimReview,
    Decision,
    ExOfficioBasis,
    InformationRequest,
    Kind,
    Outcome,
    RequestKind,
    State,
)
from gpai_cases.core import freshness
from gpai_cases.core.forms import form_data, parse_pk
from gpai_cases.core.fragments import cached_fragment
from gpai_cases.letters.models import Letter
from gpai_cases.letters.services import letter_regenerate
from gpai_cases.providers import compute
from gpai_cases.providers.models import GPAIModel

from .forms import ExOfficioForm
from .queue import QueueFilter, queue, queue_rows

OFFICE = (Role.CASEWORKER, Role.APPROVER, Role.ADMIN)


def office_only(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """AI Office roles only: anonymous users sign in, everyone else is refused (403)."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not access.is_ai_office(request.user):
            raise PermissionDenied("The workspace is for the AI Office.")
        return view(request, *args, **kwargs)

    return wrapper


def _post(request: HttpRequest, name: str, default: str = "") -> str:
    """A posted text field, without NUL characters (PostgreSQL refuses them in text)."""
    return str(request.POST.get(name, default)).replace("\x00", "")


def _filter_query(f: QueueFilter) -> str:
    from urllib.parse import urlencode

    params = {k: v for k, v in vars(f).items() if v and k != "sort"}
    params = {k: ("1" if v is True else v) for k, v in params.items()}
    return urlencode(params)


@office_only
def queue_view(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    f = QueueFilter.from_query(request.GET)
    page_number = str(request.GET.get("page", "1"))[:12]

    def context() -> dict[str, Any]:
        page = Paginator(queue(request.user, f, today), 50).get_page(page_number)
        return {
            "page": page,
            "rows": queue_rows(page.object_list, today),
            "f": f,
            "filter_query": _filter_query(f),
            "states": State.choices,
            "kinds": Kind.choices,
            "caseworkers": [
                (str(pk), name or email)
                for pk, name, email in User.objects.filter(role=Role.CASEWORKER, is_active=True)
                .values_list("pk", "full_name", "email")
                .order_by("full_name", "email")
            ],
        }

    # the fragment depends on the filters, the page, the day, and whose cases "mine" are
    parts = (*vars(f).values(), page_number, today, request.user.role)
    parts += (request.user.pk,) if f.assignee == "me" else ()
    return render(
        request,
        "workspace/queue.html",
        {"body": cached_fragment(request, "workspace/_queue_body.html", parts, context)},
    )


class _Echo:
    def write(self, value: str) -> str:
        return value


@office_only
def queue_csv(request: HttpRequest) -> StreamingHttpResponse:
    today = timezone.localdate()
    f = QueueFilter.from_query(request.GET)
    writer = csv.writer(_Echo())
    header = [
        "reference",
        "kind",
        "state",
        "provider",
        "model",
        "assignee",
        "next_deadline",
        "next_deadline_kind",
        "late",
        "created_at",
    ]

    def rows():
        yield writer.writerow(header)
        for c in queue(request.user, f, today).iterator(chunk_size=2000):
            yield writer.writerow(
                [
                    c.reference,
                    c.kind,
                    c.state,
                    c.model.provider.legal_name,
                    str(c.model),
                    c.assignee.email if c.assignee else "",
                    c.next_deadline or "",
                    c.next_deadline_kind,
                    "yes" if c.late else "no",
                    timezone.localtime(c.created_at).isoformat(timespec="minutes"),
                ]
            )

    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="gpai-cases-{today:%Y%m%d}.csv"'
    return response


def _compute_check(case: Case) -> dict[str, Any] | None:
    """The provider's figure beside our own estimates from the inputs it gave."""
    n = getattr(case, "notification", None)
    if n is None or n.compute_flop is None:
        return None
    inputs = n.compute_inputs or {}

    def number(*keys: str) -> Decimal | None:
        for key in keys:
            if key in inputs:
                try:
                    return Decimal(str(inputs[key]))
                except (InvalidOperation, ValueError):
                    return None
        return None

    estimates = []
    chips, peak = number("accelerators"), number("peak_flops_per_accelerator", "peak_flops")
    util, hours = number("utilisation"), number("training_hours", "hours")
    if None not in (chips, peak, util, hours):
        try:
            value = compute.hardware_estimate(
                accelerators=int(chips),
                peak_flops_per_accelerator=peak,
                utilisation=util,
                training_hours=hours,
            )
            estimates.append(("Hardware-based", value))
        except (TypeError, ValueError):
            pass
    params, tokens = number("parameters"), number("training_tokens")
    if params is None and case.model.parameter_count:
        params = case.model.parameter_count
    if tokens is None and case.model.training_tokens:
        tokens = case.model.training_tokens
    if params and tokens:
        estimates.append(
            (
                "Architecture-based (6 × N × D)",
                compute.architecture_estimate(parameters=params, training_tokens=tokens),
            )
        )
    return {
        "declared": compute.format_flop(n.compute_flop),
        "above": compute.above_threshold(
            n.compute_flop, Decimal(str(settings.GPAI_THRESHOLD_FLOP))
        ),
        "estimates": [
            {
                "label": label,
                "value": compute.format_flop(v),
                "mismatch": compute.estimate_mismatch(n.compute_flop, v),
            }
            for label, v in estimates
        ],
    }


def _actions(case: Case, user: Any, today: datetime.date) -> list[dict[str, Any]]:
    """What the user may do now, and why the rest is unavailable."""
    actions = []

    def add(name: str, label: str, allowed_role: bool, reasons: list[str]) -> None:
        if not allowed_role:
            return
        actions.append({"name": name, "label": label, "available": not reasons, "reasons": reasons})

    caseworker, approver = access.is_caseworker(case, user), access.is_approver(case, user)
    add(
        "take_up",
        "Take up the case",
        caseworker,
        rules.state_blocker(case, (State.SUBMITTED,), "take up this case"),
    )
    add(
        "request",
        "Request information or hold a hearing",
        caseworker,
        rules.state_blocker(
            case, (State.SUBMITTED, State.UNDER_ASSESSMENT), "send a request for information"
        ),
    )
    propose = rules.state_blocker(case, (State.UNDER_ASSESSMENT,), "propose a decision")
    if not propose and rules.open_requests(case):
        propose.append(
            "A request for information is still open; wait for the answer or its due date."
        )
    add("propose", "Propose a decision", caseworker, propose)
    add(
        "approve",
        "Approve the proposed decision",
        approver,
        rules.approve_blockers(case, user=user),
    )
    add(
        "return",
        "Return the proposal",
        approver,
        rules.state_blocker(case, (State.DECISION_PROPOSED,), "return the proposal"),
    )
    add(
        "assign",
        "Assign or reassign",
        caseworker or approver,
        [] if case.is_open else ["The case is closed."],
    )
    return actions


def _proposal_draft(scorecard: Any, not_substantiated: list[Claim]) -> str:
    """The reasoning a proposal starts from: the scorecard's summary and the claims to cite."""
    parts = [scorecard.summary()] if scorecard else []
    if not_substantiated:
        parts.append(
            "The arguments are rejected. Claims found not substantiated:\n"
            + "\n".join(f"- {c.text[:120]} ({c.review_note})" for c in not_substantiated)
        )
    return "\n\n".join(parts)


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
            .prefetch_related(
                "clock_stops",
                Prefetch(
                    "information_requests",
                    queryset=InformationRequest.objects.order_by("created_at", "pk"),
                ),
                Prefetch("claims", queryset=Claim.objects.prefetch_related("documents")),
                Prefetch(
                    "decisions",
                    queryset=Decision.objects.select_related(
                        "proposed_by", "approved_by", "returned_by"
                    ).prefetch_related("cited_claims"),
                ),
                Prefetch(
                    "events",
                    queryset=CaseEvent.objects.select_related("actor").order_by("at", "pk"),
                ),
                Prefetch(
                    "letters",
                    queryset=Letter.objects.select_related("document").order_by("sequence"),
                ),
                "documents",
            )
        )
        case = access.get_case_for(request.user, reference, qs)
        stops = list(case.clock_stops.all())
        days_used = (
            deadlines.assessment_days_used(
                case.assessment_started_on, today, [(s.started_on, s.ended_on) for s in stops]
            )
            if case.assessment_started_on
            else None
        )
        not_substantiated = rules.claims_not_substantiated(case)
        events = list(case.events.all())
        names = audit.assignee_names(events)
        scorecard = case.scorecards.select_related("saved_by").order_by("-version").first()
        return {
            "case": case,
            "today": today,
            "compute_check": _compute_check(case),
            "figures": assessment_services.provider_figures(case),
            "stops": stops,
            "days_used": days_used,
            "target_days": settings.GPAI_ASSESSMENT_TARGET_DAYS,
            "actions": _actions(case, request.user, today),
            "outcomes": [(o, Outcome(o).label) for o in case.allowed_outcomes],
            "caseworkers": User.objects.filter(role=Role.CASEWORKER, is_active=True).order_by(
                "email"
            ),
            "request_kinds": RequestKind.choices,
            "default_rfi_days": settings.GPAI_RFI_DEFAULT_DAYS,
            "reviews": [
                (ClaimReview.SUBSTANTIATED, "Substantiated"),
                (ClaimReview.NOT_SUBSTANTIATED, "Not substantiated"),
            ],
            "proposal": next((d for d in case.decisions.all() if d.status == "proposed"), None),
            "latest_scorecard": scorecard,
            "proposal_draft": _proposal_draft(scorecard, not_substantiated),
            "timeline": [(e, audit.describe(e, names)) for e in events],
            "next_deadline_rule": rules.next_deadline_rule(
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


def _case_for_action(request: HttpRequest, reference: str) -> Case:
    return access.get_case_for(request.user, reference)


def _run(request: HttpRequest, case: Case, success: str, action: Callable[[], Any]) -> HttpResponse:
    try:
        action()
    except services.ActionRefused as refused:
        for reason in refused.reasons:
            messages.error(request, reason)
    except (ValueError, ValidationError) as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, success)
    return redirect("workspace:case", reference=case.reference)


@require_POST
@office_only
def take_up(request: HttpRequest, reference: str) -> HttpResponse:
    case = _case_for_action(request, reference)
    return _run(
        request,
        case,
        "You have taken up the case.",
        lambda: services.case_take_up(actor=request.user, case=case),
    )


@require_POST
@office_only
def assign(request: HttpRequest, reference: str) -> HttpResponse:
    case = _case_for_action(request, reference)
    if not access.may_assign(request.user):
        raise PermissionDenied("Only caseworkers and approvers assign cases.")
    assignee_id = _post(request, "assignee")
    pk = parse_pk(assignee_id)
    assignee = User.objects.filter(pk=pk).first() if pk is not None else None
    if assignee is None:
        messages.error(request, "Choose a caseworker.")
        return redirect("workspace:case", reference=case.reference)
    return _run(
        request,
        case,
        f"Assigned to {assignee.display_name}.",
        lambda: services.case_assign(
            actor=request.user, case=case, assignee=assignee, reason=_post(request, "reason", "")
        ),
    )


def _parse_date(value: str) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(value) if value else None
    except ValueError as exc:
        raise ValueError("Give the due date as YYYY-MM-DD.") from exc


@require_POST
@office_only
def request_information(request: HttpRequest, reference: str) -> HttpResponse:
    case = _case_for_action(request, reference)
    questions = [q for q in _post(request, "questions", "").splitlines() if q.strip()]

    def send() -> None:
        services.information_request_send(
            actor=request.user,
            case=case,
            kind=_post(request, "kind", RequestKind.QUESTION),
            questions=questions,
            due_date=_parse_date(_post(request, "due_date", "")),
            draft_reasoning=_post(request, "draft_reasoning", ""),
            draft_outcome=_post(request, "draft_outcome", ""),
        )

    return _run(request, case, "The request has been sent; the letter is being prepared.", send)


@require_POST
@office_only
def review_claim(request: HttpRequest, reference: str, claim_id: int) -> HttpResponse:
    case = _case_for_action(request, reference)
    claim = get_object_or_404(Claim, pk=claim_id, case=case)
    return _run(
        request,
        case,
        "Review saved.",
        lambda: services.claim_review(
            actor=request.user,
            claim=claim,
            review=_post(request, "review", ""),
            note=_post(request, "note", ""),
        ),
    )


@require_POST
@office_only
def propose(request: HttpRequest, reference: str) -> HttpResponse:
    case = _case_for_action(request, reference)
    return _run(
        request,
        case,
        "The decision has been proposed to an approver.",
        lambda: services.decision_propose(
            actor=request.user,
            case=case,
            outcome=_post(request, "outcome", ""),
            reasoning=_post(request, "reasoning", ""),
        ),
    )


@require_POST
@office_only
def approve(request: HttpRequest, reference: str) -> HttpResponse:
    case = _case_for_action(request, reference)
    return _run(
        request,
        case,
        "The decision is approved; the decision letter is being prepared.",
        lambda: services.decision_approve(actor=request.user, case=case),
    )


@require_POST
@office_only
def return_proposal(request: HttpRequest, reference: str) -> HttpResponse:
    case = _case_for_action(request, reference)
    return _run(
        request,
        case,
        "The proposal has been returned to the caseworker.",
        lambda: services.decision_return(
            actor=request.user, case=case, comment=_post(request, "comment", "")
        ),
    )


@require_POST
@office_only
def regenerate_letter(request: HttpRequest, reference: str, letter_id: int) -> HttpResponse:
    case = _case_for_action(request, reference)
    letter = get_object_or_404(Letter, pk=letter_id, case=case)
    return _run(
        request,
        case,
        "The letter is being prepared again.",
        lambda: letter_regenerate(actor=request.user, letter=letter),
    )


@office_only
def open_ex_officio(request: HttpRequest) -> HttpResponse:
    if not access.is_caseworker(None, request.user):
        raise PermissionDenied("Only a caseworker opens ex officio cases.")
    form = ExOfficioForm(form_data(request)[0])
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            model = data["model"]
            if model is None:
                provider = data["provider"] or services.provider_create(
                    actor=request.user,
                    legal_name=data["new_provider_name"],
                    country=data["new_provider_country"],
                    eu_representative=data["new_provider_representative"],
                )
                model = services.model_register(
                    actor=request.user,
                    provider=provider,
                    name=data["new_model_name"],
                    version=data["new_model_version"],
                    training_compute_flop=data["new_model_compute"],
                )
            case = services.case_open_ex_officio(
                actor=request.user,
                model=model,
                basis=data["basis"],
                alert_reference=data["alert_reference"],
                alert_date=data["alert_date"],
            )
        except services.ActionRefused as refused:
            for reason in refused.reasons:
                form.add_error(None, reason)
        except ValidationError as exc:
            for messages_ in (
                exc.message_dict.values() if hasattr(exc, "message_dict") else [exc.messages]
            ):
                for message in messages_:
                    form.add_error(None, message)
        else:
            messages.success(
                request,
                f"Case {case.reference} opened; the notice to the provider is being prepared.",
            )
            return redirect("workspace:case", reference=case.reference)
    return render(
        request, "workspace/ex_officio.html", {"form": form, "bases": ExOfficioBasis.choices}
    )


__all__ = ["GPAIModel"]


@office_only
def assessment(request: HttpRequest, reference: str) -> HttpResponse:
    """The scorecard: Annex XIII criteria, the systemic-risk taxonomy and the independent evaluation."""
    from gpai_cases.assessment.models import CRITERIA, RATINGS, RISKS, Scorecard
    from gpai_cases.documents.validation import UploadRefused

    case = access.get_case_for(request.user, reference)
    versions = list(
        Scorecard.objects.filter(case=case).select_related("saved_by", "evaluation_report")
    )
    latest = versions[0] if versions else None
    figures = assessment_services.provider_figures(case)
    if request.method == "POST":
        post = {k: _post(request, k) for k in request.POST}
        criteria = {
            key: {
                "provider_figure": figures[key],
                "finding": post.get(f"c-{key}-finding", ""),
                "rating": post.get(f"c-{key}-rating", ""),
                "note": post.get(f"c-{key}-note", ""),
            }
            for key, _ in CRITERIA
        }
        risks = {
            key: {
                "relevant": post.get(f"r-{key}-relevant") == "on",
                "note": post.get(f"r-{key}-note", ""),
            }
            for key, _ in RISKS
        }
        try:
            report = None
            if request.FILES.get("evaluation_report"):
                report = services.document_add(
                    actor=request.user,
                    case=case,
                    uploaded_file=request.FILES["evaluation_report"],
                    title="Independent evaluation report",
                    kind="report",
                )
            scorecard = assessment_services.scorecard_save(
                actor=request.user,
                case=case,
                criteria=criteria,
                risks=risks,
                evaluator=post.get("evaluator", ""),
                evaluation_method=post.get("evaluation_method", ""),
                evaluation_result=post.get("evaluation_result", ""),
                evaluation_report=report or (latest.evaluation_report if latest else None),
            )
        except (services.ActionRefused, UploadRefused) as refused:
            for reason in getattr(refused, "reasons", [str(refused)]):
                messages.error(request, reason)
        else:
            messages.success(request, f"Scorecard saved as version {scorecard.version}.")
            return redirect("workspace:assessment", reference=case.reference)
    rows = [
        {
            "key": key,
            "label": label,
            "figure": figures[key],
            **((latest.criteria.get(key, {})) if latest else {}),
        }
        for key, label in CRITERIA
    ]
    risk_rows = [
        {"key": key, "label": label, **((latest.risks.get(key, {})) if latest else {})}
        for key, label in RISKS
    ]
    return render(
        request,
        "workspace/assessment.html",
        {
            "case": case,
            "rows": rows,
            "risk_rows": risk_rows,
            "ratings": RATINGS,
            "latest": latest,
            "versions": versions,
            "editable": access.is_caseworker(case, request.user)
            and case.state == State.UNDER_ASSESSMENT,
        },
    )
