"""The obligations after designation: a provider's Code of Practice status and framework, a
designated model's reports, serious incidents, the timeline a reassessment cites, and the files.
The same services and access rules as the portal and the workspace; another provider's record is
404, never 403."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, QuerySet
from django.http import FileResponse
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import generics
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from gpai_cases.cases import access as case_access
from gpai_cases.obligations import access, services
from gpai_cases.obligations.models import IncidentKind
from gpai_cases.obligations.timeline import model_timeline

from .. import obligation_serializers as s
from .base import ERRORS


def _provider(request: Request, pk: int) -> Any:
    return access.get_visible(case_access.providers_visible_to(request.user), pk)


def _designation(request: Request, pk: int) -> Any:
    return access.get_visible(
        case_access.designations_visible_to(request.user).select_related("model__provider", "case"),
        pk,
    )


def _incident(request: Request, pk: int) -> Any:
    return access.get_visible(
        access.incidents_visible_to(request.user).select_related(
            "kind", "designation", "model__provider", "case"
        ),
        pk,
    )


def _valid(serializer: type, request: Request) -> dict[str, Any]:
    data = serializer(data=request.data)
    data.is_valid(raise_exception=True)
    return dict(data.validated_data)


class ProviderCodeOfPractice(APIView):
    @extend_schema(responses={200: s.CodeOfPracticeSerializer, **ERRORS})
    def get(self, request: Request, pk: int) -> Response:
        provider = _provider(request, pk)
        current = [st for _v, _l, st in services.code_of_practice_current(provider) if st]
        history = (
            access.code_of_practice_visible_to(request.user)
            .filter(provider=provider)
            .order_by("-recorded_at", "-id")
        )
        return Response(s.CodeOfPracticeSerializer({"current": current, "history": history}).data)

    @extend_schema(
        request=s.CodeOfPracticeInSerializer,
        responses={201: s.CodeOfPracticeStatusSerializer, **ERRORS},
    )
    def post(self, request: Request, pk: int) -> Response:
        provider = _provider(request, pk)
        access.require(access.may_record_code_of_practice, request.user, provider)
        status = services.code_of_practice_record(
            actor=request.user,
            provider=provider,
            via="api",
            **_valid(s.CodeOfPracticeInSerializer, request),
        )
        return Response(s.CodeOfPracticeStatusSerializer(status).data, status=201)


class ProviderFramework(APIView):
    @extend_schema(responses={200: s.FrameworkVersionSerializer(many=True), **ERRORS})
    def get(self, request: Request, pk: int) -> Response:
        provider = _provider(request, pk)
        versions = (
            access.framework_versions_visible_to(request.user)
            .filter(provider=provider)
            .select_related("file")
            .prefetch_related(
                Prefetch(
                    "reviews",
                    queryset=access.framework_reviews_visible_to(request.user).order_by("at"),
                )
            )
            .order_by("version")
        )
        return Response(
            s.FrameworkVersionSerializer(versions, many=True, context={"request": request}).data
        )

    @extend_schema(
        request={"multipart/form-data": s.FrameworkInSerializer},
        responses={201: s.FrameworkVersionSerializer, **ERRORS},
    )
    def post(self, request: Request, pk: int) -> Response:
        provider = _provider(request, pk)
        access.require(access.may_file_framework, request.user, provider)
        data = _valid(s.FrameworkInSerializer, request)
        version = services.framework_file(
            actor=request.user,
            provider=provider,
            summary=data["summary"],
            uploaded_file=data["file"],
        )
        return Response(
            s.FrameworkVersionSerializer(version, context={"request": request}).data, status=201
        )


class FrameworkReviews(APIView):
    @extend_schema(
        request=s.FrameworkReviewInSerializer,
        responses={201: s.FrameworkReviewSerializer, **ERRORS},
    )
    def post(self, request: Request, pk: int) -> Response:
        version = access.get_visible(access.framework_versions_visible_to(request.user), pk)
        access.require(access.may_review_framework, request.user, version)
        review = services.framework_review(
            actor=request.user, version=version, **_valid(s.FrameworkReviewInSerializer, request)
        )
        return Response(s.FrameworkReviewSerializer(review).data, status=201)


class DesignationModelReports(APIView):
    @extend_schema(responses={200: s.ModelReportsSerializer, **ERRORS})
    def get(self, request: Request, pk: int) -> Response:
        designation = _designation(request, pk)
        reports = access.model_reports_visible_to(request.user).filter(model=designation.model)
        due, kind = services.report_due(designation, services.latest_report(designation.model))
        return Response(
            s.ModelReportsSerializer(
                {"next_due": due, "next_kind": kind, "reports": reports.order_by("version")},
                context={"request": request},
            ).data
        )

    @extend_schema(
        request={"multipart/form-data": s.ModelReportInSerializer},
        responses={201: s.ModelReportSerializer, **ERRORS},
    )
    def post(self, request: Request, pk: int) -> Response:
        designation = _designation(request, pk)
        access.require(access.may_file_model_report, request.user, designation)
        data = _valid(s.ModelReportInSerializer, request)
        report = services.model_report_file(
            actor=request.user,
            designation=designation,
            summary=data["summary"],
            update_reason=data["update_reason"],
            uploaded_file=data["file"],
        )
        return Response(
            s.ModelReportSerializer(report, context={"request": request}).data, status=201
        )


class DesignationIncidents(APIView):
    @extend_schema(responses={200: s.IncidentSerializer(many=True), **ERRORS})
    def get(self, request: Request, pk: int) -> Response:
        designation = _designation(request, pk)
        incidents = (
            access.incidents_visible_to(request.user)
            .filter(designation=designation)
            .select_related("kind")
            .order_by("pk")
        )
        return Response(s.IncidentSerializer(incidents, many=True).data)

    @extend_schema(
        request={
            "application/json": s.IncidentInSerializer,
            "multipart/form-data": s.IncidentInSerializer,
        },
        responses={201: s.IncidentDetailSerializer, **ERRORS},
    )
    def post(self, request: Request, pk: int) -> Response:
        designation = _designation(request, pk)
        access.require(access.may_report_incident, request.user, designation)
        data = _valid(s.IncidentInSerializer, request)
        incident = services.incident_report(
            actor=request.user,
            designation=designation,
            uploaded_file=data.pop("file", None),
            **data,
        )
        return Response(
            s.IncidentDetailSerializer(incident, context={"request": request}).data, status=201
        )


class DesignationTimeline(APIView):
    @extend_schema(responses={200: s.TimelineEntrySerializer(many=True), **ERRORS})
    def get(self, request: Request, pk: int) -> Response:
        designation = _designation(request, pk)
        entries = model_timeline(designation.model, user=request.user)
        return Response(
            s.TimelineEntrySerializer(entries, many=True, context={"request": request}).data
        )


class Incidents(generics.ListAPIView):
    """Serious incidents: open ones by severity and next report due (the caseworkers' queue)."""

    serializer_class = s.IncidentSerializer

    def get_queryset(self) -> QuerySet[Any]:
        closed = self.request.query_params.get("closed") == "1"
        return (
            access.incidents_visible_to(self.request.user)
            .filter(closed_on__isnull=not closed)
            .select_related("kind")
            .order_by("kind__severity", "next_due", "initial_due", "pk")
        )

    @extend_schema(
        parameters=[OpenApiParameter("closed", str, description="1: the closed incidents")]
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)


class IncidentDetail(APIView):
    @extend_schema(responses={200: s.IncidentDetailSerializer, **ERRORS})
    def get(self, request: Request, pk: int) -> Response:
        incident = _incident(request, pk)
        return Response(s.IncidentDetailSerializer(incident, context={"request": request}).data)


class IncidentReports(APIView):
    @extend_schema(
        request={
            "application/json": s.IncidentUpdateInSerializer,
            "multipart/form-data": s.IncidentUpdateInSerializer,
        },
        responses={201: s.IncidentReportSerializer, **ERRORS},
    )
    def post(self, request: Request, pk: int) -> Response:
        incident = _incident(request, pk)
        access.require(access.may_file_incident_report, request.user, incident)
        data = _valid(s.IncidentUpdateInSerializer, request)
        report = services.incident_update(
            actor=request.user, incident=incident, uploaded_file=data.pop("file", None), **data
        )
        return Response(
            s.IncidentReportSerializer(report, context={"request": request}).data, status=201
        )


class IncidentKinds(generics.ListAPIView):
    """The kinds of harm and their periods, with the source of each value."""

    serializer_class = s.IncidentKindSerializer
    pagination_class = None

    def get_queryset(self) -> QuerySet[IncidentKind]:
        return IncidentKind.objects.order_by("severity", "code")


class ObligationFileDownload(APIView):
    @extend_schema(
        responses={
            (200, "application/octet-stream"): OpenApiResponse(description="the file"),
            **ERRORS,
        }
    )
    def get(self, request: Request, pk: int) -> FileResponse:
        stored = access.get_visible(access.files_visible_to(request.user), pk)
        return FileResponse(
            stored.file.open("rb"),
            as_attachment=True,
            filename=stored.original_name,
            content_type=stored.content_type,
        )
