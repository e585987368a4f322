"""Who may see and do what: the one place for access rules.

Two kinds of function, as in froide's ``auth.py``:

- ``*_visible_to(user)``: the queryset a user may read. Every view, API view and download reads
  through them; nothing else filters by user. A provider member sees only its own providers'
  objects, and of their documents the shared ones; the AI Office sees everything but the
  providers' drafts (their own until submitted). Unknown or foreign objects are reported as "not found"
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
from django.utils.translation import gettext_lazy as _

from gpai_cases.accounts.roles import (
    AI_OFFICE_ROLES,
    is_ai_office,
    is_approver,
    is_caseworker,
    is_member_of,
    is_office_admin,
    is_provider_member,
)
from gpai_cases.core.permissions import refusal, refused_with, require
from gpai_cases.documents.models import Document, DocumentRead, Visibility
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

from .models import (
    Case,
    CaseEvent,
    Designation,
    InformationRequest,
    Kind,
    Notification,
    State,
    filed_or_opened,
)

if TYPE_CHECKING:
    from gpai_cases.accounts.models import User

__all__ = [
    "cases_visible_to",
    "designations_visible_to",
    "documents_shared_with_provider",
    "documents_visible_to",
    "events_visible_to",
    "get_case_for",
    "get_request_of",
    "may_manage_models",
    "may_register_models",
    "may_register_providers",
    "member_provider_ids",
    "models_visible_to",
    "notifications_due_visible_to",
    "providers_visible_to",
    "reads_visible_to",
    "refusal",
    "require",
]

# ---- what a user may read ---------------------------------------------------------------------


def cases_visible_to(user: User) -> QuerySet[Case]:
    if is_ai_office(user):
        # filed or opened by the Commission: of a provider's draft the AI Office sees only that
        # a notification is due (notifications_due_visible_to)
        return Case.objects.filter(filed_or_opened())
    return visible(user, Case, "model__provider_id")


def documents_visible_to(user: User) -> QuerySet[Document]:
    """The AI Office: the documents of the cases it may read. A provider: the shared documents of
    its own cases — an internal document (an evaluation report the AI Office attached) is "not
    found" until a caseworker shares it."""
    if is_ai_office(user):
        return Document.objects.filter(filed_or_opened("case__"))
    return visible(user, Document, "case__model__provider_id").filter(visibility=Visibility.SHARED)


def documents_shared_with_provider(case: Case) -> QuerySet[Document]:
    """What the provider sees of a case's documents, for what is sent to it (letters)."""
    return case.documents.filter(visibility=Visibility.SHARED)


#: Steps of the AI Office's own work that the provider's view of a case leaves out.
INTERNAL_ACTIONS = frozenset(
    {
        "assigned",
        "claim_reviewed",
        "assessment_saved",
        "decision_returned",
        "clock_stopped",
        "clock_restarted",
        "reminder_sent",
    }
)


def events_visible_to(user: User, case: Case) -> QuerySet[CaseEvent]:
    """The case's timeline as the user may see it: the AI Office, all of it; the provider, what
    concerns it — not the AI Office's internal steps, nor internal documents."""
    events = CaseEvent.objects.filter(case=case)
    if is_ai_office(user):
        return events
    hidden = [
        str(pk)
        for pk in case.documents.filter(visibility=Visibility.INTERNAL).values_list("pk", flat=True)
    ]
    events = events.exclude(action__in=INTERNAL_ACTIONS)
    if hidden:
        events = events.exclude(
            action="document_uploaded", payload__document__in=[int(h) for h in hidden]
        )
    return events


def reads_visible_to(user: User, case: Case) -> QuerySet[DocumentRead]:
    """Who opened the case's documents: for its provider, the AI Office's reads of the documents
    it can see; for the AI Office, every read."""
    reads = DocumentRead.objects.filter(document__case=case).select_related("document", "reader")
    if is_ai_office(user):
        return reads
    if not is_member_of(user, case.model.provider_id):
        return reads.none()
    return reads.filter(
        document__visibility=Visibility.SHARED, reader_role__in=sorted(AI_OFFICE_ROLES)
    )


def notifications_due_visible_to(user: User) -> QuerySet[Notification]:
    """What the AI Office sees of the providers' drafts: for each draft notification, the model,
    the provider and the due date the provider declared — nothing of its content."""
    if not is_ai_office(user):
        return Notification.objects.none()
    return (
        Notification.objects.filter(case__state=State.DRAFT, case__kind=Kind.NOTIFICATION)
        .values(
            "case_id",
            "case__model__name",
            "case__model__version",
            "case__model__provider__legal_name",
            "notification_due",
            "case__overdue_escalated",
        )
        .order_by("notification_due", "case_id")
    )


def designations_visible_to(user: User) -> QuerySet[Designation]:
    return visible(user, Designation, "model__provider_id")


def get_case_for(user: User, reference: str, queryset: QuerySet[Case] | None = None) -> Case:
    """The case with this reference if the user may read it; 404 otherwise (never 403)."""
    qs = queryset if queryset is not None else cases_visible_to(user)
    return the_case(list(qs.select_related("model__provider").filter(reference=reference)[:2]))


def the_case(found: list[Case]) -> Case:
    """The one case a lookup by reference among the cases a person may read found (give it at
    most two); 404 otherwise (never 403)."""
    if len(found) != 1:
        raise Http404(_("No such case."))
    return found[0]


def get_document_of(user: Any, case: Case, pk: int) -> Document:
    """A document of the case that the user may see (never a provider's view of an internal one,
    nor a document removed from a draft); 404 otherwise."""
    document = documents_visible_to(user).filter(case=case, pk=pk).select_related("case").first()
    if document is None:
        raise Http404(_("No such document in this case."))
    return document


def get_request_of(case: Case, pk: int) -> InformationRequest:
    """The request for information or hearing ``pk`` of a case the user may read (the case comes
    from :func:`get_case_for`), with its extensions; 404 otherwise."""
    request = (
        InformationRequest.objects.filter(case=case, pk=pk)
        .prefetch_related("extensions__requested_by", "extensions__decided_by")
        .first()
    )
    if request is None:
        raise Http404(_("No such request."))
    request.case = case
    return request


# ---- the doors ----------------------------------------------------------------------------------


@refused_with(_("The workspace is for the AI Office."))
def may_use_workspace(user: Any, obj: Any = None) -> bool:
    return is_ai_office(user)


@refused_with(_("The portal is for providers; the AI Office works in the workspace."))
def may_use_portal(user: Any, obj: Any = None) -> bool:
    return is_provider_member(user)


# ---- the provider's side of a case ----------------------------------------------------------------


def _provider_of_case(user: Any, case: Case) -> bool:
    return is_member_of(user, case.model.provider_id)


@refused_with(_("Only a member of the model's provider may notify it."))
def may_notify(user: Any, model: GPAIModel) -> bool:
    return is_member_of(user, model.provider_id)


@refused_with(_("Only a member of the model's provider may request a reassessment."))
def may_request_reassessment(user: Any, designation: Designation) -> bool:
    return is_member_of(user, designation.model.provider_id)


@refused_with(_("Only the provider may edit its filing."))
def may_edit_filing(user: Any, case: Case) -> bool:
    return _provider_of_case(user, case)


@refused_with(_("Only the provider may submit its case."))
def may_submit(user: Any, case: Case) -> bool:
    return _provider_of_case(user, case)


@refused_with(_("Only the provider may withdraw its case."))
def may_withdraw(user: Any, case: Case) -> bool:
    return _provider_of_case(user, case)


@refused_with(_("Only the provider files arguments."))
def may_file_arguments(user: Any, case: Case) -> bool:
    return _provider_of_case(user, case)


@refused_with(_("Only the provider may correct its notification."))
def may_correct_notification(user: Any, case: Case) -> bool:
    return _provider_of_case(user, case)


@refused_with(_("Only the provider answers its requests."))
def may_answer(user: Any, case: Case) -> bool:
    return _provider_of_case(user, case)


@refused_with(_("Only the provider may ask for more time to answer."))
def may_request_extension(user: Any, case: Case) -> bool:
    return _provider_of_case(user, case)


@refused_with(_("Only the provider and caseworkers add documents to a case."))
def may_add_document(user: Any, case: Case) -> bool:
    return _provider_of_case(user, case) or is_caseworker(user)


def files_for_provider(user: Any, case: Case) -> bool:
    """Whether what this user adds to the case is filed by the provider (not the AI Office)."""
    return _provider_of_case(user, case)


# ---- the AI Office's side of a case ---------------------------------------------------------------


@refused_with(_("Only a caseworker may take up a case."))
def may_take_up(user: Any, case: Case) -> bool:
    return is_caseworker(user)


@refused_with(_("Only caseworkers and approvers assign cases."))
def may_assign(user: Any, case: Any = None) -> bool:
    """Caseworkers and approvers (heads of unit) assign and reassign cases."""
    return is_caseworker(user) or is_approver(user)


def may_be_assigned(user: Any) -> bool:
    """Cases are assigned to caseworkers."""
    return is_caseworker(user)


@refused_with(_("Only a caseworker may open an ex officio case."))
def may_open_ex_officio(user: Any, obj: Any = None) -> bool:
    return is_caseworker(user)


@refused_with(_("Only a caseworker may reassess a designation of the Commission's own motion."))
def may_open_reassessment(user: Any, designation: Any = None) -> bool:
    return is_caseworker(user)


@refused_with(_("Only a caseworker may request information."))
def may_request_information(user: Any, case: Case) -> bool:
    return is_caseworker(user)


@refused_with(_("Only a caseworker may withdraw a request."))
def may_withdraw_request(user: Any, case: Case) -> bool:
    return is_caseworker(user)


@refused_with(_("Only a caseworker may extend a due date or decide on a request for more time."))
def may_extend_request(user: Any, case: Case) -> bool:
    """Of the AI Office's own motion, or granting or refusing the provider's request."""
    return is_caseworker(user)


@refused_with(_("Only a caseworker reviews arguments."))
def may_review_claims(user: Any, case: Case) -> bool:
    return is_caseworker(user)


@refused_with(_("Only caseworkers record the assessment."))
def may_assess(user: Any, case: Case) -> bool:
    return is_caseworker(user)


@refused_with(_("Only a caseworker proposes decisions."))
def may_propose(user: Any, case: Case) -> bool:
    return is_caseworker(user)


@refused_with(_("Only an approver returns proposals."))
def may_return(user: Any, case: Case) -> bool:
    return is_approver(user)


@refused_with(_("Only an approver approves decisions."))
def may_approve(user: Any, case: Case) -> bool:
    return is_approver(user)


@refused_with(_("Only a caseworker shares an internal document with the provider."))
def may_share_document(user: Any, document: Any = None) -> bool:
    return is_caseworker(user)


@refused_with(_("Only caseworkers and approvers correct the record of a case."))
def may_correct_record(user: Any, case: Any = None) -> bool:
    return is_caseworker(user) or is_approver(user)


@refused_with(_("Only the provider claims confidentiality for what it filed."))
def may_claim_confidentiality(user: Any, case: Case) -> bool:
    return _provider_of_case(user, case)


@refused_with(_("Only a caseworker may regenerate a letter."))
def may_regenerate_letter(user: Any, case: Case) -> bool:
    return is_caseworker(user)


# ---- the public list ----------------------------------------------------------------------------


@refused_with(_("Only an admin publishes the public list."))
def may_publish(user: Any, obj: Any = None) -> bool:
    """Publish the list and edit its public wording: admins."""
    return is_office_admin(user)


# ---- letters ------------------------------------------------------------------------------------


@refused_with(_("Only a caseworker drafts the reasoning of a decision."))
def may_draft_reasoning(user: Any, case: Case) -> bool:
    return is_caseworker(user)


@refused_with(_("Only the AI Office previews a letter before it is sent."))
def may_preview_letter(user: Any, case: Case) -> bool:
    return is_caseworker(user) or is_approver(user)
