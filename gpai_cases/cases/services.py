"""Everything that changes a case goes through these functions: views and the API both call them.

Each function takes keyword arguments, checks the actor's role (``PermissionDenied``) and the
guards of :mod:`.rules` (``ActionRefused`` with the reasons in words), and writes the change and
its audit event in one transaction, with the case row locked so that concurrent users cannot both
act on the same state.
"""

from __future__ import annotations

import datetime
import hashlib
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django_fsm import ConcurrentTransition

from gpai_cases.core import freshness
from gpai_cases.documents.models import Document, DocumentKind
from gpai_cases.documents.validation import SNIFF_BYTES, UploadRefused, clean_filename, sniff
from gpai_cases.letters.models import LetterKind
from gpai_cases.letters.services import LETTER_KIND_FOR_DECISION, letter_request
from gpai_cases.providers.compute import parse_flop
from gpai_cases.providers.models import GPAIModel, Provider

from . import access, deadlines, rules
from .audit import Action, record
from .calendar import holidays_around
from .models import (
    Case,
    Claim,
    ClaimBasis,
    ClaimReview,
    ClockStop,
    Decision,
    DecisionStatus,
    Designation,
    DesignationBasis,
    ExOfficioBasis,
    InformationRequest,
    Kind,
    Notification,
    Outcome,
    ReferenceSequence,
    RequestKind,
    RequestStatus,
    State,
)

__all__ = [
    "ActionRefused",
    "case_assign",
    "case_create_notification",
    "case_create_reassessment",
    "case_open_ex_officio",
    "case_submit",
    "case_take_up",
    "case_withdraw",
    "claim_review",
    "claims_file",
    "dates_recompute",
    "decision_approve",
    "decision_propose",
    "decision_return",
    "document_add",
    "information_request_answer",
    "information_request_send",
    "model_register",
    "model_update",
    "notification_update",
    "provider_create",
]


class ActionRefused(Exception):
    """The action is not possible now; ``reasons`` say why in plain words (HTTP 409)."""

    def __init__(self, reasons: list[str], **extra: Any) -> None:
        self.reasons = reasons
        self.extra = extra
        super().__init__(" ".join(reasons))


def _refuse_if(reasons: list[str], **extra: Any) -> None:
    if reasons:
        raise ActionRefused(reasons, **extra)


def _require(allowed: bool, message: str) -> None:
    if not allowed:
        raise PermissionDenied(message)


def role_allows(case: Case, transition_name: str, user: Any) -> bool:
    """Whether the user's role may run this transition (the ``permission=`` of its decorator)."""
    meta = getattr(Case, transition_name)._django_fsm
    return any(t.has_perm(case, user) for t in meta.transitions.values())


def _lock(case: Case) -> Case:
    """Re-read the case with its row locked for the rest of the transaction."""
    return (
        Case.objects.select_for_update(of=("self",))
        .select_related("model__provider")
        .get(pk=case.pk)
    )


def _today() -> datetime.date:
    return timezone.localdate()


def _next_reference(today: datetime.date) -> str:
    year = today.year
    ReferenceSequence.objects.get_or_create(year=year)
    ReferenceSequence.objects.filter(year=year).update(last=F("last") + 1)
    number = ReferenceSequence.objects.get(year=year).last
    return f"GPAI-{year}-{number:04d}"


def _set_state_time(case: Case) -> None:
    case.state_changed_at = timezone.now()


def refresh_next_deadline(case: Case) -> None:
    """Store the case's next deadline (queue sorting, overdue filter); call after any change."""
    due, kind = rules.next_deadline(case, target_days=settings.GPAI_ASSESSMENT_TARGET_DAYS)
    if (case.next_deadline, case.next_deadline_kind) != (due, kind):
        Case.objects.filter(pk=case.pk).update(next_deadline=due, next_deadline_kind=kind)
        freshness.changed(cases=[case.pk])  # QuerySet.update sends no signal
        case.next_deadline, case.next_deadline_kind = due, kind


def _save_transition(case: Case) -> None:
    try:
        case.save()
    except ConcurrentTransition as exc:
        raise ActionRefused(
            ["Someone else changed this case at the same moment; reload it."]
        ) from exc


# ---- providers and models -----------------------------------------------------------------


def provider_create(*, actor: Any, legal_name: str, country: str, **fields: Any) -> Provider:
    _require(
        access.may_register_providers(actor), "Only caseworkers and admins register providers."
    )
    provider = Provider(legal_name=legal_name.strip(), country=country.upper(), **fields)
    provider.full_clean()
    provider.save()
    return provider


BIG_NUMBER_FIELDS = ("parameter_count", "training_compute_flop", "training_tokens")


def _model_fields(fields: dict[str, Any]) -> dict[str, Any]:
    """Parse large numbers given as text (3.2e25, 3.2×10^25) and store them as whole numbers."""
    for name in BIG_NUMBER_FIELDS:
        value = fields.get(name)
        if value is None or value == "":
            fields[name] = None
            continue
        if not isinstance(value, Decimal):
            value = parse_flop(value)
        fields[name] = Decimal(int(value.to_integral_value()))
    return fields


def model_register(*, actor: Any, provider: Provider, **fields: Any) -> GPAIModel:
    _require(
        access.may_manage_models(actor, provider), "You may not register models for this provider."
    )
    model = GPAIModel(provider=provider, **_model_fields(fields))
    model.full_clean()
    model.save()
    return model


def model_update(*, actor: Any, model: GPAIModel, **fields: Any) -> GPAIModel:
    _require(access.may_manage_models(actor, model.provider), "You may not edit this model.")
    for name, value in _model_fields(fields).items():
        setattr(model, name, value)
    model.full_clean()
    model.save()
    return model


# ---- filing ------------------------------------------------------------------------------------


def _compute_notification_due(notification: Notification) -> None:
    if notification.trigger_date is None:
        notification.notification_due = None
        notification.notification_due_rule = ""
        return
    due = deadlines.notification_due(
        notification.trigger_date, holidays_around(notification.trigger_date)
    )
    notification.notification_due = due.value
    notification.notification_due_rule = due.rule


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
        _refuse_if(rules.trigger_date_problems(fields["trigger_date"], today=_today()))
    changed = []
    for name, value in fields.items():
        if name == "compute_flop" and value is not None and not isinstance(value, Decimal):
            value = parse_flop(value)
        if getattr(notification, name) != value:
            setattr(notification, name, value)
            changed.append(name)
    if "trigger_date" in changed:
        _compute_notification_due(notification)
    return changed


def case_create_notification(*, actor: Any, model: GPAIModel, **fields: Any) -> Case:
    _require(
        access.is_member_of(actor, model.provider_id),
        "Only a member of the model's provider may notify it.",
    )
    with transaction.atomic():
        case = Case.objects.create(
            reference=_next_reference(_today()),
            kind=Kind.NOTIFICATION,
            model=model,
            created_by=actor,
        )
        notification = Notification(case=case)
        _apply_notification_fields(notification, fields)
        notification.save()
        record(
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
    _require(
        access.may_act_for_provider(case, actor), "Only the provider may edit its notification."
    )
    with transaction.atomic():
        case = _lock(case)
        _refuse_if(rules.state_blocker(case, (State.DRAFT,), "change the notification"))
        notification = case.notification
        changed = _apply_notification_fields(notification, fields)
        if changed:
            notification.save()
            if changed != ["wizard_step"]:
                record(
                    case=case,
                    actor=actor,
                    action=Action.UPDATED,
                    payload={"fields": [c for c in changed if c != "wizard_step"]},
                )
        refresh_next_deadline(case)
    return notification


def case_create_reassessment(*, actor: Any, designation: Designation, reasons: str = "") -> Case:
    _require(
        access.is_member_of(actor, designation.model.provider_id),
        "Only a member of the model's provider may request a reassessment.",
    )
    with transaction.atomic():
        if not designation.active:
            raise ActionRefused(["This designation has ended; there is nothing to reassess."])
        case = Case.objects.create(
            reference=_next_reference(_today()),
            kind=Kind.REASSESSMENT,
            model=designation.model,
            designation=designation,
            reasons=reasons,
            created_by=actor,
        )
        record(
            case=case,
            actor=actor,
            action=Action.CREATED,
            to_state=State.DRAFT,
            payload={"kind": Kind.REASSESSMENT, "designation": designation.pk},
        )
    return case


def case_open_ex_officio(
    *,
    actor: Any,
    model: GPAIModel,
    basis: str,
    alert_reference: str = "",
    alert_date: datetime.date | None = None,
) -> Case:
    _require(access.is_caseworker(None, actor), "Only a caseworker may open an ex officio case.")
    reasons = []
    if basis not in ExOfficioBasis.values:
        reasons.append("Choose the basis: ex officio or a qualified alert of the scientific panel.")
    if basis == ExOfficioBasis.SCIENTIFIC_PANEL_ALERT and not alert_reference.strip():
        reasons.append("Give the reference of the scientific panel's alert.")
    reasons += rules.alert_date_problems(alert_date, today=_today())
    if model.designations.filter(ended_on__isnull=True).exists():
        reasons.append("This model is already designated.")
    _refuse_if(reasons)
    with transaction.atomic():
        case = Case.objects.create(
            reference=_next_reference(_today()),
            kind=Kind.EX_OFFICIO,
            state=State.UNDER_ASSESSMENT,
            model=model,
            basis=basis,
            alert_reference=alert_reference.strip(),
            alert_date=alert_date,
            assignee=actor,
            assessment_started_on=_today(),
            created_by=actor,
        )
        record(
            case=case,
            actor=actor,
            action=Action.OPENED_EX_OFFICIO,
            to_state=State.UNDER_ASSESSMENT,
            payload={"basis": basis, "alert_reference": case.alert_reference},
        )
        letter_request(
            case=case, kind=LetterKind.EX_OFFICIO_NOTICE, trigger_key=f"ex_officio_notice:{case.pk}"
        )
        refresh_next_deadline(case)
    return case


def document_add(
    *,
    actor: Any,
    case: Case,
    uploaded_file: UploadedFile,
    title: str = "",
    kind: str = DocumentKind.EVIDENCE,
    information_request: InformationRequest | None = None,
) -> Document:
    """Store an upload after checking its content; refuse with ``UploadRefused`` in plain words."""
    provider_side = access.may_act_for_provider(case, actor)
    _require(provider_side or access.is_caseworker(case, actor), "You may not add documents here.")
    case = Case.objects.select_related("model").get(pk=case.pk)
    if provider_side:
        _refuse_if(
            rules.state_blocker(
                case,
                (State.DRAFT, State.SUBMITTED, State.UNDER_ASSESSMENT, State.DECISION_PROPOSED),
                "add documents",
            )
        )
    name = clean_filename(uploaded_file.name or "upload")
    size = uploaded_file.size or 0
    if size > settings.GPAI_UPLOAD_MAX_BYTES:
        limit = settings.GPAI_UPLOAD_MAX_BYTES // (1024 * 1024)
        raise UploadRefused(f"“{name}” is larger than the {limit} MB limit.")
    uploaded_file.seek(0)
    head = uploaded_file.read(SNIFF_BYTES)
    sniffed = sniff(name, head, stream=uploaded_file.file, size=size)
    uploaded_file.seek(0)
    digest = hashlib.sha256()
    for chunk in uploaded_file.chunks():
        digest.update(chunk)
    uploaded_file.seek(0)
    with transaction.atomic():
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
        )
        document.file.save(name, uploaded_file, save=False)
        try:
            document.save()
            record(
                case=case,
                actor=actor,
                action=Action.DOCUMENT_UPLOADED,
                payload={
                    "document": document.pk,
                    "sha256": document.sha256,
                    "title": document.title,
                    "supplementary": document.supplementary,
                },
            )
        except Exception:
            document.file.delete(save=False)
            raise
    return document


def claims_file(*, actor: Any, case: Case, claims: list[dict[str, Any]]) -> list[Claim]:
    """File rebuttal arguments (Art 52(2)); after submission they are supplementary (rule 3)."""
    _require(access.may_act_for_provider(case, actor), "Only the provider files arguments.")
    reasons: list[str] = []
    if case.kind == Kind.EX_OFFICIO:
        reasons.append(
            "Arguments under Art 52(2) belong to a notification; answer the notice instead."
        )
    if not claims:
        reasons.append("Add at least one claim.")
    for i, c in enumerate(claims, start=1):
        if not str(c.get("text", "")).strip():
            reasons.append(f"Claim {i}: write the claim.")
        if c.get("basis") not in ClaimBasis.values:
            reasons.append(f"Claim {i}: choose its basis (capability, reach, mitigation or other).")
    _refuse_if(reasons)
    doc_ids = {d for c in claims for d in c.get("documents", [])}
    documents = {d.pk: d for d in Document.objects.filter(case=case, pk__in=doc_ids)}
    unknown = doc_ids - documents.keys()
    _refuse_if([f"Document {d} is not part of this case." for d in sorted(unknown)])
    created = []
    with transaction.atomic():
        case = _lock(case)
        _refuse_if(
            rules.state_blocker(
                case, (State.DRAFT, State.SUBMITTED, State.UNDER_ASSESSMENT), "file arguments"
            )
        )
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
            record(
                case=case,
                actor=actor,
                action=Action.CLAIM_FILED,
                payload={"claim": claim.pk, "basis": claim.basis, "supplementary": supplementary},
            )
            created.append(claim)
    return created


# ---- lifecycle --------------------------------------------------------------------------------


def case_submit(*, actor: Any, case: Case) -> Case:
    _require(role_allows(case, "submit", actor), "Only the provider may submit its case.")
    today = _today()
    with transaction.atomic():
        case = _lock(case)
        reasons = rules.submit_blockers(case, today=today)
        if reasons and case.kind == Kind.REASSESSMENT and case.designation_id:
            _refuse_if(reasons, earliest_date=case.designation.reassessment_earliest)
        _refuse_if(reasons)
        before = case.state
        case.submit()
        if case.kind == Kind.NOTIFICATION:
            n = case.notification
            case.late = bool(n.notification_due and deadlines.is_late(n.notification_due, today))
            case.released_before_notification = deadlines.open_source_notified_after_release(
                case.model.planned_release_date
                if case.model.release_mode == "open_source"
                else None,
                today,
            )
        _set_state_time(case)
        _save_transition(case)
        letter_request(
            case=case, kind=LetterKind.ACKNOWLEDGEMENT, trigger_key=f"acknowledgement:{case.pk}"
        )
        record(
            case=case,
            actor=actor,
            action=Action.SUBMITTED,
            from_state=before,
            to_state=case.state,
            payload={"late": case.late},
        )
        refresh_next_deadline(case)
    return case


def case_withdraw(*, actor: Any, case: Case, reason: str) -> Case:
    _require(role_allows(case, "withdraw", actor), "Only the provider may withdraw its case.")
    with transaction.atomic():
        case = _lock(case)
        _refuse_if(rules.withdraw_blockers(case, reason=reason))
        before = case.state
        case.withdraw(reason.strip())
        _set_state_time(case)
        _save_transition(case)
        record(
            case=case,
            actor=actor,
            action=Action.WITHDRAWN,
            from_state=before,
            to_state=case.state,
            payload={"reason": reason.strip()},
        )
        refresh_next_deadline(case)
    return case


def case_take_up(*, actor: Any, case: Case) -> Case:
    _require(role_allows(case, "take_up", actor), "Only a caseworker may take up a case.")
    with transaction.atomic():
        case = _lock(case)
        _refuse_if(rules.state_blocker(case, (State.SUBMITTED,), "take up this case"))
        before = case.state
        case.take_up(actor)
        _set_state_time(case)
        _save_transition(case)
        record(
            case=case,
            actor=actor,
            action=Action.TAKEN_UP,
            from_state=before,
            to_state=case.state,
            payload={"assignee": actor.pk},
        )
        refresh_next_deadline(case)
    return case


def case_assign(*, actor: Any, case: Case, assignee: Any, reason: str) -> Case:
    _require(access.may_assign(actor), "Only the AI Office assigns cases.")
    reasons = []
    if not access.is_caseworker(case, assignee):
        reasons.append("Cases are assigned to caseworkers.")
    if not reason.strip():
        reasons.append("Say why the case is (re)assigned.")
    _refuse_if(reasons)
    with transaction.atomic():
        case = _lock(case)
        _refuse_if([] if case.is_open else ["The case is closed."])
        previous = case.assignee_id
        case.assignee = assignee
        case.save(update_fields=["assignee"])
        record(
            case=case,
            actor=actor,
            action=Action.ASSIGNED,
            payload={"assignee": assignee.pk, "previous": previous, "reason": reason.strip()},
        )
    return case


# ---- requests for information and the assessment clock ------------------------------------------


def information_request_send(
    *,
    actor: Any,
    case: Case,
    kind: str = RequestKind.QUESTION,
    questions: list[str] | None = None,
    due_date: datetime.date | None = None,
    draft_reasoning: str = "",
    draft_outcome: str = "",
) -> InformationRequest:
    _require(access.is_caseworker(case, actor), "Only a caseworker may request information.")
    questions = [q.strip() for q in (questions or []) if q and q.strip()]
    today = _today()
    with transaction.atomic():
        case = _lock(case)
        reasons = rules.information_request_blockers(
            case, kind=kind, questions=questions, draft_reasoning=draft_reasoning
        )
        reasons += rules.request_due_date_problems(due_date, today=today)
        _refuse_if(reasons)
        if due_date is None:
            days = (
                settings.GPAI_HEARING_DEFAULT_DAYS
                if kind == RequestKind.HEARING
                else settings.GPAI_RFI_DEFAULT_DAYS
            )
            computed = deadlines.rfi_due(today, days, holidays_around(today))
            due, rule, period = computed.value, computed.rule, days
        else:
            due, rule, period = (
                due_date,
                f"Set by {actor.display_name} on {deadlines.format_day(today)}",
                None,
            )
        request = InformationRequest.objects.create(
            case=case,
            kind=kind,
            questions=questions,
            draft_reasoning=draft_reasoning.strip(),
            draft_outcome=draft_outcome,
            sent_on=today,
            due_date=due,
            due_rule=rule,
            period_days=period,
            created_by=actor,
        )
        record(
            case=case,
            actor=actor,
            action=Action.INFORMATION_REQUESTED,
            payload={"request": request.pk, "kind": kind, "due_date": due.isoformat()},
        )
        ClockStop.objects.create(
            case=case,
            information_request=request,
            started_on=today,
            reason=f"{request.get_kind_display()} sent on {deadlines.format_day(today)}",
        )
        record(case=case, actor=actor, action=Action.CLOCK_STOPPED, payload={"request": request.pk})
        letter_request(
            case=case,
            kind=LetterKind.INFORMATION_REQUEST,
            trigger_key=f"information_request:{request.pk}",
            information_request=request,
        )
        refresh_next_deadline(case)
    return request


def information_request_answer(
    *,
    actor: Any,
    request: InformationRequest,
    response: str,
    documents: list[Document] | None = None,
) -> InformationRequest:
    case = request.case
    _require(access.may_act_for_provider(case, actor), "Only the provider answers its requests.")
    documents = documents or []
    reasons = []
    if not response.strip():
        reasons.append("Write a response.")
    if any(d.case_id != case.pk for d in documents):
        reasons.append("A document attached to the response belongs to another case.")
    _refuse_if(reasons)
    today = _today()
    with transaction.atomic():
        request = InformationRequest.objects.select_for_update().get(pk=request.pk)
        if request.status != RequestStatus.OPEN:
            raise ActionRefused(["This request has already been answered."])
        request.status = RequestStatus.ANSWERED
        request.response = response.strip()
        request.responded_at = timezone.now()
        request.responded_by = actor
        request.save()
        for document in documents:
            Document.objects.filter(pk=document.pk, information_request__isnull=True).update(
                information_request=request
            )
        freshness.changed(cases=[case.pk])  # QuerySet.update sends no signal
        record(
            case=case,
            actor=actor,
            action=Action.INFORMATION_PROVIDED,
            payload={"request": request.pk, "documents": [d.pk for d in documents]},
        )
        ClockStop.objects.filter(information_request=request, ended_on__isnull=True).update(
            ended_on=today
        )
        freshness.changed(cases=[case.pk])
        record(
            case=case, actor=actor, action=Action.CLOCK_RESTARTED, payload={"request": request.pk}
        )
        refresh_next_deadline(case)
    return request


# ---- decisions ----------------------------------------------------------------------------------


def claim_review(*, actor: Any, claim: Claim, review: str, note: str) -> Claim:
    _require(access.is_caseworker(claim.case, actor), "Only a caseworker reviews arguments.")
    reasons = []
    if review not in (ClaimReview.SUBSTANTIATED, ClaimReview.NOT_SUBSTANTIATED):
        reasons.append("Mark the claim substantiated or not substantiated.")
    if not note.strip():
        reasons.append("Add a note explaining the finding.")
    reasons += rules.state_blocker(claim.case, (State.UNDER_ASSESSMENT,), "review arguments")
    _refuse_if(reasons)
    with transaction.atomic():
        claim.review, claim.review_note, claim.reviewed_by = review, note.strip(), actor
        claim.save(update_fields=["review", "review_note", "reviewed_by"])
        record(
            case=claim.case,
            actor=actor,
            action=Action.CLAIM_REVIEWED,
            payload={"claim": claim.pk, "review": review},
        )
    return claim


def decision_propose(*, actor: Any, case: Case, outcome: str, reasoning: str) -> Decision:
    _require(role_allows(case, "propose_decision", actor), "Only a caseworker proposes decisions.")
    with transaction.atomic():
        case = _lock(case)
        _refuse_if(
            rules.propose_blockers(case, outcome=outcome, reasoning=reasoning, today=_today())
        )
        before = case.state
        case.propose_decision()
        _set_state_time(case)
        _save_transition(case)
        decision = Decision.objects.create(
            case=case, outcome=outcome, reasoning=reasoning.strip(), proposed_by=actor
        )
        cited = (
            rules.claims_not_substantiated(case) if rules.rejects_arguments(case, outcome) else []
        )
        decision.cited_claims.set(cited)
        record(
            case=case,
            actor=actor,
            action=Action.DECISION_PROPOSED,
            from_state=before,
            to_state=case.state,
            payload={
                "outcome": outcome,
                "decision": decision.pk,
                "cited_claims": [c.pk for c in cited],
            },
        )
        refresh_next_deadline(case)
    return decision


def decision_return(*, actor: Any, case: Case, comment: str) -> Case:
    _require(role_allows(case, "return_proposal", actor), "Only an approver returns proposals.")
    with transaction.atomic():
        case = _lock(case)
        _refuse_if(rules.return_blockers(case, comment=comment))
        before = case.state
        case.return_proposal()
        _set_state_time(case)
        _save_transition(case)
        case.decisions.filter(status=DecisionStatus.PROPOSED).update(
            status=DecisionStatus.RETURNED, return_comment=comment.strip(), returned_by=actor
        )
        freshness.changed(cases=[case.pk])  # QuerySet.update sends no signal
        record(
            case=case,
            actor=actor,
            action=Action.DECISION_RETURNED,
            from_state=before,
            to_state=case.state,
            payload={"comment": comment.strip()},
        )
        refresh_next_deadline(case)
    return case


def _designation_basis(case: Case) -> str:
    if case.kind == Kind.EX_OFFICIO:
        return (
            DesignationBasis.SCIENTIFIC_PANEL_ALERT
            if case.basis == ExOfficioBasis.SCIENTIFIC_PANEL_ALERT
            else DesignationBasis.EX_OFFICIO
        )
    return (
        DesignationBasis.ARGUMENTS_REJECTED
        if case.claims.exists()
        else DesignationBasis.NO_ARGUMENTS
    )


def _earliest_reassessment(decided_on: datetime.date) -> deadlines.ComputedDate:
    shift = settings.GPAI_REASSESSMENT_SHIFT_TO_WORKING_DAY
    return deadlines.earliest_reassessment(
        decided_on,
        months=settings.GPAI_REASSESSMENT_MONTHS,
        shift_to_working_day=shift,
        holidays=holidays_around(decided_on, deadlines.add_months(decided_on, 6)) if shift else (),
    )


def _apply_outcome(case: Case, decision: Decision, actor: Any) -> Designation | None:
    today = decision.decided_on
    if today is None:
        raise ValueError("An outcome is applied only to an approved decision with its date.")
    if decision.outcome == Outcome.DESIGNATE:
        earliest = _earliest_reassessment(today)
        notification = getattr(case, "notification", None)
        designation = Designation.objects.create(
            model=case.model,
            case=case,
            basis=_designation_basis(case),
            decided_on=today,
            systemic_risk_since=notification.trigger_date if notification else today,
            last_decision_on=today,
            reassessment_earliest=earliest.value,
            reassessment_rule=earliest.rule,
        )
    elif decision.outcome in (Outcome.MAINTAIN, Outcome.REVOKE):
        designation = Designation.objects.select_for_update().get(pk=case.designation_id)
        if decision.outcome == Outcome.MAINTAIN:
            earliest = _earliest_reassessment(today)
            designation.last_decision_on = today
            designation.reassessment_earliest = earliest.value
            designation.reassessment_rule = earliest.rule
        else:
            designation.ended_on = today
            designation.ended_by = case
        designation.save()
    else:
        return None
    record(
        case=case,
        actor=actor,
        action=Action.DESIGNATION_CHANGED,
        payload={
            "designation": designation.pk,
            "outcome": decision.outcome,
            "reassessment_earliest": designation.reassessment_earliest.isoformat(),
            "ended_on": designation.ended_on.isoformat() if designation.ended_on else None,
        },
    )
    return designation


def decision_approve(*, actor: Any, case: Case) -> Decision:
    _require(role_allows(case, "approve", actor), "Only an approver approves decisions.")
    with transaction.atomic():
        case = _lock(case)
        _refuse_if(rules.approve_blockers(case, user=actor))
        decision = case.decisions.select_for_update().get(status=DecisionStatus.PROPOSED)
        before = case.state
        case.approve()
        _set_state_time(case)
        _save_transition(case)
        decision.status = DecisionStatus.APPROVED
        decision.approved_by = actor
        decision.decided_on = _today()
        try:
            with transaction.atomic():
                decision.save()
        except IntegrityError as exc:
            raise ActionRefused(["This case has already been decided."]) from exc
        record(
            case=case,
            actor=actor,
            action=Action.DECISION_APPROVED,
            from_state=before,
            to_state=case.state,
            payload={
                "outcome": decision.outcome,
                "decided_on": decision.decided_on.isoformat(),
                "decision": decision.pk,
            },
        )
        _apply_outcome(case, decision, actor)
        letter_request(
            case=case,
            kind=LETTER_KIND_FOR_DECISION[decision.outcome],
            trigger_key=f"decision:{decision.pk}",
            decision=decision,
        )
        refresh_next_deadline(case)
    return decision


# ---- dates that depend on the calendar ----------------------------------------------------------


def dates_recompute(*, reason: str) -> int:
    """Recompute every stored date that depends on the holiday calendar. Returns how many changed."""
    changed = 0
    with transaction.atomic():
        for n in Notification.objects.select_related("case").filter(
            trigger_date__isnull=False, case__state=State.DRAFT
        ):
            old = n.notification_due
            _compute_notification_due(n)
            if n.notification_due != old:
                n.save(update_fields=["notification_due", "notification_due_rule"])
                refresh_next_deadline(n.case)
                record(
                    case=n.case,
                    actor=None,
                    action=Action.DATES_RECOMPUTED,
                    payload={
                        "field": "notification_due",
                        "old": str(old),
                        "new": str(n.notification_due),
                        "reason": reason,
                    },
                )
                changed += 1
        for r in InformationRequest.objects.select_related("case").filter(
            status=RequestStatus.OPEN, period_days__isnull=False
        ):
            computed = deadlines.rfi_due(r.sent_on, r.period_days, holidays_around(r.sent_on))
            if computed.value != r.due_date:
                old = r.due_date
                r.due_date, r.due_rule = computed.value, computed.rule
                r.save(update_fields=["due_date", "due_rule"])
                refresh_next_deadline(r.case)
                record(
                    case=r.case,
                    actor=None,
                    action=Action.DATES_RECOMPUTED,
                    payload={
                        "field": f"request {r.pk} due_date",
                        "old": str(old),
                        "new": str(r.due_date),
                        "reason": reason,
                    },
                )
                changed += 1
        if settings.GPAI_REASSESSMENT_SHIFT_TO_WORKING_DAY:
            for d in Designation.objects.select_related("case").filter(ended_on__isnull=True):
                computed = _earliest_reassessment(d.last_decision_on)
                if computed.value != d.reassessment_earliest:
                    old = d.reassessment_earliest
                    d.reassessment_earliest, d.reassessment_rule = computed.value, computed.rule
                    d.save(update_fields=["reassessment_earliest", "reassessment_rule"])
                    record(
                        case=d.case,
                        actor=None,
                        action=Action.DATES_RECOMPUTED,
                        payload={
                            "field": "reassessment_earliest",
                            "old": str(old),
                            "new": str(computed.value),
                            "reason": reason,
                        },
                    )
                    changed += 1
    return changed
