"""The provider portal: organisation, models, the notification wizard, case pages, answers to
requests, withdrawal and reassessment. Every view is scoped by the access rules; every change goes
through the service layer."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from functools import wraps
from typing import Any

from django import forms as django_forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from gpai_cases.cases import access, deadlines, rules, services
from gpai_cases.cases.models import (
    CaseEvent,
    Claim,
    Designation,
    InformationRequest,
    Kind,
    RequestStatus,
    State,
)
from gpai_cases.core.forms import form_data
from gpai_cases.core.fragments import cached_fragment
from gpai_cases.core.links import url_filler
from gpai_cases.documents.validation import UploadRefused
from gpai_cases.letters.models import Letter
from gpai_cases.providers import compute
from gpai_cases.providers.models import GPAIModel, Provider

from . import forms

STEPS = [
    ("trigger", "When the threshold was met"),
    ("compute", "Training compute"),
    ("details", "Model details"),
    ("evidence", "Evidence"),
    ("arguments", "Arguments (optional)"),
    ("review", "Review and submit"),
]
STEP_NAMES = [s for s, _ in STEPS]

NEXT = {
    State.DRAFT: "This is a draft: nothing has been sent to the AI Office yet. Complete it and submit it.",
    State.SUBMITTED: "The AI Office has received your filing. A caseworker will check it and may ask you for "
    "more information.",
    State.UNDER_ASSESSMENT: "A caseworker is assessing the case. Answer any request for information by its due "
    "date; before an adverse decision you will receive the draft decision and may comment on it.",
    State.DECISION_PROPOSED: "A decision has been proposed and is being reviewed by a head of unit.",
    State.DECIDED: "The case has been decided. The decision letter is below.",
    State.WITHDRAWN: "You withdrew this case.",
}


def provider_only(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not request.user.is_provider_member:
            raise PermissionDenied(
                "The portal is for providers; the AI Office works in the workspace."
            )
        return view(request, *args, **kwargs)

    return wrapper


def _provider(request: HttpRequest) -> Provider:
    provider = access.providers_visible_to(request.user).first()
    if provider is None:
        raise PermissionDenied(
            "Your account is not a member of any provider; contact the AI Office."
        )
    return provider


@provider_only
def home(request: HttpRequest) -> HttpResponse:
    provider = _provider(request)

    def context() -> dict[str, Any]:
        models = (
            access.models_visible_to(request.user)
            .filter(provider=provider)
            .prefetch_related(
                Prefetch(
                    "designations",
                    queryset=Designation.objects.filter(ended_on__isnull=True),
                    to_attr="active_designations",
                )
            )
            .order_by("name", "version")
        )
        cases = (
            access.cases_visible_to(request.user)
            .select_related("model", "notification")
            .order_by("-created_at")[:100]
        )
        case_url, wizard_url = url_filler("portal:case", str), url_filler("portal:wizard", str, str)
        edit_url, notify_url = (
            url_filler("portal:model_edit", int),
            url_filler("portal:notify", int),
        )
        reassessment_url = url_filler("portal:reassessment", int)
        cases = list(cases)
        for c in cases:
            c.url = case_url(c.reference)
            n = getattr(c, "notification", None)
            c.wizard_url = wizard_url(c.reference, (n and n.wizard_step) or "trigger")
        models = list(models)
        for m in models:
            m.edit_url, m.notify_url = edit_url(m.pk), notify_url(m.pk)
            for d in m.active_designations:
                d.reassessment_url = reassessment_url(d.pk)
        return {
            "provider": provider,
            "members": provider.memberships.select_related("user").order_by("user__email"),
            "models": models,
            "cases": cases,
            "threshold": Decimal(str(settings.GPAI_THRESHOLD_FLOP)),
        }

    body = cached_fragment(
        request,
        "portal/_home_body.html",
        (request.user.pk, provider.pk, timezone.localdate()),
        context,
    )
    return render(request, "portal/home.html", {"body": body, "provider_name": provider.legal_name})


def _model_for(request: HttpRequest, pk: int) -> GPAIModel:
    model = access.models_visible_to(request.user).select_related("provider").filter(pk=pk).first()
    if model is None:
        raise Http404("No such model.")
    return model


@provider_only
def model_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    provider = _provider(request)
    instance = _model_for(request, pk) if pk else None
    form = forms.ModelForm(form_data(request)[0], instance=instance)
    threshold_note = None
    if request.method == "POST" and form.is_valid():
        fields = {k: v for k, v in form.cleaned_data.items()}
        try:
            if instance is None:
                model = services.model_register(actor=request.user, provider=provider, **fields)
            else:
                model = services.model_update(actor=request.user, model=instance, **fields)
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                for e in errors:
                    form.add_error(field if field in form.fields else None, e)
        else:
            shown = (
                compute.format_flop(model.training_compute_flop)
                if model.training_compute_flop
                else "not declared"
            )
            above = "above" if model.above_threshold else "not above"
            messages.success(
                request,
                f"Saved {model}. Training compute {shown} FLOP: {above} the threshold of 10^25.",
            )
            return redirect("portal:home")
    if (
        form.is_bound
        and form.is_valid() is False
        and form.cleaned_data.get("training_compute_flop")
    ):
        value = form.cleaned_data["training_compute_flop"]
        threshold_note = f"{compute.format_flop(value)} FLOP is {'above' if compute.above_threshold(value) else 'not above'} the threshold."
    return render(
        request,
        "portal/model_form.html",
        {"form": form, "model": instance, "threshold_note": threshold_note},
    )


# ---- the notification wizard ------------------------------------------------------------------------


def _case(request: HttpRequest, reference: str):
    return access.get_case_for(
        request.user,
        reference,
        access.cases_visible_to(request.user).select_related("model__provider", "notification"),
    )


def _wizard_context(case: Any, step: str) -> dict[str, Any]:
    today = timezone.localdate()
    n = case.notification
    return {
        "case": case,
        "steps": STEPS,
        "step": step,
        "step_index": STEP_NAMES.index(step) + 1,
        "due_words": deadlines.due_in_words(n.notification_due, today)
        if n.notification_due
        else "",
        "open_source_late": (
            case.model.release_mode == "open_source"
            and case.model.planned_release_date
            and deadlines.open_source_notified_after_release(case.model.planned_release_date, today)
        ),
    }


def _next_step(step: str) -> str:
    return STEP_NAMES[min(STEP_NAMES.index(step) + 1, len(STEP_NAMES) - 1)]


@provider_only
def notify_start(request: HttpRequest, model_id: int) -> HttpResponse:
    model = _model_for(request, model_id)
    form = forms.TriggerForm(form_data(request)[0])
    if request.method == "POST" and form.is_valid():
        case = services.case_create_notification(
            actor=request.user, model=model, wizard_step="compute", **form.cleaned_data
        )
        messages.success(
            request,
            f"Draft {case.reference} saved. It is {deadlines.due_in_words(case.notification.notification_due, timezone.localdate())}.",
        )
        return redirect("portal:wizard", reference=case.reference, step="compute")
    return render(
        request,
        "portal/wizard_trigger.html",
        {"form": form, "model": model, "steps": STEPS, "step": "trigger", "step_index": 1},
    )


@provider_only
def wizard(request: HttpRequest, reference: str, step: str) -> HttpResponse:
    if step not in STEP_NAMES:
        raise Http404("No such step.")
    case = _case(request, reference)
    if case.kind != Kind.NOTIFICATION:
        raise Http404("Not a notification.")
    if case.state != State.DRAFT:
        messages.info(request, "This notification has been submitted; it can no longer be edited.")
        return redirect("portal:case", reference=case.reference)
    n = case.notification
    context = _wizard_context(case, step)
    form: Any = None
    post = request.POST if request.method == "POST" else None
    try:
        if step == "trigger":
            form = forms.TriggerForm(
                post, initial={"trigger_type": n.trigger_type, "trigger_date": n.trigger_date}
            )
            if post is not None and form.is_valid():
                services.notification_update(
                    actor=request.user, case=case, wizard_step="compute", **form.cleaned_data
                )
                return _saved(request, case, "compute")
        elif step == "compute":
            initial = {
                "compute_flop": compute.format_flop(n.compute_flop) if n.compute_flop else "",
                "compute_method": n.compute_method,
                **(n.compute_inputs or {}),
            }
            form = forms.ComputeForm(post, initial=initial)
            context["estimates"] = _estimates(n.compute_inputs or {}, n.compute_flop, case.model)
            if post is not None and form.is_valid():
                services.notification_update(
                    actor=request.user,
                    case=case,
                    wizard_step="details",
                    compute_flop=form.cleaned_data["compute_flop"],
                    compute_method=form.cleaned_data["compute_method"],
                    compute_inputs=form.inputs(),
                )
                return _saved(request, case, "details")
        elif step == "details":
            form = forms.DetailsForm(
                post, initial={f: getattr(n, f) for f in forms.DetailsForm.base_fields}
            )
            if post is not None and form.is_valid():
                services.notification_update(
                    actor=request.user, case=case, wizard_step="evidence", **form.cleaned_data
                )
                return _saved(request, case, "evidence")
        elif step == "evidence":
            form = forms.UploadForm(post, request.FILES or None)
            if post is not None and "next" in post:
                services.notification_update(actor=request.user, case=case, wizard_step="arguments")
                return _saved(request, case, "arguments")
            if post is not None and form.is_valid():
                try:
                    document = services.document_add(
                        actor=request.user,
                        case=case,
                        uploaded_file=form.cleaned_data["file"],
                        title=form.cleaned_data["title"],
                    )
                except UploadRefused as refused:
                    form.add_error("file", str(refused))
                else:
                    messages.success(
                        request, f"Uploaded “{document.title}”. SHA-256: {document.sha256}"
                    )
                    return redirect("portal:wizard", reference=case.reference, step="evidence")
        elif step == "arguments":
            documents = list(case.documents.order_by("uploaded_at"))
            form = forms.ClaimForm(post, documents=documents)
            if post is not None and "next" in post:
                services.notification_update(actor=request.user, case=case, wizard_step="review")
                return _saved(request, case, "review")
            if post is not None and form.is_valid():
                services.claims_file(
                    actor=request.user,
                    case=case,
                    claims=[
                        {
                            "text": form.cleaned_data["text"],
                            "basis": form.cleaned_data["basis"],
                            "documents": [int(d) for d in form.cleaned_data["documents"]],
                        }
                    ],
                )
                messages.success(request, "Claim added.")
                return redirect("portal:wizard", reference=case.reference, step="arguments")
        elif step == "review":
            context["blockers"] = rules.submit_blockers(case, today=timezone.localdate())
            form = django_forms.Form(post)  # carries the refusals of the submission, if any
            if post is not None:
                services.case_submit(actor=request.user, case=case)
                messages.success(
                    request,
                    f"Notification {case.reference} submitted. The acknowledgement of receipt is being prepared.",
                )
                return redirect("portal:submitted", reference=case.reference)
    except services.ActionRefused as refused:
        target = form if form is not None else None
        for reason in refused.reasons:
            if target is not None:
                target.add_error(None, reason)
            else:
                messages.error(request, reason)
    case.refresh_from_db()
    context.update(
        {
            "form": form,
            "documents": case.documents.order_by("uploaded_at"),
            "claims": case.claims.prefetch_related("documents"),
            "notification": case.notification,
        }
    )
    return render(request, f"portal/wizard_{step}.html", context)


def _saved(request: HttpRequest, case: Any, next_step: str) -> HttpResponse:
    messages.success(request, "Saved. You can leave and come back to this draft at any time.")
    return redirect("portal:wizard", reference=case.reference, step=next_step)


def _estimates(
    inputs: dict[str, Any], declared: Decimal | None, model: GPAIModel
) -> list[dict[str, Any]]:
    rows = []
    try:
        if all(
            k in inputs
            for k in ("accelerators", "peak_flops_per_accelerator", "utilisation", "training_hours")
        ):
            value = compute.hardware_estimate(
                accelerators=int(inputs["accelerators"]),
                peak_flops_per_accelerator=Decimal(inputs["peak_flops_per_accelerator"]),
                utilisation=Decimal(inputs["utilisation"]),
                training_hours=Decimal(inputs["training_hours"]),
            )
            rows.append(
                ("Hardware-based: accelerators × peak FLOP/s × utilisation × hours × 3600", value)
            )
        params = inputs.get("parameters") or model.parameter_count
        tokens = inputs.get("training_tokens") or model.training_tokens
        if params and tokens:
            rows.append(
                (
                    "Architecture-based: 6 × parameters × tokens",
                    compute.architecture_estimate(
                        parameters=Decimal(str(params)), training_tokens=Decimal(str(tokens))
                    ),
                )
            )
    except (ArithmeticError, ValueError, TypeError):
        return []
    return [
        {
            "label": label,
            "value": compute.format_flop(v),
            "mismatch": bool(declared and compute.estimate_mismatch(declared, v)),
        }
        for label, v in rows
    ]


@provider_only
def submitted(request: HttpRequest, reference: str) -> HttpResponse:
    case = _case(request, reference)
    return render(request, "portal/submitted.html", {"case": case})


# ---- the provider's case page --------------------------------------------------------------------


@provider_only
def case_view(request: HttpRequest, reference: str) -> HttpResponse:
    qs = (
        access.cases_visible_to(request.user)
        .select_related("model__provider", "notification", "designation")
        .prefetch_related(
            Prefetch("events", queryset=CaseEvent.objects.order_by("at", "pk")),
            Prefetch(
                "information_requests",
                queryset=InformationRequest.objects.order_by("created_at", "pk"),
            ),
            Prefetch("claims", queryset=Claim.objects.prefetch_related("documents")),
            Prefetch(
                "letters", queryset=Letter.objects.select_related("document").order_by("sequence")
            ),
            "documents",
        )
    )
    case = access.get_case_for(request.user, reference, qs)
    today = timezone.localdate()
    return render(
        request,
        "portal/case.html",
        {
            "case": case,
            "next": NEXT[State(case.state)],
            "today": today,
            "response_form": forms.ResponseForm(),
            "upload_form": forms.UploadForm(),
            "claim_form": forms.ClaimForm(documents=list(case.documents.all())),
            "can_add": case.state in (State.SUBMITTED, State.UNDER_ASSESSMENT)
            and case.kind == Kind.NOTIFICATION,
            "can_withdraw": not rules.withdraw_blockers(case, reason="x"),
            "open_requests": [
                r for r in case.information_requests.all() if r.status == RequestStatus.OPEN
            ],
        },
    )


@provider_only
def respond(request: HttpRequest, reference: str, request_id: int) -> HttpResponse:
    case = _case(request, reference)
    rfi = InformationRequest.objects.filter(case=case, pk=request_id).first()
    if rfi is None:
        raise Http404("No such request.")
    form = forms.ResponseForm(*form_data(request))
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                documents = []
                if form.cleaned_data.get("file"):
                    documents.append(
                        services.document_add(
                            actor=request.user,
                            case=case,
                            uploaded_file=form.cleaned_data["file"],
                            title=f"Response to request {rfi.pk}",
                            kind="response",
                        )
                    )
                services.information_request_answer(
                    actor=request.user,
                    request=rfi,
                    response=form.cleaned_data["response"],
                    documents=documents,
                )
        except UploadRefused as refused:
            form.add_error("file", str(refused))
        except services.ActionRefused as refused:
            for reason in refused.reasons:
                form.add_error(None, reason)
        else:
            messages.success(request, "Your answer has been sent to the AI Office.")
            return redirect("portal:case", reference=case.reference)
    return render(request, "portal/respond.html", {"case": case, "rfi": rfi, "form": form})


@provider_only
def add_supplementary(request: HttpRequest, reference: str) -> HttpResponse:
    """After submission: evidence or claims, accepted as supplementary (outside Art 52(2))."""
    case = _case(request, reference)
    if request.method != "POST":
        return redirect("portal:case", reference=case.reference)
    try:
        if "file" in request.FILES:
            form = forms.UploadForm(request.POST, request.FILES)
            if form.is_valid():
                services.document_add(
                    actor=request.user,
                    case=case,
                    uploaded_file=form.cleaned_data["file"],
                    title=form.cleaned_data["title"],
                )
                messages.success(
                    request,
                    "Supplementary evidence added; it is dated and flagged as filed after submission.",
                )
            else:
                for errors in form.errors.values():
                    for e in errors:
                        messages.error(request, e)
        else:
            form = forms.ClaimForm(request.POST, documents=list(case.documents.all()))
            if form.is_valid():
                services.claims_file(
                    actor=request.user,
                    case=case,
                    claims=[
                        {
                            "text": form.cleaned_data["text"],
                            "basis": form.cleaned_data["basis"],
                            "documents": [int(d) for d in form.cleaned_data["documents"]],
                        }
                    ],
                )
                messages.success(
                    request,
                    "Supplementary claim added; it is dated and flagged as outside Art 52(2).",
                )
            else:
                for field, errors in form.errors.items():
                    for e in errors:
                        messages.error(
                            request,
                            f"{form.fields[field].label if field in form.fields else ''} {e}".strip(),
                        )
    except UploadRefused as refused:
        messages.error(request, str(refused))
    except services.ActionRefused as refused:
        for reason in refused.reasons:
            messages.error(request, reason)
    return redirect("portal:case", reference=case.reference)


@provider_only
def withdraw(request: HttpRequest, reference: str) -> HttpResponse:
    case = _case(request, reference)
    form = forms.WithdrawForm(form_data(request)[0])
    if request.method == "POST" and form.is_valid():
        try:
            services.case_withdraw(
                actor=request.user, case=case, reason=form.cleaned_data["reason"]
            )
        except services.ActionRefused as refused:
            for reason in refused.reasons:
                form.add_error(None, reason)
        else:
            messages.success(request, f"Case {case.reference} has been withdrawn.")
            return redirect("portal:case", reference=case.reference)
    return render(request, "portal/withdraw.html", {"case": case, "form": form})


# ---- reassessment --------------------------------------------------------------------------------


@provider_only
def reassessment(request: HttpRequest, designation_id: int) -> HttpResponse:
    designation = (
        access.designations_visible_to(request.user)
        .select_related("model")
        .filter(pk=designation_id)
        .first()
    )
    if designation is None:
        raise Http404("No such designation.")
    today = timezone.localdate()
    blockers = rules.reassessment_blockers(designation, today=today)
    form = forms.ReassessmentForm(*form_data(request))
    if request.method == "POST" and not blockers and form.is_valid():
        try:
            with transaction.atomic():  # all or nothing: no half-filed request is left behind
                case = services.case_create_reassessment(
                    actor=request.user,
                    designation=designation,
                    reasons=form.cleaned_data["reasons"],
                )
                services.document_add(
                    actor=request.user,
                    case=case,
                    uploaded_file=form.cleaned_data["file"],
                    title="Reasons for reassessment",
                    kind="reasons",
                )
                services.case_submit(actor=request.user, case=case)
        except UploadRefused as refused:
            form.add_error("file", str(refused))
        except services.ActionRefused as refused:
            for reason in refused.reasons:
                form.add_error(None, reason)
        else:
            messages.success(request, f"Your request {case.reference} has been submitted.")
            return redirect("portal:case", reference=case.reference)
    return render(
        request,
        "portal/reassessment.html",
        {
            "designation": designation,
            "blockers": blockers,
            "form": form,
            "earliest": deadlines.format_day_long(designation.reassessment_earliest),
        },
    )


__all__ = ["Designation", "reverse"]
