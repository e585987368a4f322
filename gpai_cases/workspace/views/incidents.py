"""The caseworkers' queue of serious incidents, by severity (the kind of harm) and the next
report due, and an incident's page with its reports and dates (docs/rules.md
§ serious-incidents)."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from gpai_cases.obligations import access

from .base import office_only


@office_only
def incident_queue(request: HttpRequest) -> HttpResponse:
    closed = request.GET.get("closed") == "1"
    incidents = (
        access.incidents_visible_to(request.user)
        .filter(closed_on__isnull=not closed)
        .select_related("kind", "model__provider", "case")
        .order_by("kind__severity", "next_due", "initial_due", "pk")
    )
    page = Paginator(incidents, 50).get_page(str(request.GET.get("page", "1"))[:12])
    return render(
        request,
        "workspace/incidents.html",
        {"page": page, "closed": closed, "today": timezone.localdate()},
    )


@office_only
def incident_view(request: HttpRequest, pk: int) -> HttpResponse:
    incident = access.get_visible(
        access.incidents_visible_to(request.user).select_related(
            "kind", "model__provider", "case", "designation", "reported_by"
        ),
        pk,
    )
    return render(
        request,
        "workspace/incident.html",
        {
            "incident": incident,
            "reports": incident.reports.select_related("file", "filed_by").order_by("number"),
            "today": timezone.localdate(),
        },
    )
