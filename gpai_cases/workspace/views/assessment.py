"""The assessment scorecard: Annex XIII criteria, the systemic-risk taxonomy and the independent evaluation."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from gpai_cases.assessment import services as assessment_services
from gpai_cases.cases import access, services

from .base import office_only, posted


@office_only
def assessment(request: HttpRequest, reference: str) -> HttpResponse:
    """The scorecard: Annex XIII criteria, the systemic-risk taxonomy and the independent evaluation."""
    from gpai_cases.assessment.models import CRITERIA, RATINGS, RISKS, Scorecard
    from gpai_cases.assessment.rules import scorecard_blockers
    from gpai_cases.documents.validation import UploadRefused

    case = access.get_case_for(request.user, reference)
    versions = list(
        Scorecard.objects.filter(case=case).select_related("saved_by", "evaluation_report")
    )
    latest = versions[0] if versions else None
    figures = assessment_services.provider_figures(case)
    if request.method == "POST":
        post = {k: posted(request, k) for k in request.POST}
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
            "editable": access.may_assess(request.user, case) and not scorecard_blockers(case),
        },
    )
