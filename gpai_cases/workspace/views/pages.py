"""A workspace action as a page of its own: GET shows the form; a valid POST calls the service
and goes back to the case with a success message; a POST refused by the form or by the service
shows the same page again with the error summary, the field errors and everything typed."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from gpai_cases.cases import services
from gpai_cases.cases.models import Case


def form_page(
    request: HttpRequest,
    case: Case,
    form: forms.Form,
    act: Callable[[], Any],
    *,
    template: str,
    success: str | Callable[[Any], str],
    blockers: list[str] | None = None,
    context: dict[str, Any] | None = None,
    redirect_to: Callable[[Any], HttpResponse] | None = None,
    confirmed: bool = True,
) -> HttpResponse:
    """Run ``act`` for a valid POST; otherwise (GET, invalid, refused) show ``template``.

    ``blockers`` (what stops the action before anything is typed) are shown on a GET instead of
    the form; a POST always comes back with its form, so that nothing typed is lost. A POST not
    ``confirmed`` is shown as the (confirmation) page of a GET."""
    submitted = request.method == "POST" and confirmed
    if submitted and form.is_valid():
        try:
            result = act()
        except services.ActionRefused as refused:
            for reason in refused.reasons:
                form.add_error(None, reason)
        else:
            messages.success(request, success(result) if callable(success) else success)
            if redirect_to is not None:
                return redirect_to(result)
            return redirect("workspace:case", reference=case.reference)
    return render(
        request,
        template,
        {
            "case": case,
            "form": form,
            "blockers": [] if submitted else (blockers or []),
            **(context or {}),
        },
    )
