"""Which events of a case call for a letter: the procedure records what happened
(:func:`gpai_cases.cases.audit.record`), and this module requests the letter in the same
transaction. One letter per event (``trigger_key``), so a retried event never sends two."""

from __future__ import annotations

from typing import Any

from gpai_cases.cases.audit import Action
from gpai_cases.cases.models import CaseEvent, Decision, InformationRequest, RequestKind

from .models import LetterKind
from .receipts import RECEIPTS
from .services import letter_request

LETTER_KIND_FOR_DECISION = {
    "designate": LetterKind.DECISION,
    "not_designate": LetterKind.DECISION,
    "maintain": LetterKind.REASSESSMENT_OUTCOME,
    "revoke": LetterKind.REASSESSMENT_OUTCOME,
    "not_reassessed": LetterKind.REASSESSMENT_OUTCOME,
}


def extension_trigger_key(kind: str, extension_id: int) -> str:
    """The letter on a decision about an extension names it (the letter shows that one)."""
    return f"{kind}:{extension_id}"


def extension_of(trigger_key: str) -> int | None:
    """The extension a letter of :func:`extension_trigger_key` is about."""
    _kind, _, pk = trigger_key.partition(":")
    return int(pk) if pk.isdigit() else None


def on_event(sender: Any, event: CaseEvent, **kwargs: Any) -> None:
    case, p = event.case, event.payload
    match event.action:
        case Action.SUBMITTED:
            letter_request(
                actor=event.actor,
                case=case,
                kind=LetterKind.ACKNOWLEDGEMENT,
                trigger_key=f"acknowledgement:{case.pk}",
            )
        case Action.OPENED_EX_OFFICIO:
            letter_request(
                actor=event.actor,
                case=case,
                kind=LetterKind.EX_OFFICIO_NOTICE,
                trigger_key=f"ex_officio_notice:{case.pk}",
            )
        case Action.REASSESSMENT_OPENED:
            letter_request(
                actor=event.actor,
                case=case,
                kind=LetterKind.REASSESSMENT_NOTICE,
                trigger_key=f"reassessment_notice:{case.pk}",
            )
        case Action.INFORMATION_REQUESTED:
            letter_request(
                actor=event.actor,
                case=case,
                kind=(
                    LetterKind.HEARING
                    if p.get("kind") == RequestKind.HEARING
                    else LetterKind.INFORMATION_REQUEST
                ),
                trigger_key=f"information_request:{p['request']}",
                information_request=InformationRequest.objects.get(pk=p["request"]),
            )
        case Action.REQUEST_WITHDRAWN:
            letter_request(
                actor=event.actor,
                case=case,
                kind=LetterKind.REQUEST_WITHDRAWN,
                trigger_key=f"request_withdrawn:{p['request']}",
                information_request=InformationRequest.objects.get(pk=p["request"]),
            )
        case Action.DUE_DATE_EXTENDED | Action.EXTENSION_REFUSED:
            kind = (
                LetterKind.DUE_DATE_EXTENDED
                if event.action == Action.DUE_DATE_EXTENDED
                else LetterKind.EXTENSION_REFUSED
            )
            letter_request(
                actor=event.actor,
                case=case,
                kind=kind,
                trigger_key=extension_trigger_key(kind, p["extension"]),
                information_request=InformationRequest.objects.get(pk=p["request"]),
            )
        case Action.NOTIFICATION_CORRECTED:
            letter_request(
                actor=event.actor,
                case=case,
                kind=LetterKind.CORRECTION_RECEIPT,
                trigger_key=f"correction_receipt:{p['correction']}",
            )
        case Action.MODEL_REPORT_FILED:
            letter_request(
                actor=event.actor,
                case=case,
                kind=LetterKind.MODEL_REPORT_RECEIPT,
                trigger_key=f"{RECEIPTS[LetterKind.MODEL_REPORT_RECEIPT]}:{p['report']}",
            )
        case Action.INCIDENT_REPORTED | Action.INCIDENT_REPORT_FILED:
            letter_request(
                actor=event.actor,
                case=case,
                kind=LetterKind.INCIDENT_RECEIPT,
                trigger_key=f"{RECEIPTS[LetterKind.INCIDENT_RECEIPT]}:{p['report']}",
            )
        case Action.CLAIM_FILED | Action.DOCUMENT_UPLOADED if p.get("supplementary"):
            what = "claim" if event.action == Action.CLAIM_FILED else "document"
            letter_request(
                actor=event.actor,
                case=case,
                kind=LetterKind.SUPPLEMENTARY_RECEIPT,
                trigger_key=f"supplementary_{what}:{p[what]}",
            )
        case Action.DECISION_APPROVED:
            letter_request(
                actor=event.actor,
                case=case,
                kind=LETTER_KIND_FOR_DECISION[p["outcome"]],
                trigger_key=f"decision:{p['decision']}",
                decision=Decision.objects.get(pk=p["decision"]),
            )
