"""Model reports of designated models: the first before placing on the market, then each update,
versioned; when the next one is due (docs/rules.md § model-reports)."""

from __future__ import annotations

from typing import Any

from django.db.models import Max

from gpai_cases.cases import audit
from gpai_cases.cases.audit import Action
from gpai_cases.cases.deadlines import ComputedDate
from gpai_cases.cases.models import Designation

from .. import access, dates, rules
from ..models import ModelReport, ReportKind
from .base import checked_upload, holidays_around, refuse_if, refused_on_conflict, store_file, today
from .periods import MODEL_REPORT_FIRST, MODEL_REPORT_UPDATE, period

__all__ = ["model_report_file", "report_due"]


def report_due(
    designation: Designation, last: ModelReport | None
) -> tuple[ComputedDate, str] | tuple[None, str]:
    """When the next model report of a designation is due, and which (``first``/``update``);
    nothing once the designation has ended."""
    if designation.ended_on is not None:
        return None, ""
    if last is None:
        first = period(MODEL_REPORT_FIRST)
        market = designation.model.eu_market_date
        due = dates.first_model_report_due(
            designation.decided_on,
            market_date=market,
            period=first.as_kwargs,
            citation=first.citation,
            holidays=holidays_around(designation.decided_on, market),
        )
        return due, ReportKind.FIRST
    update = period(MODEL_REPORT_UPDATE)
    due = dates.model_report_update_due(
        last.filed_on,
        period=update.as_kwargs,
        citation=update.citation,
        holidays=holidays_around(last.filed_on),
    )
    return due, ReportKind.UPDATE


def latest_report(model: Any) -> ModelReport | None:
    return ModelReport.objects.filter(model=model).order_by("-version").first()


def model_report_file(
    *,
    actor: Any,
    designation: Designation,
    summary: str,
    uploaded_file: Any,
    update_reason: str = "",
) -> ModelReport:
    """File the model's report: version 1 is its first report, each later one an update."""
    access.require(access.may_file_model_report, actor, designation)
    is_update = latest_report(designation.model) is not None
    refuse_if(
        rules.model_report_blockers(
            designation,
            summary=summary,
            has_file=uploaded_file is not None,
            is_update=is_update,
            update_reason=update_reason,
        )
    )
    checked = checked_upload(uploaded_file)
    with refused_on_conflict("Someone filed a report at the same moment; reload the page."):
        designation = (
            Designation.objects.select_for_update(of=("self",))
            .select_related("model__provider", "case")
            .get(pk=designation.pk)
        )
        refuse_if(rules.designation_blockers(designation))
        last = latest_report(designation.model)
        due, kind = report_due(designation, last)
        number = (
            ModelReport.objects.filter(model=designation.model).aggregate(n=Max("version"))["n"]
            or 0
        ) + 1
        stored = store_file(
            actor=actor,
            provider=designation.model.provider,
            uploaded_file=uploaded_file,
            checked=checked,
        )
        report = ModelReport.objects.create(
            model=designation.model,
            designation=designation,
            case=designation.case,
            version=number,
            kind=kind,
            summary=summary.strip(),
            update_reason=update_reason.strip() if last else "",
            file=stored,
            filed_on=today(),
            filed_by=actor,
            due_date=due.value if due else None,
            due_rule=due.rule if due else "",
        )
        audit.record(
            case=designation.case,
            actor=actor,
            action=Action.MODEL_REPORT_FILED,
            payload={
                "report": report.pk,
                "version": number,
                "kind": kind,
                "sha256": stored.sha256,
                "late": report.late,
            },
        )
    return report
