"""Who may see and do what: the one place for access rules.

Every view, API view and download asks these functions; nothing else filters by user.
A provider member sees only its own providers' objects; the AI Office sees everything.
Unknown or foreign objects are reported as "not found" (never "forbidden"), so that a provider
never learns that another provider's case exists.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db.models import QuerySet
from django.http import Http404

from gpai_cases.accounts.models import Role

if TYPE_CHECKING:
    from gpai_cases.accounts.models import User
    from gpai_cases.documents.models import Document
    from gpai_cases.providers.models import GPAIModel, Provider

    from .models import Case


def _role(user: Any) -> str | None:
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return None
    return user.role


# ---- roles ---------------------------------------------------------------------------------


def is_caseworker(case: Any, user: Any) -> bool:
    return _role(user) == Role.CASEWORKER


def is_approver(case: Any, user: Any) -> bool:
    return _role(user) == Role.APPROVER


def is_office_admin(user: Any) -> bool:
    return _role(user) == Role.ADMIN


def is_ai_office(user: Any) -> bool:
    return _role(user) in (Role.CASEWORKER, Role.APPROVER, Role.ADMIN)


def member_provider_ids(user: Any) -> QuerySet[Any]:
    """The ids of the providers the user is a member of, as a subquery (no query of its own)."""
    from gpai_cases.providers.models import Membership

    if _role(user) != Role.PROVIDER:
        return Membership.objects.none().values("provider_id")
    return Membership.objects.filter(user_id=user.pk).values("provider_id")


def is_member_of(user: Any, provider: Provider | int) -> bool:
    from gpai_cases.providers.models import Membership

    if _role(user) != Role.PROVIDER:
        return False
    provider_id = provider if isinstance(provider, int) else provider.pk
    return Membership.objects.filter(user_id=user.pk, provider_id=provider_id).exists()


def may_act_for_provider(case: Case, user: Any) -> bool:
    """A provider member acting on a case of its own provider."""
    return is_member_of(user, case.model.provider_id)


# ---- what a user may read ---------------------------------------------------------------------


def providers_visible_to(user: User) -> QuerySet[Provider]:
    from gpai_cases.providers.models import Provider

    if is_ai_office(user):
        return Provider.objects.all()
    return Provider.objects.filter(pk__in=member_provider_ids(user))


def models_visible_to(user: User) -> QuerySet[GPAIModel]:
    from gpai_cases.providers.models import GPAIModel

    if is_ai_office(user):
        return GPAIModel.objects.all()
    return GPAIModel.objects.filter(provider_id__in=member_provider_ids(user))


def cases_visible_to(user: User) -> QuerySet[Case]:
    from .models import Case

    if is_ai_office(user):
        return Case.objects.all()
    return Case.objects.filter(model__provider_id__in=member_provider_ids(user))


def documents_visible_to(user: User) -> QuerySet[Document]:
    from gpai_cases.documents.models import Document

    if is_ai_office(user):
        return Document.objects.all()
    return Document.objects.filter(case__model__provider_id__in=member_provider_ids(user))


def designations_visible_to(user: User) -> QuerySet[Any]:
    from .models import Designation

    if is_ai_office(user):
        return Designation.objects.all()
    return Designation.objects.filter(model__provider_id__in=member_provider_ids(user))


def get_case_for(user: User, reference: str, queryset: QuerySet[Case] | None = None) -> Case:
    """The case with this reference if the user may read it; 404 otherwise (never 403)."""
    qs = queryset if queryset is not None else cases_visible_to(user)
    try:
        return qs.select_related("model__provider").get(reference=reference)
    except qs.model.DoesNotExist as exc:
        raise Http404("No such case.") from exc


def may_manage_models(user: User, provider: Provider) -> bool:
    """Register or edit a provider's models: its members, and caseworkers (ex officio)."""
    return is_member_of(user, provider) or _role(user) in (Role.CASEWORKER, Role.ADMIN)


def may_assign(user: Any) -> bool:
    """Caseworkers and approvers (heads of unit) assign and reassign cases."""
    return _role(user) in (Role.CASEWORKER, Role.APPROVER)


def may_register_providers(user: Any) -> bool:
    """Caseworkers (ex officio) and admins register providers; providers register themselves
    through the AI Office."""
    return _role(user) in (Role.CASEWORKER, Role.ADMIN)
