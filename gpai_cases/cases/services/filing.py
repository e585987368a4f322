"""What a provider files: the notification (drafted step by step), a reassessment request, the
documents and the rebuttal arguments (docs/rules.md § notification-duty, § arguments)."""

from __future__ import annotations

import hashlib
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gpai_cases.documents.models import Document, DocumentKind, Visibility
from gpai_cases.documents.validation import (
    SNIFF_BYTES,
    clean_filename,
    refuse_too_large,
    sniff,
)
from gpai_cases.providers.compute import parse_flop
from gpai_cases.providers.models import GPAIModel

from .. import access, audit, rules
from ..audit import Action
from ..models import Case, Claim, Designation, InformationRequest, Kind, Notification, State
from .base import lock, next_reference, refresh_next_deadline, refuse_if, today
from .dates import compute_notification_due

__all__ = [
    "NOTIFICATION_FIELDS",
    "case_create_notification",
    "case_create_reassessment",
    "claim_remove",
    "claim_replace",
    "claims_file",
    "document_add",
    "document_remove",
    "notification_update",
    "reassessment_draft_update",
]

NOTIFICATION_FIELDS = (
    "trigger_type",
    "trigger_date",
    "compute_flop",
    "compute_method",
    "compute_inputs",
    "architecture_description",
    "modalities_description",
    "intended_uses",
    "cover_letter",
    "wizard_step",
)


def _apply_notification_fields(notification: Notification, fields: dict[str, Any]) -> list[str]:
    unknown = set(fields) - set(NOTIFICATION_FIELDS)
    if unknown:
        raise TypeError(f"Unknown notification fields: {', '.join(sorted(unknown))}")
    if "trigger_date" in fields:
        refuse_if(rules.trigger_date_problems(fields["trigger_date"], today=today()))
    changed = []
    for name, value in fields.items():
        if name == "compute_flop" and value is not None and not isinstance(value, Decimal):
            value = parse_flop(value)
        if getattr(notification, name) != value:
            setattr(notification, name, value)
            changed.append(name)
    if "trigger_date" in changed:
        compute_notification_due(notification)
    return changed


def case_create_notification(*, actor: Any, model: GPAIModel, **fields: Any) -> Case:
    """Start a draft notification; refused while the model has an open notification or ex
    officio case, or an active designation (docs/rules.md § one-case-per-model)."""
    access.require(access.may_notify, actor, model)
    with transaction.atomic():
        # the model's row is the lock two notifications started at the same moment queue on
        model = GPAIModel.objects.select_for_update().select_related("provider").get(pk=model.pk)
        refuse_if(rules.notify_blockers(model))
        case = Case.objects.create(
            reference=next_reference(today()),
            kind=Kind.NOTIFICATION,
            model=model,
            created_by=actor,
        )
        notification = Notification(case=case)
        _apply_notification_fields(notification, fields)
        notification.save()
        audit.record(
            case=case,
            actor=actor,
            action=Action.CREATED,
            to_state=State.DRAFT,
            payload={"kind": Kind.NOTIFICATION},
        )
        refresh_next_deadline(case)
    return case


def notification_update(*, actor: Any, case: Case, **fields: Any) -> Notification:
    """Save a draft notification (the wizard saves after every step)."""
    access.require(access.may_edit_filing, actor, case)
    with transaction.atomic():
        case = lock(case)
        refuse_if(
            rules.state_blocker(case, (State.DRAFT,), _("You cannot change the notification"))
        )
        notification = case.notification
        changed = _apply_notification_fields(notification, fields)
        if changed:
            notification.save()
            if changed != ["wizard_step"]:
                audit.record(
                    case=case,
                    actor=actor,
                    action=Action.UPDATED,
                    payload={"fields": [c for c in changed if c != "wizard_step"]},
                )
        refresh_next_deadline(case)
    return notification


def case_create_reassessment(*, actor: Any, designation: Designation, reasons: str = "") -> Case:
    access.require(access.may_request_reassessment, actor, designation)
    with transaction.atomic():
        refuse_if(rules.reassessment_create_blockers(designation))
        case = Case.objects.create(
            reference=next_reference(today()),
            kind=Kind.REASSESSMENT,
            model=designation.model,
            designation=designation,
            reasons=reasons,
            created_by=actor,
        )
        audit.record(
            case=case,
            actor=actor,
            action=Action.CREATED,
            to_state=State.DRAFT,
            payload={"kind": Kind.REASSESSMENT, "designation": designation.pk},
        )
    return case


def reassessment_draft_update(*, actor: Any, case: Case, reasons: str) -> Case:
    """The provider continues its own draft request for reassessment: new reasons replace the
    draft's (recorded), so the reassessment page can complete and submit it."""
    access.require(access.may_edit_filing, actor, case)
    with transaction.atomic():
        case = lock(case)
        refuse_if(rules.state_blocker(case, (State.DRAFT,), _("You cannot change the request")))
        if reasons.strip() and reasons != case.reasons:
            case.reasons = reasons
            case.save(update_fields=["reasons"])
            audit.record(
                case=case, actor=actor, action=Action.UPDATED, payload={"fields": ["reasons"]}
            )
    return case


def document_add(
    *,
    actor: Any,
    case: Case,
    uploaded_file: UploadedFile,
    title: str = "",
    kind: str = DocumentKind.EVIDENCE,
    information_request: InformationRequest | None = None,
    replaces: Document | None = None,
    visibility: str | None = None,
) -> Document:
    """Store an upload after checking its content; refuse with ``UploadRefused`` in plain words.

    ``replaces``: a document of the draft this one replaces (docs/rules.md § facts-as-filed): the
    old one is removed from the draft (kept, and recorded), the claims citing it cite the new one.
    What the provider files is shared; what the AI Office attaches is internal unless said
    otherwise (docs/rules.md § confidentiality).
    """
    access.require(access.may_add_document, actor, case)
    provider_side = access.files_for_provider(actor, case)
    case = Case.objects.select_related("model").get(pk=case.pk)
    refuse_if(rules.document_add_blockers(case, provider_side=provider_side))
    if replaces is not None:
        access.require(access.may_edit_filing, actor, case)
        same_case = {replaces.pk} if replaces.case_id == case.pk else set()
        refuse_if(rules.unknown_documents(case, {replaces.pk}, same_case))
        refuse_if(rules.document_remove_blockers(replaces))
    name = clean_filename(uploaded_file.name or "upload")
    size = uploaded_file.size or 0
    refuse_too_large(name, size, settings.GPAI_UPLOAD_MAX_BYTES)
    uploaded_file.seek(0)
    head = uploaded_file.read(SNIFF_BYTES)
    sniffed = sniff(name, head, stream=uploaded_file.file, size=size)
    uploaded_file.seek(0)
    digest = hashlib.sha256()
    for chunk in uploaded_file.chunks():
        digest.update(chunk)
    uploaded_file.seek(0)
    with transaction.atomic():
        if replaces is not None:
            case = lock(case)
            replaces = Document.all_objects.select_related("case").get(pk=replaces.pk)
            refuse_if(rules.document_remove_blockers(replaces))
        document = Document(
            case=case,
            kind=kind,
            title=(title or name).strip()[:300],
            original_name=name,
            sha256=digest.hexdigest(),
            size=size,
            content_type=sniffed.content_type,
            uploaded_by=actor,
            supplementary=provider_side
            and case.state != State.DRAFT
            and kind == DocumentKind.EVIDENCE,
            information_request=information_request,
            replaces=replaces,
            visibility=visibility or (Visibility.SHARED if provider_side else Visibility.INTERNAL),
        )
        document.file.save(name, uploaded_file, save=False)
        try:
            document.save()
            audit.record(
                case=case,
                actor=actor,
                action=Action.DOCUMENT_UPLOADED,
                payload={
                    "document": document.pk,
                    "sha256": document.sha256,
                    "title": document.title,
                    "supplementary": document.supplementary,
                    **({"replaces": replaces.pk} if replaces is not None else {}),
                },
            )
            if replaces is not None:
                for claim in replaces.claims.all():
                    claim.documents.add(document)
                _remove_document(actor, replaces, replaced_by=document)
        except Exception:
            document.file.delete(save=False)
            raise
    return document


def claims_file(*, actor: Any, case: Case, claims: list[dict[str, Any]]) -> list[Claim]:
    """File rebuttal arguments (Art 52(2)); after submission they are supplementary
    (docs/rules.md § arguments)."""
    access.require(access.may_file_arguments, actor, case)
    refuse_if(rules.claims_blockers(case, claims=claims))
    doc_ids = {d for c in claims for d in c.get("documents", [])}
    documents = {d.pk: d for d in Document.objects.filter(case=case, pk__in=doc_ids)}
    refuse_if(rules.unknown_documents(case, doc_ids, set(documents)))
    created = []
    with transaction.atomic():
        case = lock(case)
        refuse_if(rules.claims_blockers(case))
        supplementary = case.state != State.DRAFT
        for c in claims:
            claim = Claim.objects.create(
                case=case,
                text=c["text"].strip(),
                basis=c["basis"],
                supplementary=supplementary,
                filed_by=actor,
            )
            claim.documents.set([documents[d] for d in c.get("documents", [])])
            audit.record(
                case=case,
                actor=actor,
                action=Action.CLAIM_FILED,
                payload={"claim": claim.pk, "basis": claim.basis, "supplementary": supplementary},
            )
            created.append(claim)
    return created


def _remove_document(actor: Any, document: Document, *, replaced_by: Document | None) -> None:
    """Mark a draft's document removed (the row and the file stay) and record what it was."""
    removed = Document.all_objects.filter(pk=document.pk, removed_at__isnull=True).update(
        removed_at=timezone.now(), removed_by=actor
    )
    if not removed:  # removed by someone else in the meantime
        refuse_if(rules.document_remove_blockers(Document.all_objects.get(pk=document.pk)))
    audit.record(
        case=document.case,
        actor=actor,
        action=Action.DOCUMENT_REMOVED,
        payload={
            "document": document.pk,
            "sha256": document.sha256,
            "title": document.title,
            "kind": document.kind,
            "original_name": document.original_name,
            **({"replaced_by": replaced_by.pk} if replaced_by is not None else {}),
        },
    )


def document_remove(*, actor: Any, document: Document) -> Document:
    """Remove a document from a draft: it stays stored and in the audit trail, but is no part of
    the filing (nor of the acknowledgement) any more (docs/rules.md § facts-as-filed)."""
    access.require(access.may_edit_filing, actor, document.case)
    with transaction.atomic():
        lock(document.case)
        document = Document.all_objects.select_related("case").get(pk=document.pk)
        refuse_if(rules.document_remove_blockers(document))
        _remove_document(actor, document, replaced_by=None)
    return Document.all_objects.get(pk=document.pk)


def _remove_claim(actor: Any, claim: Claim, *, replaced_by: Claim | None) -> None:
    removed = Claim.all_objects.filter(pk=claim.pk, removed_at__isnull=True).update(
        removed_at=timezone.now(), removed_by=actor
    )
    if not removed:
        refuse_if(rules.claim_remove_blockers(Claim.all_objects.get(pk=claim.pk)))
    audit.record(
        case=claim.case,
        actor=actor,
        action=Action.CLAIM_REMOVED,
        payload={
            "claim": claim.pk,
            "text": claim.text,
            "basis": claim.basis,
            "documents": sorted(d.pk for d in claim.documents.all()),
            **({"replaced_by": replaced_by.pk} if replaced_by is not None else {}),
        },
    )


def claim_remove(*, actor: Any, claim: Claim) -> Claim:
    """Remove a claim from a draft (kept, and recorded with what it said)."""
    access.require(access.may_file_arguments, actor, claim.case)
    with transaction.atomic():
        lock(claim.case)
        claim = Claim.all_objects.select_related("case").get(pk=claim.pk)
        refuse_if(rules.claim_remove_blockers(claim))
        _remove_claim(actor, claim, replaced_by=None)
    return Claim.all_objects.get(pk=claim.pk)


def claim_replace(
    *, actor: Any, claim: Claim, text: str, basis: str, documents: list[int] | None = None
) -> Claim:
    """Replace a draft's claim by a corrected one: the old one is removed (kept, recorded)."""
    access.require(access.may_file_arguments, actor, claim.case)
    refuse_if(rules.claim_remove_blockers(claim))
    with transaction.atomic():
        lock(claim.case)
        old = Claim.all_objects.select_related("case").get(pk=claim.pk)
        refuse_if(rules.claim_remove_blockers(old))
        (new,) = claims_file(
            actor=actor,
            case=old.case,
            claims=[{"text": text, "basis": basis, "documents": documents or []}],
        )
        _remove_claim(actor, old, replaced_by=new)
    return new
