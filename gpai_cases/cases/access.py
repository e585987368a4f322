"""Who may see and do what: the one place for access rules.

Two kinds of function, as in froide's ``auth.py``:

- ``*_visible_to(user)``: the queryset a user may read. Every view, API view and download reads
  through them; nothing else filters by user. A provider member sees only its own providers'
  objects; the AI Office sees everything. Unknown or foreign objects are reported as "not found"
  (never "forbidden"), so that a provider never learns that another provider's case exists.
- ``may_<verb>(user, obj)``: whether the user's role lets them do that to that object. Each
  carries the one sentence that refuses it (:func:`refusal`); services, web views, API views and
  the workspace's list of actions all ask the same function, and :func:`require` raises
  ``PermissionDenied`` with that sentence.

The permissions on providers and models live in :mod:`gpai_cases.providers.access` (the providers
app sits below the cases app) and are re-exported here: ask this module.

Whether an action is possible *now* (state, dates, filled fields) is not a permission: that is a
guard, in :mod:`.rules`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db.models import QuerySet
from django.http import Http404

from gpai_cases.accounts.roles import (
    is_ai_office,
    is_approver,
    is_caseworker,
    is_member_of,
    is_office_admin,
    is_provider_member,
)
from gpai_cases.core.permissions import refusal, refused_with, require
from gpai_cases.documents.models import Document
from gpai_cases.providers.access import (
    may_manage_models,
    may_register_models,
    may_register_providers,
    member_provider_ids,
    models_visible_to,
    providers_visible_to,
    visible,
)
from gpai_cases.providers.models import GPAIModel

from .models import Case, Designation, InformationRequest

if TYPE_CHECKING:
    from gpai_cases.accounts.models import User

__all__ = [
    "cases_visible_to",
    "designations_visible_to",
    "documents_visible_to",
    "get_case_for",
    "get_request_of",
    "may_manage_models",
    "may_register_models",
    "may_register_providers",
    "member_provider_ids",
    "models_visible_to",
    "providers_visible_to",
    "refusal",
    "require",
]

# ---- what a user may read ---------------------------------------------------------------------


def cases_visible_to(user: User) -> QuerySet[Case]:
    return visible(user, Case, "model__provider_id")


def documents_visible_to(user: User) -> QuerySet[Document]:
    return visible(user, Document, "case__model__provider_id")


def designations_visible_to(user: User) -> QuerySet[Designation]:
    return visible(user, Designation, "model__provider_id")


def get_case_for(user: User, reference: str, queryset: QuerySet[Case] | None = None) -> Case:
    """The case with this reference if the user may read it; 404 otherwise (never 403)."""
    qs = queryset if queryset is not None else cases_visible_to(user)
    try:
        return qs.select_related("model__provider").get(reference=reference)
    except qs.model.DoesNotExist as exc:
        raise Http404("No such case.") from exc


def get_request_of(case: Case, pk: int) -> InformationRequest:
    """The request for information or hearing ``pk`` of a case the user may read (the case comes
    from :func:`get_case_for`), with its extensions; 404 otherwise."""
    request = (
        InformationRequest.objects.filter(case=case, pk=pk)
        .prefetch_related("extensions__requested_by", "extensions__decided_by")
        .first()
    )
    if request is None:
        raise Http404("No such request.")
    request.case = case
    return request


# ---- the doors ----------------------------------------------------------------------------------


@refused_with("The workspace is for the AI Office.")
def may_use_workspace(user: Any, obj: Any = None) -> bool:
    return is_ai_office(user)


@refused_with("The portal is for providers; the AI Office works in the workspace.")
def may_use_portal(user: Any, obj: Any = None) -> bool:
    return is_provider_member(user)


# ---- the provider's side of a case ----------------------------------------------------------------


def _provider_of_case(user: Any, case: Case) -> bool:
    return is_member_of(user, case.model.provider_id)


@refused_with("Only a member of the model's provider may notify it.")
def may_notify(user: Any, model: GPAIModel) -> bool:
    return is_member_of(user, model.provider_id)


@refused_with("Only a member of the model's provider may request a reassessment.")
def may_request_reassessment(user: Any, designation: Designation) -> bool:
    return is_member_of(user, designation.model.provider_id)


@refused_with("Only the provider may edit its filing.")
def may_edit_filing(user: Any, case: Case) -> bool:
    return _provider_of_case(user, case)


@refused_with("Only the provider may submit its case.")
def may_submit(user: Any, case: Case) -> bool:
    return _provider_of_case(user, case)


@refused_with("Only the provider may withdraw its case.")
def may_withdraw(user: Any, case: Case) -> bool:
    return _provider_of_case(user, case)


@refused_with("Only the provider files arguments.")
def may_file_arguments(user: Any, case: Case) -> bool:
    return _provider_of_case(user, case)


@refused_with("Only the provider may correct its notification.")
def may_correct_notification(user: Any, case: Case) -> bool:
    return _provider_of_case(user, case)


@refused_with("Only the provider answers its requests.")
def may_answer(user: Any, case: Case) -> bool:
    return _provider_of_case(user, case)


@refused_with("Only the provider may ask for more time to answer.")
def may_request_extension(user: Any, case: Case) -> bool:
    return _provider_of_case(user, case)


@refused_with("Only the provider and caseworkers add documents to a case.")
def may_add_document(user: Any, case: Case) -> bool:
    return _provider_of_case(user, case) or is_caseworker(user)


def files_for_provider(user: Any, case: Case) -> bool:
    """Whether what this user adds to the case is filed by the provider (not the AI Office)."""
    return _provider_of_case(user, case)


# ---- the AI Office's side of a case ---------------------------------------------------------------


@refused_with("Only a caseworker may take up a case.")
def may_take_up(user: Any, case: Case) -> bool:
    return is_caseworker(user)


@refused_with("Only caseworkers and approvers assign cases.")
def may_assign(user: Any, case: Any = None) -> bool:
    """Caseworkers and approvers (heads of unit) assign and reassign cases."""
    return is_caseworker(user) or is_approver(user)


def may_be_assigned(user: Any) -> bool:
    """Cases are assigned to caseworkers."""
    return is_caseworker(user)


@refused_with("Only a caseworker may open an ex officio case.")
def may_open_ex_officio(user: Any, obj: Any = None) -> bool:
    return is_caseworker(user)


@refused_with("Only a caseworker may reassess a designation of the Commission's own motion.")
def may_open_reassessment(user: Any, designation: Any = None) -> bool:
    return is_caseworker(user)


@refused_with("Only a caseworker may request information.")
def may_request_information(user: Any, case: Case) -> bool:
    return is_caseworker(user)


@refused_with("Only a caseworker may withdraw a request.")
def may_withdraw_request(user: Any, case: Case) -> bool:
    return is_caseworker(user)


@refused_with("Only a caseworker may extend a due date or decide on a request for more time.")
def may_extend_request(user: Any, case: Case) -> bool:
    """Of the AI Office's own motion, or granting or refusing the provider's request."""
    return is_caseworker(user)


@refused_with("Only a caseworker reviews arguments.")
def may_review_claims(user: Any, case: Case) -> bool:
    return is_caseworker(user)


@refused_with("Only caseworkers record the assessment.")
def may_assess(user: Any, case: Case) -> bool:
    return is_caseworker(user)


@refused_with("Only a caseworker proposes decisions.")
def may_propose(user: Any, case: Case) -> bool:
    return is_caseworker(user)


@refused_with("Only an approver returns proposals.")
def may_return(user: Any, case: Case) -> bool:
    return is_approver(user)


@refused_with("Only an approver approves decisions.")
def may_approve(user: Any, case: Case) -> bool:
    return is_approver(user)


@refused_with("Only a caseworker may regenerate a letter.")
def may_regenerate_letter(user: Any, case: Case) -> bool:
    return is_caseworker(user)


# ---- the public list ----------------------------------------------------------------------------


@refused_with("Only an admin publishes the public list.")
def may_publish(user: Any, obj: Any = None) -> bool:
    """Publish the list and edit its public wording: admins."""
    return is_office_admin(user)
