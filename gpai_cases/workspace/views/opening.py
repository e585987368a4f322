"""Opening a case of the Commission's own motion (ex officio) or after a panel alert."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext

from gpai_cases.cases import access, rules, services
from gpai_cases.cases.models import (
    ExOfficioBasis,
)
from gpai_cases.core.forms import form_data
from gpai_cases.obligations.timeline import citation_lines, with_citations

from ..forms import ExOfficioForm, ReassessmentOpenForm
from .base import office_only


@office_only
def open_ex_officio(request: HttpRequest) -> HttpResponse:
    access.require(access.may_open_ex_officio, request.user)
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
                gettext(
                    "Case {reference} opened; the notice to the provider is being prepared."
                ).format(reference=case.reference),
            )
            return redirect("workspace:case", reference=case.reference)
    return render(
        request, "workspace/ex_officio.html", {"form": form, "bases": ExOfficioBasis.choices}
    )


@office_only
def open_reassessment(request: HttpRequest, pk: int) -> HttpResponse:
    """Reassess a designation in force of the Commission's own motion (docs/rules.md
    § reassessment)."""
    access.require(access.may_open_reassessment, request.user)
    designation = get_object_or_404(
        access.designations_visible_to(request.user).select_related("model__provider", "case"),
        pk=pk,
    )
    blockers = rules.open_reassessment_blockers(designation)
    # entries of the model's timeline cited (workspace:model): the reasons start from them
    cited = citation_lines(designation.model, request.GET.getlist("cite"), user=request.user)
    initial = {"reasons": with_citations("", cited)} if cited else {}
    form = ReassessmentOpenForm(form_data(request)[0], initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            case = services.reassessment_open(
                actor=request.user, designation=designation, reasons=form.cleaned_data["reasons"]
            )
        except services.ActionRefused as refused:
            for reason in refused.reasons:
                form.add_error(None, reason)
        else:
            messages.success(
                request,
                gettext(
                    "Reassessment {reference} opened; the notice and the request for the "
                    "provider's observations are being prepared."
                ).format(reference=case.reference),
            )
            return redirect("workspace:case", reference=case.reference)
    return render(
        request,
        "workspace/reassess.html",
        {"designation": designation, "form": form, "blockers": blockers},
    )
