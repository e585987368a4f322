"""The provider's obligations after designation (docs/rules.md § code-of-practice, § framework,
§ model-reports, § serious-incidents): its Code of Practice status, its safety and security
framework, its designated models' reports and serious incidents. Every filing goes through
:mod:`gpai_cases.obligations.services`; another provider's record is "not found"."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from gpai_cases.cases import access as case_access
from gpai_cases.core.forms import form_data, refused_into
from gpai_cases.obligations import access, services
from gpai_cases.obligations.models import ChangeRequestStatus

from .. import obligation_forms as forms
from .base import acting_for_owner, provider_for, provider_only


def filed_into(form: Any, action: Callable[[], Any]) -> Any:
    """Run a filing service; a refusal comes back on the form (values kept, error summary)."""
    return refused_into(form, action, file_errors=(services.UploadRefused,))


def designation_for(request: HttpRequest, pk: int) -> Any:
    designation = access.get_visible(
        case_access.designations_visible_to(request.user).select_related("model__provider", "case"),
        pk,
    )
    acting_for_owner(request, designation.model.provider)
    return designation


def incident_for(request: HttpRequest, pk: int) -> Any:
    incident = access.get_visible(
        access.incidents_visible_to(request.user).select_related(
            "kind", "designation", "model__provider", "case"
        ),
        pk,
    )
    acting_for_owner(request, incident.model.provider)
    return incident


@provider_only
def obligations(request: HttpRequest) -> HttpResponse:
    provider = provider_for(request)
    user = request.user
    versions = list(
        access.framework_versions_visible_to(user)
        .filter(provider=provider)
        .select_related("file")
        .prefetch_related(
            Prefetch("reviews", queryset=access.framework_reviews_visible_to(user).order_by("at"))
        )
        .order_by("-version")
    )
    designated = []
    for d in (
        case_access.designations_visible_to(user)
        .filter(model__provider=provider, ended_on__isnull=True)
        .select_related("model", "case")
        .order_by("model__name")
    ):
        last = services.latest_report(d.model)
        due, kind = services.report_due(d, last)
        designated.append(
            {
                "designation": d,
                "reports": access.model_reports_visible_to(user)
                .filter(model=d.model)
                .order_by("-version"),
                "due": due,
                "due_kind": kind,
                "incidents": access.incidents_visible_to(user)
                .filter(model=d.model)
                .select_related("kind")
                .order_by("closed_on", "next_due"),
            }
        )
    return render(
        request,
        "portal/obligations.html",
        {
            "provider": provider,
            "code_of_practice": services.code_of_practice_current(provider),
            "code_of_practice_history": access.code_of_practice_visible_to(user)
            .filter(provider=provider)
            .order_by("-recorded_at", "-id"),
            "versions": versions,
            "open_changes": [
                r for v in versions for r in v.reviews.all() if r.status == ChangeRequestStatus.OPEN
            ],
            "designated": designated,
            "kinds": services.incident_kinds(),
            "today": timezone.localdate(),
        },
    )


@provider_only
def framework_file(request: HttpRequest) -> HttpResponse:
    provider = provider_for(request)
    form = forms.FrameworkForm(*form_data(request))
    if request.method == "POST" and form.is_valid():
        version = filed_into(
            form,
            lambda: services.framework_file(
                actor=request.user,
                provider=provider,
                summary=form.cleaned_data["summary"],
                uploaded_file=form.cleaned_data["file"],
            ),
        )
        if version is not None:
            messages.success(
                request,
                _("Version %(version)s of your framework is filed.") % {"version": version.version},
            )
            return redirect("portal:obligations")
    return render(request, "portal/framework_form.html", {"form": form, "provider": provider})


@provider_only
def model_report_file(request: HttpRequest, designation_id: int) -> HttpResponse:
    designation = designation_for(request, designation_id)
    last = services.latest_report(designation.model)
    due, kind = services.report_due(designation, last)
    form = forms.ModelReportForm(*form_data(request))
    if request.method == "POST" and form.is_valid():
        report = filed_into(
            form,
            lambda: services.model_report_file(
                actor=request.user,
                designation=designation,
                **forms.service_fields(form, "summary", "update_reason"),
                uploaded_file=form.cleaned_data["file"],
            ),
        )
        if report is not None:
            messages.success(
                request,
                _(
                    "Version %(version)s of the model report of %(model)s is filed; "
                    "the acknowledgement of receipt is being prepared."
                )
                % {"version": report.version, "model": designation.model},
            )
            return redirect("portal:obligations")
    return render(
        request,
        "portal/model_report_form.html",
        {
            "form": form,
            "designation": designation,
            "last": last,
            "due": due,
            "kind": kind,
            "today": timezone.localdate(),
        },
    )


@provider_only
def incident_report(request: HttpRequest, designation_id: int) -> HttpResponse:
    designation = designation_for(request, designation_id)
    form = forms.IncidentForm(*form_data(request))
    if request.method == "POST" and form.is_valid():
        incident = filed_into(
            form,
            lambda: services.incident_report(
                actor=request.user,
                designation=designation,
                **forms.service_fields(
                    form,
                    "kind",
                    "title",
                    "aware_on",
                    "what_happened",
                    "corrective_measures",
                    "resolved_on",
                ),
                uploaded_file=form.cleaned_data.get("file"),
            ),
        )
        if incident is not None:
            late = (
                _("It came after its due date and is flagged late.")
                if incident.initial_late
                else ""
            )
            messages.success(
                request,
                " ".join(
                    [
                        _(
                            "The serious incident is reported; the acknowledgement of receipt "
                            "is being prepared."
                        ),
                        late,
                    ]
                ).strip(),
            )
            return redirect("portal:incident", pk=incident.pk)
    return render(request, "portal/incident_form.html", {"form": form, "designation": designation})


@provider_only
def incident_view(request: HttpRequest, pk: int) -> HttpResponse:
    incident = incident_for(request, pk)
    return render(
        request,
        "portal/incident.html",
        {
            "incident": incident,
            "reports": incident.reports.select_related("file").order_by("number"),
            "today": timezone.localdate(),
        },
    )


@provider_only
def incident_update(request: HttpRequest, pk: int) -> HttpResponse:
    incident = incident_for(request, pk)
    form = forms.IncidentUpdateForm(*form_data(request))
    if request.method == "POST" and form.is_valid():
        report = filed_into(
            form,
            lambda: services.incident_update(
                actor=request.user,
                incident=incident,
                **forms.service_fields(
                    form, "what_happened", "corrective_measures", "resolved_on", "final"
                ),
                uploaded_file=form.cleaned_data.get("file"),
            ),
        )
        if report is not None:
            messages.success(
                request,
                _("Your %(report)s is filed; the acknowledgement of receipt is being prepared.")
                % {"report": report.get_stage_display().lower()},
            )
            return redirect("portal:incident", pk=incident.pk)
    return render(
        request,
        "portal/incident_update.html",
        {"form": form, "incident": incident, "today": timezone.localdate()},
    )
