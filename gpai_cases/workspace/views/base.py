"""What every workspace view shares: the AI Office's door, and the one-click actions (take up, regenerate a letter) whose refusal is shown on the case page."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from gpai_cases.cases import access, services
from gpai_cases.cases.models import (
    Case,
)


def office_only(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """AI Office roles only: anonymous users sign in, everyone else is refused (403)."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        access.require(access.may_use_workspace, request.user)
        return view(request, *args, **kwargs)

    return wrapper


def case_for_action(request: HttpRequest, reference: str) -> Case:
    return access.get_case_for(request.user, reference)


def run_action(
    request: HttpRequest, case: Case, success: str, action: Callable[[], Any]
) -> HttpResponse:
    try:
        action()
    except services.ActionRefused as refused:
        for reason in refused.reasons:
            messages.error(request, reason)
    except (ValueError, ValidationError) as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, success)
    return redirect("workspace:case", reference=case.reference)
