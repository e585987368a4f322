"""A caseworker's actions on one request for information or hearing: withdraw it (with a
confirmation), extend its due date, grant or refuse the provider's request for more time. Each
is a page of its own: a refused form comes back with what was typed and the reasons."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms as django_forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from gpai_cases.cases import access, rules, services
from gpai_cases.cases.models import Case, InformationRequest, RequestExtension, RequestKind
from gpai_cases.core.forms import form_data

from .. import forms
from .base import case_for_action, office_only

#: The confirmation's title, one sentence per kind (the kind's noun differs in gender and case).
WITHDRAW_TITLES = {
    RequestKind.QUESTION: _("Withdraw the request for information?"),
    RequestKind.HEARING: _("Withdraw the hearing on a draft decision (right to be heard)?"),
}


def request_row(rfi: InformationRequest, today: Any) -> dict[str, Any]:
    """What the pages show of a request beside its record (includes/request_state.html)."""
    return {
        "r": rfi,
        "lapsed": rules.request_lapsed(rfi, today=today),
        "pending": rules.pending_extension(rfi),
    }


def _page(
    request: HttpRequest,
    case: Case,
    rfi: InformationRequest,
    form: django_forms.Form,
    blockers: list[str],
    act: Callable[[dict[str, Any]], Any],
    *,
    success: str,
    title: Any,
    intro: str,
    button: str,
    extension: RequestExtension | None = None,
) -> HttpResponse:
    """Run ``act`` on a valid POST when nothing blocks it; otherwise (GET, invalid, refused)
    show the page with the form as typed and the reasons."""
    if request.method == "POST" and not blockers and form.is_valid():
        try:
            act(form.cleaned_data)
        except services.ActionRefused as refused:
            for reason in refused.reasons:
                form.add_error(None, reason)
        else:
            messages.success(request, success)
            return redirect("workspace:case", reference=case.reference)
    return render(
        request,
        "workspace/request_action.html",
        {
            "case": case,
            "rfi": rfi,
            "extension": extension,
            "form": form,
            "blockers": blockers,
            "title": title,
            "intro": intro,
            "button": button,
            "today": timezone.localdate(),
            "row": request_row(rfi, timezone.localdate()),
        },
    )


@office_only
def request_withdraw(request: HttpRequest, reference: str, request_id: int) -> HttpResponse:
    case = case_for_action(request, reference)
    access.require(access.may_withdraw_request, request.user, case)
    rfi = access.get_request_of(case, request_id)
    return _page(
        request,
        case,
        rfi,
        forms.WithdrawRequestForm(form_data(request)[0]),
        rules.request_withdraw_blockers(rfi, today=timezone.localdate()),
        lambda data: services.information_request_withdraw(
            actor=request.user, request=rfi, reason=data["reason"]
        ),
        success=gettext(
            "The request has been withdrawn; the letter to the provider is being prepared."
        ),
        title=WITHDRAW_TITLES[rfi.kind],
        intro=gettext(
            "Withdraw a request sent by mistake. The provider receives a letter saying it need "
            "not answer, with your reason; the clock stop ends today."
        ),
        button=gettext("Withdraw the request"),
    )


@office_only
def request_extend(request: HttpRequest, reference: str, request_id: int) -> HttpResponse:
    case = case_for_action(request, reference)
    access.require(access.may_extend_request, request.user, case)
    rfi = access.get_request_of(case, request_id)
    return _page(
        request,
        case,
        rfi,
        forms.ExtendRequestForm(form_data(request)[0]),
        rules.request_extend_blockers(rfi, today=timezone.localdate()),
        lambda data: services.information_request_extend(
            actor=request.user, request=rfi, due_date=data["due_date"], reason=data["reason"]
        ),
        success=gettext(
            "The due date has been extended; the letter to the provider is being prepared."
        ),
        title=gettext("Extend the due date"),
        intro=gettext("Of the AI Office's own motion. The clock stays stopped until the answer."),
        button=gettext("Extend the due date"),
    )


@office_only
def extension_decide(request: HttpRequest, reference: str, extension_id: int) -> HttpResponse:
    case = case_for_action(request, reference)
    access.require(access.may_extend_request, request.user, case)
    extension = RequestExtension.objects.filter(case=case, pk=extension_id).first()
    if extension is None:
        raise Http404(gettext("No such request for more time."))
    rfi = access.get_request_of(case, extension.request_id)
    extension = next(e for e in rfi.extensions.all() if e.pk == extension.pk)
    extension.request = rfi
    initial = {"due_date": extension.proposed_due_date}

    def decide(data: dict[str, Any]) -> Any:
        if data["decision"] == rules.GRANT:
            return services.extension_grant(
                actor=request.user,
                extension=extension,
                due_date=data["due_date"],
                note=data["note"],
            )
        return services.extension_refuse(actor=request.user, extension=extension, note=data["note"])

    return _page(
        request,
        case,
        rfi,
        forms.ExtensionDecisionForm(form_data(request)[0], initial=initial),
        rules.extension_decision_blockers(extension, today=timezone.localdate()),
        decide,
        success=gettext("Decided; the letter to the provider is being prepared."),
        title=gettext("The provider asks for more time"),
        intro=gettext(
            "Grant the date asked for or another, or refuse with a note. Either way the "
            "provider receives a letter."
        ),
        button=gettext("Decide"),
        extension=extension,
    )
