"""The receipts of what a provider files after designation (gpai_cases.obligations): a model
report, and each report on a serious incident. The letter's ``trigger_key`` names the report
(``incident_report:42``), one letter each; this module finds it again for the letter's context."""

from __future__ import annotations

from typing import Any

from gpai_cases.cases import deadlines
from gpai_cases.obligations.models import IncidentReport, ModelReport

from .models import Letter, LetterKind

#: The first part of the trigger key of each receipt: ``<prefix>:<report pk>``.
RECEIPTS = {
    LetterKind.MODEL_REPORT_RECEIPT: "model_report",
    LetterKind.INCIDENT_RECEIPT: "incident_report",
}


def receipt_context(letter: Letter) -> dict[str, Any]:
    pk = int(letter.trigger_key.rsplit(":", 1)[1])
    if letter.kind == LetterKind.MODEL_REPORT_RECEIPT:
        report = ModelReport.objects.select_related("file").get(pk=pk)
        return {"report": report, "filed": deadlines.format_day_long(report.filed_on)}
    report = IncidentReport.objects.select_related("incident__kind", "file").get(pk=pk)
    return {
        "report": report,
        "incident": report.incident,
        "filed": deadlines.format_day_long(report.filed_on),
        "aware": deadlines.format_day_long(report.incident.aware_on),
    }
