"""The assessment scorecard: Annex XIII criteria, the systemic-risk taxonomy and the independent
evaluation. A refused save (a refused attachment, a text over its limit) comes back with every
finding, rating and note as typed; only the file must be chosen again."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext

from gpai_cases.assessment import services as assessment_services
from gpai_cases.assessment.models import Scorecard
from gpai_cases.assessment.rules import scorecard_blockers
from gpai_cases.cases import access, services
from gpai_cases.core.forms import form_data
from gpai_cases.documents.validation import UploadRefused

from .. import forms
from .base import office_only


@office_only
def assessment(request: HttpRequest, reference: str) -> HttpResponse:
    """The scorecard: Annex XIII criteria, the systemic-risk taxonomy and the independent evaluation."""
    case = access.get_case_for(request.user, reference)
    versions = list(
        Scorecard.objects.filter(case=case).select_related("saved_by", "evaluation_report")
    )
    latest = versions[0] if versions else None
    editable = access.may_assess(request.user, case) and not scorecard_blockers(case)
    data, files = form_data(request)
    form = forms.ScorecardForm(
        data,
        files,
        initial=forms.initial_from(latest),
        figures=assessment_services.provider_figures(case),
    )
    file_refused = False
    if request.method == "POST" and form.is_valid():
        try:
            report = None
            if form.cleaned_data["evaluation_report"]:
                report = services.document_add(
                    actor=request.user,
                    case=case,
                    uploaded_file=form.cleaned_data["evaluation_report"],
                    title="Independent evaluation report",
                    kind="report",
                )
            scorecard = assessment_services.scorecard_save(
                actor=request.user,
                case=case,
                criteria=form.criteria(),
                risks=form.risks(),
                evaluator=form.cleaned_data["evaluator"],
                evaluation_method=form.cleaned_data["evaluation_method"],
                evaluation_result=form.cleaned_data["evaluation_result"],
                evaluation_report=report or (latest.evaluation_report if latest else None),
            )
        except UploadRefused as refused:
            form.add_error("evaluation_report", str(refused))
            file_refused = True
        except services.ActionRefused as refused:
            for reason in refused.reasons:
                form.add_error(None, reason)
        else:
            messages.success(
                request,
                gettext("Scorecard saved as version %(version)s.") % {"version": scorecard.version},
            )
            return redirect("workspace:assessment", reference=case.reference)
    if request.method == "POST" and form.errors and files and files.get("evaluation_report"):
        file_refused = True  # a file sent with a refused form is not kept: say so
    if not editable:
        for field in form.fields.values():
            field.disabled = True
    return render(
        request,
        "workspace/assessment.html",
        {
            "case": case,
            "form": form,
            "rows": form.rows(),
            "risk_rows": form.risk_rows(),
            "latest": latest,
            "versions": versions,
            "editable": editable,
            "file_again": forms.FILE_AGAIN if file_refused else "",
        },
    )
