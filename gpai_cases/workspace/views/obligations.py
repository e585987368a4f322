"""The AI Office's side of the obligations after designation: providers (Code of Practice status,
safety and security framework and its reviews) and a designated model's timeline, from which a
reassessment of the Commission's own motion is opened citing dated entries
(docs/rules.md § framework, § model-reports, § reassessment)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.db.models import Count, Prefetch, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext

from gpai_cases.cases import access as case_access
from gpai_cases.core.forms import form_data, refused_into
from gpai_cases.obligations import access, services
from gpai_cases.obligations.models import FrameworkVersion
from gpai_cases.obligations.services.periods import FRAMEWORK_CHANGES
from gpai_cases.obligations.timeline import model_timeline

from .. import obligation_forms as forms
from .base import office_only


@office_only
def providers_list(request: HttpRequest) -> HttpResponse:
    providers = (
        case_access.providers_visible_to(request.user)
        .annotate(
            designated=Count(
                "models__designations",
                filter=Q(models__designations__ended_on=None),
                distinct=True,
            ),
            frameworks=Count("framework_versions", distinct=True),
        )
        .order_by("legal_name")
    )
    return render(request, "workspace/providers.html", {"providers": providers})


def _provider(request: HttpRequest, pk: int) -> Any:
    return access.get_visible(case_access.providers_visible_to(request.user), pk)


@office_only
def provider_view(request: HttpRequest, pk: int) -> HttpResponse:
    provider = _provider(request, pk)
    user = request.user
    versions = (
        access.framework_versions_visible_to(user)
        .filter(provider=provider)
        .select_related("file", "filed_by")
        .prefetch_related(
            Prefetch(
                "reviews",
                queryset=access.framework_reviews_visible_to(user)
                .select_related("by")
                .order_by("at"),
            )
        )
        .order_by("-version")
    )
    models = (
        case_access.models_visible_to(user)
        .filter(provider=provider)
        .prefetch_related("designations")
        .order_by("name", "version")
    )
    return render(
        request,
        "workspace/provider.html",
        {
            "provider": provider,
            "code_of_practice": services.code_of_practice_current(provider),
            "code_of_practice_history": access.code_of_practice_visible_to(user)
            .filter(provider=provider)
            .select_related("recorded_by")
            .order_by("-recorded_at", "-id"),
            "versions": versions,
            "models": models,
            "events": access.obligation_events_visible_to(user)
            .filter(provider=provider)
            .select_related("actor")
            .order_by("-at", "-id")[:100],
            "today": timezone.localdate(),
            "may_record": access.may_record_code_of_practice(user, provider),
            "may_review": access.may_review_framework(user),
        },
    )


@office_only
def code_of_practice_record(request: HttpRequest, pk: int) -> HttpResponse:
    provider = _provider(request, pk)
    access.require(access.may_record_code_of_practice, request.user, provider)
    form = forms.CodeOfPracticeForm(form_data(request)[0])
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        status = refused_into(
            form,
            lambda: services.code_of_practice_record(
                actor=request.user,
                provider=provider,
                chapter=data["chapter"],
                signatory=data["status"] == "signed",
                on=data["on"],
                note=data["note"],
                via="workspace",
            ),
        )
        if status is not None:
            messages.success(
                request,
                gettext("Recorded for the chapter “{chapter}”: {status}.").format(
                    chapter=status.get_chapter_display(), status=status.words
                ),
            )
            return redirect("workspace:provider", pk=provider.pk)
    return render(
        request,
        "workspace/code_of_practice_form.html",
        {
            "provider": provider,
            "form": form,
            "code_of_practice": services.code_of_practice_current(provider),
        },
    )


@office_only
def framework_review(request: HttpRequest, pk: int) -> HttpResponse:
    version = access.get_visible(
        access.framework_versions_visible_to(request.user).select_related("provider", "file"), pk
    )
    access.require(access.may_review_framework, request.user, version)
    form = forms.FrameworkReviewForm(form_data(request)[0])
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        review = refused_into(
            form,
            lambda: services.framework_review(
                actor=request.user,
                version=version,
                kind=data["kind"],
                note=data["note"],
                days=data["days"],
            ),
        )
        if review is not None:
            messages.success(
                request, gettext("{review}: recorded.").format(review=review.get_kind_display())
            )
            return redirect("workspace:provider", pk=version.provider_id)
    latest = FrameworkVersion.objects.filter(provider_id=version.provider_id).order_by("-version")
    return render(
        request,
        "workspace/framework_review.html",
        {
            "version": version,
            "form": form,
            "latest": latest.first(),
            "changes_period": services.period(FRAMEWORK_CHANGES),
        },
    )


@office_only
def model_view(request: HttpRequest, pk: int) -> HttpResponse:
    """A model's obligations on one timeline; its entries can be cited in a reassessment."""
    model = access.get_visible(
        case_access.models_visible_to(request.user).select_related("provider"), pk
    )
    designation = model.designations.filter(ended_on__isnull=True).select_related("case").first()
    due = kind = None
    if designation is not None:
        due, kind = services.report_due(designation, services.latest_report(model))
    return render(
        request,
        "workspace/model.html",
        {
            "model": model,
            "designation": designation,
            "timeline": model_timeline(model, user=request.user),
            "report_due": due,
            "report_due_kind": kind,
            "may_reassess": case_access.may_open_reassessment(request.user, designation),
            "today": timezone.localdate(),
        },
    )
