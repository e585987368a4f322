"""The receipts of what a provider files after designation (gpai_cases.obligations): a model
report, and each report on a serious incident. The letter's ``trigger_key`` names the report
(``incident_report:42``), one letter each; this module finds it again for the letter's context."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from gpai_cases.cases import deadlines
from gpai_cases.cases.models import Claim
from gpai_cases.documents.models import Document
from gpai_cases.obligations.models import IncidentReport, ModelReport

from .models import Letter, LetterKind

#: The first part of the trigger key of each receipt: ``<prefix>:<report pk>``.
RECEIPTS = {
    LetterKind.MODEL_REPORT_RECEIPT: "model_report",
    LetterKind.INCIDENT_RECEIPT: "incident_report",
    LetterKind.SUPPLEMENTARY_RECEIPT: "supplementary",
}


def supplementary_context(letter: Letter) -> dict[str, Any]:
    """A supplementary filing after submission: a claim (with its documents) or a document,
    each with its SHA-256 (``supplementary_claim:<pk>``, ``supplementary_document:<pk>``)."""
    what, _, pk = letter.trigger_key.partition(":")
    if what == "supplementary_claim":
        claim = Claim.all_objects.prefetch_related("documents").get(pk=int(pk), case=letter.case)
        return {
            "claim": claim,
            "documents": list(claim.documents.all()),
            "filed_at": timezone.localtime(claim.filed_at),
        }
    document = Document.all_objects.get(pk=int(pk), case=letter.case)
    return {"documents": [document], "filed_at": timezone.localtime(document.uploaded_at)}


def receipt_context(letter: Letter) -> dict[str, Any]:
    if letter.kind == LetterKind.SUPPLEMENTARY_RECEIPT:
        return supplementary_context(letter)
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
