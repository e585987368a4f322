"""Who sees what, and corrections the AI Office makes (docs/rules.md § confidentiality,
§ facts-as-filed): sharing an internal document with the provider, recording every read of a
document, correcting the record with its old value, new value and reason, and the provider's
confidentiality claims (Art 78)."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from gpai_cases.documents.models import Document, DocumentRead, Visibility

from .. import access, audit, rules
from ..audit import Action
from ..models import Case, ConfidentialityClaim, InformationRequest
from ..rulecodes import Rule
from .base import lock, refresh_next_deadline, refuse_if, today
from .filing import document_add

__all__ = [
    "confidentiality_claim_file",
    "document_read",
    "document_share",
    "record_correct",
]


def document_share(*, actor: Any, document: Document) -> Document:
    """Share an internal document (an evaluation report, an internal note) with the provider:
    from now on it lists, downloads and appears in the provider's timeline."""
    access.require(access.may_share_document, actor, document)
    refuse_if(rules.share_blockers(document))
    with transaction.atomic():
        case = lock(document.case)
        Document.all_objects.filter(pk=document.pk, visibility=Visibility.INTERNAL).update(
            visibility=Visibility.SHARED, shared_at=timezone.now(), shared_by=actor
        )
        audit.record(
            case=case,
            actor=actor,
            action=Action.DOCUMENT_SHARED,
            payload={"document": document.pk, "title": document.title},
        )
    return Document.all_objects.get(pk=document.pk)


def document_read(*, actor: Any, document: Document, via: str) -> Document:
    """Record that ``actor`` opens the document (the door checked it may read it)."""
    DocumentRead.objects.create(
        document=document, reader=actor, reader_role=actor.role, via=via[:20]
    )
    return document


def record_correct(
    *,
    actor: Any,
    case: Case,
    field: str,
    value: Any,
    reason: str,
    request: InformationRequest | None = None,
) -> Case:
    """Correct what the AI Office must be able to correct in a case's record — the late flag, or
    the due date of an open request — with the old value, the new value, the reason and the
    actor in the case's timeline; the dates that depend on it (the next deadline) follow."""
    access.require(access.may_correct_record, actor, case)
    day = today()
    with transaction.atomic():
        case = lock(case)
        if request is not None:
            request = InformationRequest.objects.select_for_update().get(pk=request.pk)
        refuse_if(
            rules.record_correction_blockers(
                case, field=field, value=value, reason=reason, request=request, today=day
            )
        )
        if field == "late":
            old, new = case.late, bool(value)
            Case.objects.filter(pk=case.pk).update(late=new)
            case.late, label = new, "late"
        else:
            if request is None or not isinstance(value, datetime.date):  # the guard refused it
                raise TypeError("A due date correction needs the request and a date.")
            old, new = request.due_date, value
            request.due_date = value
            request.due_rule = Rule("corrected", {"day": day.isoformat(), "reason": reason.strip()})
            request.save(update_fields=["due_date", "due_rule"])
            label = f"request {request.pk} due date"
        audit.record(
            case=case,
            actor=actor,
            action=Action.RECORD_CORRECTED,
            payload={"field": label, "old": str(old), "new": str(new), "reason": reason.strip()},
        )
        refresh_next_deadline(case)
    return case


def confidentiality_claim_file(
    *,
    actor: Any,
    case: Case,
    reason: str,
    document: Document | None = None,
    field: str = "",
    terms: str = "",
    non_confidential_file: UploadedFile | None = None,
) -> ConfidentialityClaim:
    """The provider claims a document or a field it filed as confidential business information
    (Art 78), with its reason, the words never to publish, and optionally a non-confidential
    version of the document."""
    access.require(access.may_claim_confidentiality, actor, case)
    refuse_if(
        rules.confidentiality_claim_blockers(case, document=document, field=field, reason=reason)
    )
    with transaction.atomic():
        version = None
        if non_confidential_file is not None:
            version = document_add(
                actor=actor,
                case=case,
                uploaded_file=non_confidential_file,
                title=f"Non-confidential version of {document.title if document else field}",
            )
        claim = ConfidentialityClaim.objects.create(
            case=case,
            document=document,
            field=field,
            reason=reason.strip(),
            terms="\n".join(t.strip() for t in terms.splitlines() if t.strip()),
            non_confidential_version=version,
            filed_by=actor,
        )
        audit.record(
            case=case,
            actor=actor,
            action=Action.CONFIDENTIALITY_CLAIMED,
            payload={"claim": claim.pk, "subject": claim.subject, "reason": claim.reason},
        )
    return claim
