"""What every portal view shares: the providers' door, and the provider, model and case the user may act on."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse

from gpai_cases.cases import access
from gpai_cases.providers.models import GPAIModel, Provider


def provider_only(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        access.require(access.may_use_portal, request.user)
        return view(request, *args, **kwargs)

    return wrapper


def provider_for(request: HttpRequest) -> Provider:
    provider = access.providers_visible_to(request.user).first()
    if provider is None:
        raise PermissionDenied(
            "Your account is not a member of any provider; contact the AI Office."
        )
    return provider


def model_for(request: HttpRequest, pk: int) -> GPAIModel:
    model = access.models_visible_to(request.user).select_related("provider").filter(pk=pk).first()
    if model is None:
        raise Http404("No such model.")
    return model


def case_for(request: HttpRequest, reference: str):
    return access.get_case_for(
        request.user,
        reference,
        access.cases_visible_to(request.user).select_related("model__provider", "notification"),
    )
