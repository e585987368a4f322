"""The provider's case page and what it files there: answers to requests, supplementary filings, withdrawal, reassessment."""

from __future__ import annotations

from django.contrib import messages
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gpai_cases.cases import access, deadlines, facts, rules, services
from gpai_cases.cases.models import (
    OPEN_STATES,
    CaseEvent,
    Claim,
    ConfidentialityClaim,
    InformationRequest,
    Kind,
    NotificationCorrection,
    State,
)
from gpai_cases.core.forms import form_data
from gpai_cases.documents.validation import UploadRefused
from gpai_cases.letters.models import Letter
from gpai_cases.obligations.timeline import REPORT_PREFIXES, model_timeline, with_citations

from .. import forms
from .base import acting_for_owner, case_for, provider_only
from .requests import request_row

NEXT = {
    State.DRAFT: gettext_lazy(
        "This is a draft: the AI Office cannot read it until you submit it. It sees only "
        "that a notification is due for this model — the model, your organisation and the due date "
        "your draft gives — and whether that date has passed. Complete the draft and submit it."
    ),
    State.SUBMITTED: gettext_lazy(
        "The AI Office has received your filing. A caseworker will check it and may ask you for "
        "more information."
    ),
    State.UNDER_ASSESSMENT: gettext_lazy(
        "A caseworker is assessing the case. Answer any request for information by its due "
        "date; before an adverse decision you will receive the draft decision and may comment on it."
    ),
    State.DECISION_PROPOSED: gettext_lazy(
        "A decision has been proposed and is being reviewed by a head of unit."
    ),
    State.DECIDED: gettext_lazy("The case has been decided. The decision letter is below."),
    State.WITHDRAWN: gettext_lazy("You withdrew this case."),
}


def _outcome(request: HttpRequest, case) -> dict:
    """A decided case in words: the decision, the designation it made (systemic risk since, the
    earliest reassessment with its rule) and the provider's own reassessment request, if any."""
    decision = case.decisions.filter(status="approved").order_by("-pk").first()
    designation = getattr(case, "resulting_designation", None)
    own_request = None
    if designation is not None:
        own_request = (
            access.cases_visible_to(request.user)
            .filter(designation=designation, kind="reassessment", state__in=OPEN_STATES)
            .order_by("-pk")
            .first()
        )
    return {"decision": decision, "designation": designation, "own_request": own_request}


@provider_only
def case_view(request: HttpRequest, reference: str) -> HttpResponse:
    qs = (
        access.cases_visible_to(request.user)
        .select_related("model__provider", "notification", "designation")
        .prefetch_related(
            Prefetch(
                "information_requests",
                queryset=InformationRequest.objects.order_by("created_at", "pk").prefetch_related(
                    "extensions"
                ),
            ),
            Prefetch("claims", queryset=Claim.objects.prefetch_related("documents")),
            Prefetch(
                "letters", queryset=Letter.objects.select_related("document").order_by("sequence")
            ),
            Prefetch(
                "corrections",
                queryset=NotificationCorrection.objects.prefetch_related("documents"),
            ),
            # what the provider may see of the documents: never an internal one
            Prefetch("documents", queryset=access.documents_visible_to(request.user)),
            Prefetch(
                "confidentiality_claims",
                queryset=ConfidentialityClaim.objects.select_related(
                    "document", "non_confidential_version"
                ),
            ),
        )
    )
    case = access.get_case_for(request.user, reference, qs)
    acting_for_owner(request, case.model.provider)
    today = timezone.localdate()
    requests = [request_row(r, today) for r in case.information_requests.all()]
    case_facts = facts.case_facts(case)
    events = list(
        access.events_visible_to(request.user, case).select_related("actor").order_by("at", "pk")
    )
    return render(
        request,
        "portal/case.html",
        {
            "case": case,
            "outcome": _outcome(request, case) if case.state == State.DECIDED else None,
            "next": NEXT[State(case.state)],
            "today": today,
            "response_form": forms.ResponseForm(),
            "upload_form": forms.UploadForm(),
            "claim_form": forms.ClaimForm(documents=list(case.documents.all())),
            "can_add": case.state in (State.SUBMITTED, State.UNDER_ASSESSMENT)
            and case.kind == Kind.NOTIFICATION,
            "can_withdraw": not rules.withdraw_blockers(case, reason="x"),
            "requests": requests,
            "waiting": [row for row in requests if row["can_answer"]],
            "can_correct": access.may_correct_notification(request.user, case)
            and not rules.correction_blockers(case),
            # the filing as submitted, beside its dated corrections (docs/rules.md § facts-as-filed)
            "facts": case_facts,
            "corrections": [(c, facts.correction_rows(c.changes)) for c in case.corrections.all()],
            "model_changes": facts.model_changes(case.events.all(), case=case),
            # the AI Office as an institution: never a member of its staff by name or address
            "timeline": [(e, _who(e)) for e in events],
            "reads": list(access.reads_visible_to(request.user, case)[:200]),
            "can_claim": access.may_claim_confidentiality(request.user, case)
            and not rules.confidentiality_claim_blockers(case),
        },
    )


def _who(event: CaseEvent) -> str:
    """Who did it, as the provider may know: the AI Office, or the member of its own staff."""
    actor = event.actor
    if actor is None:
        return ""
    return _("the AI Office") if actor.is_ai_office else actor.display_name


@provider_only
def respond(request: HttpRequest, reference: str, request_id: int) -> HttpResponse:
    case = case_for(request, reference)
    rfi = access.get_request_of(case, request_id)
    form = forms.ResponseForm(*form_data(request))
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                documents = []
                if form.cleaned_data.get("file"):
                    documents.append(
                        services.document_add(
                            actor=request.user,
                            case=case,
                            uploaded_file=form.cleaned_data["file"],
                            title=_("Response to request %(number)s") % {"number": rfi.pk},
                            kind="response",
                        )
                    )
                services.information_request_answer(
                    actor=request.user,
                    request=rfi,
                    response=form.cleaned_data["response"],
                    documents=documents,
                )
        except UploadRefused as refused:
            form.add_error("file", str(refused))
        except services.ActionRefused as refused:
            for reason in refused.reasons:
                form.add_error(None, reason)
        else:
            messages.success(request, _("Your answer has been sent to the AI Office."))
            return redirect("portal:case", reference=case.reference)
    return render(
        request,
        "portal/respond.html",
        {
            "case": case,
            "rfi": rfi,
            "form": form,
            "closed": rules.request_closed_reasons(rfi, today=timezone.localdate()),
        },
    )


@provider_only
def add_supplementary(request: HttpRequest, reference: str) -> HttpResponse:
    """After submission: evidence or claims, accepted as supplementary (outside Art 52(2))."""
    case = case_for(request, reference)
    if request.method != "POST":
        return redirect("portal:case", reference=case.reference)
    try:
        if "file" in request.FILES:
            form = forms.UploadForm(request.POST, request.FILES)
            if form.is_valid():
                services.document_add(
                    actor=request.user,
                    case=case,
                    uploaded_file=form.cleaned_data["file"],
                    title=form.cleaned_data["title"],
                )
                messages.success(
                    request,
                    _(
                        "Supplementary evidence added; it is dated and flagged as filed after submission."
                    ),
                )
            else:
                for errors in form.errors.values():
                    for e in errors:
                        messages.error(request, e)
        else:
            form = forms.ClaimForm(request.POST, documents=list(case.documents.all()))
            if form.is_valid():
                services.claims_file(
                    actor=request.user,
                    case=case,
                    claims=[
                        {
                            "text": form.cleaned_data["text"],
                            "basis": form.cleaned_data["basis"],
                            "documents": [int(d) for d in form.cleaned_data["documents"]],
                        }
                    ],
                )
                messages.success(
                    request,
                    _("Supplementary claim added; it is dated and flagged as outside Art 52(2)."),
                )
            else:
                for field, errors in form.errors.items():
                    for e in errors:
                        messages.error(
                            request,
                            (
                                _("%(field)s: %(error)s")
                                % {"field": form.fields[field].label, "error": e}
                                if field in form.fields
                                else str(e)
                            ),
                        )
    except UploadRefused as refused:
        messages.error(request, str(refused))
    except services.ActionRefused as refused:
        for reason in refused.reasons:
            messages.error(request, reason)
    return redirect("portal:case", reference=case.reference)


@provider_only
def withdraw(request: HttpRequest, reference: str) -> HttpResponse:
    case = case_for(request, reference)
    form = forms.WithdrawForm(form_data(request)[0])
    if request.method == "POST" and form.is_valid():
        try:
            services.case_withdraw(
                actor=request.user, case=case, reason=form.cleaned_data["reason"]
            )
        except services.ActionRefused as refused:
            for reason in refused.reasons:
                form.add_error(None, reason)
        else:
            messages.success(
                request, _("Case %(reference)s has been withdrawn.") % {"reference": case.reference}
            )
            return redirect("portal:case", reference=case.reference)
    return render(request, "portal/withdraw.html", {"case": case, "form": form})


# ---- reassessment --------------------------------------------------------------------------------


@provider_only
def reassessment(request: HttpRequest, designation_id: int) -> HttpResponse:
    designation = (
        access.designations_visible_to(request.user)
        .select_related("model")
        .filter(pk=designation_id)
        .first()
    )
    if designation is None:
        raise Http404("No such designation.")
    today = timezone.localdate()
    blockers = rules.reassessment_blockers(designation, today=today)
    # the reports the provider filed since the decision may be cited as new reasons
    reports = [
        e
        for e in model_timeline(designation.model, user=request.user)
        if e.prefix in REPORT_PREFIXES and e.date >= designation.last_decision_on
    ]
    # the provider's own draft request (the demo has one): this page continues and submits it
    draft = (
        access.cases_visible_to(request.user)
        .filter(designation=designation, kind=Kind.REASSESSMENT, state=State.DRAFT)
        .order_by("-pk")
        .first()
    )
    form = forms.ReassessmentForm(
        *form_data(request),
        reports=[(e.key, e.citation) for e in reports],
        initial={"reasons": draft.reasons} if draft is not None else None,
    )
    if request.method == "POST" and not blockers and form.is_valid():
        cited = [e for e in reports if e.key in form.cleaned_data.get("cite", [])]
        reasons = with_citations(
            form.cleaned_data["reasons"], [e.citation for e in cited], intro=_("Reports cited:")
        )
        try:
            with transaction.atomic():  # all or nothing: no half-filed request is left behind
                if draft is not None:
                    case = services.reassessment_draft_update(
                        actor=request.user, case=draft, reasons=reasons
                    )
                else:
                    case = services.case_create_reassessment(
                        actor=request.user, designation=designation, reasons=reasons
                    )
                if form.cleaned_data.get("file"):
                    services.document_add(
                        actor=request.user,
                        case=case,
                        uploaded_file=form.cleaned_data["file"],
                        title=_("Reasons for reassessment"),
                        kind="reasons",
                    )
                for e in cited:
                    if e.file is not None:
                        with e.file.file.open("rb") as stored:
                            content = ContentFile(stored.read(), name=e.file.original_name)
                        services.document_add(
                            actor=request.user,
                            case=case,
                            uploaded_file=content,
                            title=_("Cited: {what}, {day}").format(
                                what=e.what, day=date_format(e.date, "d M Y")
                            )[:300],
                            kind="reasons",
                        )
                services.case_submit(actor=request.user, case=case)
        except UploadRefused as refused:
            form.add_error("file", str(refused))
        except services.ActionRefused as refused:
            for reason in refused.reasons:
                form.add_error(None, reason)
        else:
            messages.success(
                request,
                _("Your request %(reference)s has been submitted.") % {"reference": case.reference},
            )
            return redirect("portal:case", reference=case.reference)
    return render(
        request,
        "portal/reassessment.html",
        {
            "designation": designation,
            "blockers": blockers,
            "form": form,
            "draft": draft,
            "earliest": deadlines.format_day_long(designation.reassessment_earliest),
        },
    )


@provider_only
def confidentiality(request: HttpRequest, reference: str) -> HttpResponse:
    """Claim a document or a field as confidential business information (Art 78)."""
    case = case_for(request, reference)
    access.require(access.may_claim_confidentiality, request.user, case)
    documents = list(access.documents_visible_to(request.user).filter(case=case))
    form = forms.ConfidentialityClaimForm(*form_data(request), documents=documents)
    if request.method == "POST" and form.is_valid():
        try:
            services.confidentiality_claim_file(actor=request.user, case=case, **form.claim())
        except UploadRefused as refused:
            form.add_error("non_confidential_version", str(refused))
        except services.ActionRefused as refused:
            for reason in refused.reasons:
                form.add_error(None, reason)
        else:
            messages.success(
                request, _("Your claim is recorded; the AI Office sees it beside what it covers.")
            )
            return redirect("portal:case", reference=case.reference)
    return render(request, "portal/confidentiality.html", {"case": case, "form": form})
