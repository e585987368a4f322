"""The provider's side of a request for information or hearing beyond answering it: asking for
more time (docs/rules.md § requests)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from gpai_cases.cases import access, rules, services
from gpai_cases.cases.models import InformationRequest
from gpai_cases.core.forms import form_data

from .. import forms
from .base import case_for, provider_only


def request_row(rfi: InformationRequest, today: Any) -> dict[str, Any]:
    """A request on the portal: its state, and what the provider may do with it now."""
    return {
        "r": rfi,
        "lapsed": rules.request_lapsed(rfi, today=today),
        "pending": rules.pending_extension(rfi),
        "can_answer": not rules.answer_blockers(rfi, today=today),
        "can_ask_more_time": not rules.extension_request_blockers(rfi, today=today),
    }


@provider_only
def extension_request(request: HttpRequest, reference: str, request_id: int) -> HttpResponse:
    case = case_for(request, reference)
    access.require(access.may_request_extension, request.user, case)
    rfi = access.get_request_of(case, request_id)
    today = timezone.localdate()
    blockers = rules.extension_request_blockers(rfi, today=today)
    form = forms.ExtensionRequestForm(form_data(request)[0])
    if request.method == "POST" and not blockers and form.is_valid():
        try:
            services.extension_request(
                actor=request.user,
                request=rfi,
                reason=form.cleaned_data["reason"],
                proposed_due_date=form.cleaned_data["proposed_due_date"],
            )
        except services.ActionRefused as refused:
            for reason in refused.reasons:
                form.add_error(None, reason)
        else:
            messages.success(
                request, _("Your request for more time has been sent; the AI Office will decide.")
            )
            return redirect("portal:case", reference=case.reference)
    return render(
        request,
        "portal/extension_request.html",
        {
            "case": case,
            "rfi": rfi,
            "row": request_row(rfi, today),
            "today": today,
            "form": form,
            "blockers": blockers,
        },
    )
