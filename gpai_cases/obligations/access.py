"""Who may see and do what with the obligations: the same two kinds of function as
:mod:`gpai_cases.cases.access` (which the doors also ask for cases).

- ``*_visible_to(user)``: what a user may read. A provider member reads its own providers'
  records; the AI Office reads everything. Another provider's record is "not found" (404), never
  "forbidden". None of it is public. The AI Office's assessment notes on a framework are internal.
- ``may_<verb>(user, obj)``: whether the role lets the user do it, with the sentence that
  refuses it (:func:`gpai_cases.core.permissions.require`).
"""

from __future__ import annotations

from typing import Any

from django.db.models import Model, QuerySet
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from gpai_cases.accounts.roles import (
    is_ai_office,
    is_caseworker,
    is_member_of,
    is_office_admin,
)
from gpai_cases.core.forms import parse_pk
from gpai_cases.core.permissions import refused_with, require
from gpai_cases.providers.access import visible

from .models import (
    CodeOfPracticeStatus,
    FrameworkReview,
    FrameworkVersion,
    IncidentReport,
    ModelReport,
    ObligationEvent,
    ObligationFile,
    ReviewKind,
    SeriousIncident,
)

__all__ = [
    "code_of_practice_visible_to",
    "files_visible_to",
    "framework_reviews_visible_to",
    "framework_versions_visible_to",
    "get_visible",
    "incident_reports_visible_to",
    "incidents_visible_to",
    "may_change_periods",
    "may_file_framework",
    "may_file_incident_report",
    "may_file_model_report",
    "may_record_code_of_practice",
    "may_report_incident",
    "may_review_framework",
    "model_reports_visible_to",
    "obligation_events_visible_to",
    "require",
]

# ---- what a user may read ----------------------------------------------------------------------


def code_of_practice_visible_to(user: Any) -> QuerySet[CodeOfPracticeStatus]:
    return visible(user, CodeOfPracticeStatus, "provider_id")


def framework_versions_visible_to(user: Any) -> QuerySet[FrameworkVersion]:
    return visible(user, FrameworkVersion, "provider_id")


def framework_reviews_visible_to(user: Any) -> QuerySet[FrameworkReview]:
    """The AI Office's assessment notes stay internal; acknowledgements and requests for changes
    reach the provider."""
    reviews = visible(user, FrameworkReview, "provider_id")
    return reviews if is_ai_office(user) else reviews.exclude(kind=ReviewKind.ASSESSMENT_NOTE)


def model_reports_visible_to(user: Any) -> QuerySet[ModelReport]:
    return visible(user, ModelReport, "model__provider_id")


def incidents_visible_to(user: Any) -> QuerySet[SeriousIncident]:
    return visible(user, SeriousIncident, "model__provider_id")


def incident_reports_visible_to(user: Any) -> QuerySet[IncidentReport]:
    return visible(user, IncidentReport, "incident__model__provider_id")


def files_visible_to(user: Any) -> QuerySet[ObligationFile]:
    return visible(user, ObligationFile, "provider_id")


def obligation_events_visible_to(user: Any) -> QuerySet[ObligationEvent]:
    """The audit trail of a provider's obligations: the AI Office's (it holds internal notes)."""
    if is_ai_office(user):
        return ObligationEvent.objects.all()
    return ObligationEvent.objects.none()


def get_visible(queryset: QuerySet[Any], pk: Any) -> Model:
    """The record ``pk`` of a visible queryset, or 404 (never 403)."""
    pk = parse_pk(pk)
    found = queryset.filter(pk=pk).first() if pk is not None else None
    if found is None:
        raise Http404("No such record.")
    return found


# ---- what a role may do -------------------------------------------------------------------------


@refused_with(_("Only the AI Office records a provider's Code of Practice status."))
def may_record_code_of_practice(user: Any, provider: Any = None) -> bool:
    return is_caseworker(user) or is_office_admin(user)


@refused_with(_("Only a member of the provider files its safety and security framework."))
def may_file_framework(user: Any, provider: Any) -> bool:
    return is_member_of(user, provider)


@refused_with(_("Only a caseworker reviews a safety and security framework."))
def may_review_framework(user: Any, version: Any = None) -> bool:
    return is_caseworker(user)


@refused_with(_("Only a member of the model's provider files its model reports."))
def may_file_model_report(user: Any, designation: Any) -> bool:
    return is_member_of(user, designation.model.provider_id)


@refused_with(_("Only a member of the model's provider reports its serious incidents."))
def may_report_incident(user: Any, designation: Any) -> bool:
    return is_member_of(user, designation.model.provider_id)


@refused_with(_("Only a member of the model's provider reports on its serious incidents."))
def may_file_incident_report(user: Any, incident: Any) -> bool:
    return is_member_of(user, incident.model.provider_id)


@refused_with(_("Only an admin changes the periods of the obligations."))
def may_change_periods(user: Any, obj: Any = None) -> bool:
    return is_office_admin(user)
