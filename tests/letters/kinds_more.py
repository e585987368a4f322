"""More letters of each kind (see kinds.py): the letters on a request (withdrawn, extended,
extension refused) and the receipts after designation (model report, serious incident)."""

from __future__ import annotations

import datetime

from gpai_cases.cases import services
from gpai_cases.letters.models import Letter, LetterKind
from gpai_cases.obligations import seed
from gpai_cases.obligations import services as obligations

from ..conftest import pdf_upload
from .kinds import _assessing, _designated, at, latest

D = datetime.date


def _question(w):
    case = _assessing(w)
    with at(D(2026, 3, 16)):
        return services.information_request_send(
            actor=w["caseworker"], case=case, questions=["Give the training compute per phase."]
        )


def request_withdrawn(w) -> Letter:
    question = _question(w)
    with at(D(2026, 3, 18)):
        services.information_request_withdraw(
            actor=w["caseworker"], request=question, reason="Sent before the answer to another."
        )
    return latest(question.case, LetterKind.REQUEST_WITHDRAWN)


def due_date_extended(w) -> Letter:
    question = _question(w)
    with at(D(2026, 3, 18)):
        services.information_request_extend(
            actor=w["caseworker"], request=question, due_date=D(2026, 4, 10), reason="Complex."
        )
    return latest(question.case, LetterKind.DUE_DATE_EXTENDED)


def extension_refused(w) -> Letter:
    question = _question(w)
    with at(D(2026, 3, 18)):
        asked = services.extension_request(
            actor=w["member"],
            request=question,
            reason="Team away.",
            proposed_due_date=D(2026, 5, 4),
        )
    with at(D(2026, 3, 19)):
        services.extension_refuse(actor=w["caseworker"], extension=asked, note="One question only.")
    return latest(question.case, LetterKind.EXTENSION_REFUSED)


def model_report_receipt(w) -> Letter:
    seed.ensure()
    designation = _designated(w)
    with at(D(2026, 9, 20)):
        obligations.model_report_file(
            actor=w["member"],
            designation=designation,
            summary="Systemic risks assessed and mitigated.",
            uploaded_file=pdf_upload("model-report.pdf"),
        )
    return latest(designation.case, LetterKind.MODEL_REPORT_RECEIPT)


def incident_receipt(w) -> Letter:
    seed.ensure()
    designation = _designated(w)
    with at(D(2026, 10, 2)):
        obligations.incident_report(
            actor=w["member"],
            designation=designation,
            kind="death",
            aware_on=D(2026, 10, 1),
            title="A user died after following the model's advice",
            what_happened="The model gave instructions that were followed.",
            corrective_measures="The capability was withdrawn.",
        )
    return latest(designation.case, LetterKind.INCIDENT_RECEIPT)


MORE_KINDS = {
    "request_withdrawn": (
        request_withdrawn,
        "Withdrawal of a request for information",
        "Article 91",
    ),
    "due_date_extended": (due_date_extended, "Extension of a due date", "Article 91"),
    "extension_refused": (extension_refused, "Refusal of an extension", "Article 91"),
    "model_report_receipt": (
        model_report_receipt,
        "Acknowledgement of receipt of a safety and security model report",
        "Article 55",
    ),
    "incident_receipt": (
        incident_receipt,
        "Acknowledgement of receipt of a report on a serious incident",
        "Article 55(1)(c)",
    ),
}
