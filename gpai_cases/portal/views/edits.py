"""What the provider changes in what it filed (docs/rules.md § facts-as-filed): a draft's
documents and claims removed or replaced before submission (each after a confirmation), and
dated corrections of a submitted notification."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from gpai_cases.cases import access, facts, rules, services
from gpai_cases.cases.models import Case, Claim, TriggerType
from gpai_cases.core.forms import form_data
from gpai_cases.documents.models import Document
from gpai_cases.documents.validation import UploadRefused

from .. import forms
from .base import case_for, provider_only


def _document(request: HttpRequest, case: Case, document_id: int) -> Document:
    return access.get_document_of(request.user, case, document_id)


def _claim(case: Case, claim_id: int) -> Claim:
    claim = Claim.objects.filter(case=case, pk=claim_id).select_related("case").first()
    if claim is None:
        raise Http404("No such claim in this case.")
    return claim


def _back_url(case: Case, step: str) -> str:
    if case.kind == "notification":
        return reverse("portal:wizard", args=[case.reference, step])
    return reverse("portal:case", args=[case.reference])


def _back(case: Case, step: str) -> HttpResponse:
    return redirect(_back_url(case, step))


def _refused(request: HttpRequest, refused: services.ActionRefused, form: Any = None) -> None:
    for reason in refused.reasons:
        if form is not None:
            form.add_error(None, reason)
        else:
            messages.error(request, reason)


@provider_only
def document_remove(request: HttpRequest, reference: str, document_id: int) -> HttpResponse:
    """Confirm, then remove a draft's document (kept, and in the audit trail)."""
    case = case_for(request, reference)
    document = _document(request, case, document_id)
    access.require(access.may_edit_filing, request.user, case)
    blockers = rules.document_remove_blockers(document)
    if request.method == "POST" and not blockers:
        try:
            services.document_remove(actor=request.user, document=document)
        except services.ActionRefused as refused:
            _refused(request, refused)
        else:
            messages.success(
                request,
                _(
                    "“%(title)s” removed from the draft. It stays in the audit trail but is "
                    "not part of your notification."
                )
                % {"title": document.title},
            )
            return _back(case, "evidence")
    return render(
        request,
        "portal/confirm_remove.html",
        {
            "case": case,
            "what": _("the document “%(title)s”") % {"title": document.title},
            "detail": f"{document.original_name}, SHA-256 {document.sha256}",
            "blockers": blockers,
            "back_url": _back_url(case, "evidence"),
        },
    )


@provider_only
def document_replace(request: HttpRequest, reference: str, document_id: int) -> HttpResponse:
    """Upload a new version of a draft's document: the old one is removed (kept)."""
    case = case_for(request, reference)
    document = _document(request, case, document_id)
    access.require(access.may_edit_filing, request.user, case)
    blockers = rules.document_remove_blockers(document)
    form = forms.UploadForm(*form_data(request), initial={"title": document.title})
    if request.method == "POST" and not blockers and form.is_valid():
        try:
            new = services.document_add(
                actor=request.user,
                case=case,
                uploaded_file=form.cleaned_data["file"],
                title=form.cleaned_data["title"] or document.title,
                kind=document.kind,
                replaces=document,
            )
        except UploadRefused as refused:
            form.add_error("file", str(refused))
        except services.ActionRefused as refused:
            _refused(request, refused, form)
        else:
            messages.success(
                request,
                _("“%(old)s” replaced by “%(new)s”. SHA-256: %(sha256)s")
                % {"old": document.title, "new": new.title, "sha256": new.sha256},
            )
            return _back(case, "evidence")
    return render(
        request,
        "portal/replace_document.html",
        {
            "case": case,
            "document": document,
            "form": form,
            "blockers": blockers,
            "back_url": _back_url(case, "evidence"),
        },
    )


@provider_only
def claim_remove(request: HttpRequest, reference: str, claim_id: int) -> HttpResponse:
    """Confirm, then remove a draft's claim (kept, and in the audit trail)."""
    case = case_for(request, reference)
    claim = _claim(case, claim_id)
    access.require(access.may_file_arguments, request.user, case)
    blockers = rules.claim_remove_blockers(claim)
    if request.method == "POST" and not blockers:
        try:
            services.claim_remove(actor=request.user, claim=claim)
        except services.ActionRefused as refused:
            _refused(request, refused)
        else:
            messages.success(
                request, _("Claim removed from the draft; it stays in the audit trail.")
            )
            return _back(case, "arguments")
    return render(
        request,
        "portal/confirm_remove.html",
        {
            "case": case,
            "what": _("this claim"),
            "detail": f"{claim.get_basis_display()}: {claim.text[:300]}",
            "blockers": blockers,
            "back_url": _back_url(case, "arguments"),
        },
    )


@provider_only
def claim_replace(request: HttpRequest, reference: str, claim_id: int) -> HttpResponse:
    """Correct a draft's claim: the corrected claim replaces it (the old one is kept)."""
    case = case_for(request, reference)
    claim = _claim(case, claim_id)
    access.require(access.may_file_arguments, request.user, case)
    blockers = rules.claim_remove_blockers(claim)
    documents = list(case.documents.order_by("uploaded_at"))
    form = forms.ClaimForm(
        form_data(request)[0],
        documents=documents,
        initial={
            "text": claim.text,
            "basis": claim.basis,
            "documents": [str(d.pk) for d in claim.documents.all()],
        },
    )
    if request.method == "POST" and not blockers and form.is_valid():
        try:
            services.claim_replace(
                actor=request.user,
                claim=claim,
                text=form.cleaned_data["text"],
                basis=form.cleaned_data["basis"],
                documents=[int(d) for d in form.cleaned_data["documents"]],
            )
        except services.ActionRefused as refused:
            _refused(request, refused, form)
        else:
            messages.success(
                request, _("Claim replaced; the earlier wording stays in the audit trail.")
            )
            return _back(case, "arguments")
    return render(
        request,
        "portal/replace_claim.html",
        {
            "case": case,
            "claim": claim,
            "form": form,
            "blockers": blockers,
            "back_url": _back_url(case, "arguments"),
        },
    )


@provider_only
def correct(request: HttpRequest, reference: str) -> HttpResponse:
    """File a dated correction of a submitted notification, with its reason and evidence."""
    case = case_for(request, reference)
    access.require(access.may_correct_notification, request.user, case)
    blockers = rules.correction_blockers(case)
    n = getattr(case, "notification", None)
    will_be_met = bool(n and n.trigger_type == TriggerType.WILL_BE_MET and not n.met_confirmed_on)
    form = forms.CorrectionForm(*form_data(request), will_be_met=will_be_met)
    if request.method == "POST" and not blockers and form.is_valid():
        data = form.cleaned_data
        try:
            with transaction.atomic():  # all or nothing: no evidence left without its correction
                evidence = services.document_add(
                    actor=request.user,
                    case=case,
                    uploaded_file=data["file"],
                    title=data["title"] or _("Evidence for the correction"),
                )
                services.notification_correct(
                    actor=request.user,
                    case=case,
                    reason=data["reason"],
                    documents=[evidence],
                    compute_flop=data.get("compute_flop"),
                    compute_method=data.get("compute_method") or "",
                    compute_inputs=form.inputs(),
                    trigger_date=data.get("trigger_date"),
                    confirms_met=bool(data.get("confirms_met")),
                    met_on=data.get("met_on"),
                )
        except UploadRefused as refused:
            form.add_error("file", str(refused))
        except services.ActionRefused as refused:
            _refused(request, refused, form)
        else:
            messages.success(
                request,
                _(
                    "Your correction has been filed; the receipt is being prepared. Your "
                    "notification as first filed stays on record beside it."
                ),
            )
            return redirect("portal:case", reference=case.reference)
    return render(
        request,
        "portal/correct.html",
        {
            "case": case,
            "form": form,
            "blockers": blockers,
            "facts": facts.case_facts(case),
            "compute_check": facts.compute_check_shown(case),
            "today": timezone.localdate(),
        },
    )
