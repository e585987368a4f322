"""The six-step notification wizard: drafts are saved after every step and resume where they were left."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms as django_forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gpai_cases.cases import deadlines, facts, rules, services
from gpai_cases.cases.models import (
    Kind,
    State,
)
from gpai_cases.core.forms import form_data
from gpai_cases.documents.validation import UploadRefused
from gpai_cases.providers import compute

from .. import forms
from .base import case_for, model_for, provider_only

STEPS = [
    ("trigger", gettext_lazy("When the threshold was met")),
    ("compute", gettext_lazy("Training compute")),
    ("details", gettext_lazy("Model details")),
    ("evidence", gettext_lazy("Evidence")),
    ("arguments", gettext_lazy("Arguments (optional)")),
    ("review", gettext_lazy("Review and submit")),
]
STEP_NAMES = [name for name, _label in STEPS]


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
    model = model_for(request, model_id)
    form = forms.TriggerForm(form_data(request)[0])
    if request.method == "POST" and form.is_valid():
        try:
            case = services.case_create_notification(
                actor=request.user, model=model, wizard_step="compute", **form.cleaned_data
            )
        except services.ActionRefused as refused:
            for reason in refused.reasons:
                form.add_error(None, reason)
        else:
            messages.success(
                request,
                _("Draft %(reference)s saved. The notification %(due)s.")
                % {
                    "reference": case.reference,
                    "due": deadlines.due_in_words(
                        case.notification.notification_due, timezone.localdate()
                    ),
                },
            )
            return redirect("portal:wizard", reference=case.reference, step="compute")
    return render(
        request,
        "portal/wizard_trigger.html",
        {
            "form": form,
            "model": model,
            "steps": STEPS,
            "step": "trigger",
            "step_index": 1,
            # one case per model (docs/rules.md § one-case-per-model): shown before anything is typed
            "blockers": rules.notify_blockers(model),
        },
    )


@provider_only
def wizard(request: HttpRequest, reference: str, step: str) -> HttpResponse:
    if step not in STEP_NAMES:
        raise Http404("No such step.")
    case = case_for(request, reference)
    if case.kind != Kind.NOTIFICATION:
        raise Http404("Not a notification.")
    if case.state != State.DRAFT:
        messages.info(
            request, _("This notification has been submitted; it can no longer be edited.")
        )
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
                **{k: _readable(k, v) for k, v in (n.compute_inputs or {}).items()},
            }
            form = forms.ComputeForm(post, initial=initial)
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
                        request,
                        _("Uploaded “%(title)s”. SHA-256: %(sha256)s")
                        % {"title": document.title, "sha256": document.sha256},
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
                messages.success(request, _("Claim added."))
                return redirect("portal:wizard", reference=case.reference, step="arguments")
        elif step == "review":
            context["blockers"] = rules.submit_blockers(case, today=timezone.localdate())
            form = django_forms.Form(post)  # carries the refusals of the submission, if any
            if post is not None:
                services.case_submit(actor=request.user, case=case)
                messages.success(
                    request,
                    _(
                        "Notification %(reference)s submitted. The acknowledgement of receipt is "
                        "being prepared."
                    )
                    % {"reference": case.reference},
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
            # the ±30 % check and the straddle warning (docs/rules.md § compute)
            "compute_check": facts.compute_check_shown(case),
            "documents": case.documents.order_by("uploaded_at"),
            "claims": case.claims.prefetch_related("documents"),
            "notification": case.notification,
        }
    )
    return render(request, f"portal/wizard_{step}.html", context)


def _saved(request: HttpRequest, case: Any, next_step: str) -> HttpResponse:
    messages.success(request, _("Saved. You can leave and come back to this draft at any time."))
    return redirect("portal:wizard", reference=case.reference, step=next_step)


@provider_only
def submitted(request: HttpRequest, reference: str) -> HttpResponse:
    case = case_for(request, reference)
    return render(request, "portal/submitted.html", {"case": case})


# ---- the provider's case page --------------------------------------------------------------------


_BIG_INPUTS = ("parameters", "training_tokens", "peak_flops_per_accelerator")


def _readable(key: str, value: object) -> object:
    """A stored estimate input as people write it: "4 × 10^11", not "4E+11"; others unchanged."""
    if key in _BIG_INPUTS and isinstance(value, str):
        try:
            return compute.format_flop(Decimal(value))
        except (InvalidOperation, ValueError):
            return value
    return value
