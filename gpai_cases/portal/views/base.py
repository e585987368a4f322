"""What every portal view shares: the providers' door, and the provider, model and case the user may act on."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from gpai_cases.cases import access
from gpai_cases.core.compiled import Compiled, fields_of
from gpai_cases.providers.models import GPAIModel, Provider


def provider_only(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        access.require(access.may_use_portal, request.user)
        provider_for(request)  # every portal page says for whom it acts
        return view(request, *args, **kwargs)

    return wrapper


_PROVIDERS = Compiled(
    lambda shape, user: (
        access.providers_visible_to(user).order_by("legal_name").values_list(*fields_of(Provider))
    )
)

#: The session's choice of provider, for a member of several (docs/adr/0013).
ACTING_FOR = "acting_for_provider"


def provider_for(request: HttpRequest) -> Provider:
    """The provider the user acts for: the one chosen in this session, if the user is still its
    member; otherwise the first of its providers. Kept on the request for the banner that says
    for whom every portal page acts (templates/includes/acting_for.html)."""
    cached = getattr(request, "acting_provider", None)
    if cached is not None:
        return cached
    mine = _PROVIDERS.records((), request.user)  # one query, compiled once per role
    chosen = request.session.get(ACTING_FOR)
    provider = next((p for p in mine if p.pk == chosen), mine[0] if mine else None)
    if provider is None:
        raise PermissionDenied(
            _("Your account is not a member of any provider; contact the AI Office.")
        )
    request.acting_provider = provider  # type: ignore[attr-defined]
    request.acting_choices = len(mine)  # type: ignore[attr-defined]
    return provider


def act_for(request: HttpRequest, provider: Provider) -> None:
    """Choose the provider the session acts for (one of the user's own)."""
    request.session[ACTING_FOR] = provider.pk
    request.acting_provider = provider  # type: ignore[attr-defined]
    request.acting_choices = access.providers_visible_to(request.user).count()  # type: ignore[attr-defined]


def model_for(request: HttpRequest, pk: int) -> GPAIModel:
    model = access.models_visible_to(request.user).select_related("provider").filter(pk=pk).first()
    if model is None:
        raise Http404("No such model.")
    acting_for_owner(request, model.provider)
    return model


def case_for(request: HttpRequest, reference: str):
    case = access.get_case_for(
        request.user,
        reference,
        access.cases_visible_to(request.user).select_related("model__provider", "notification"),
    )
    acting_for_owner(request, case.model.provider)
    return case


def acting_for_owner(request: HttpRequest, provider: Provider) -> None:
    """A page of another of the user's providers (a link in a message) acts for that provider,
    and says so."""
    if getattr(request, "acting_provider", None) != provider:
        act_for(request, provider)
