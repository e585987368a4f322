"""Designations and the public list's publications."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import generics, status
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from gpai_cases.cases import access, services
from gpai_cases.obligations.timeline import citation_lines, with_citations
from gpai_cases.register import services as register
from gpai_cases.register.models import Publication

from .. import obligation_serializers as o
from .. import serializers as s
from ..errors import problem
from .base import ERRORS, case_response


class Designations(generics.ListAPIView):
    serializer_class = s.DesignationSerializer

    def get_queryset(self) -> QuerySet[Any]:
        return access.designations_visible_to(self.request.user).order_by("pk")


class DesignationDetail(generics.RetrieveAPIView):
    serializer_class = s.DesignationSerializer

    def get_queryset(self) -> QuerySet[Any]:
        return access.designations_visible_to(self.request.user)


class DesignationReassess(APIView):
    """Open a reassessment of the designation of the Commission's own motion (caseworkers)."""

    @extend_schema(
        request=o.ReassessmentOpenCitingSerializer,
        responses={201: s.CaseSerializer, **ERRORS},
        operation_id="designations_reassess",
    )
    def post(self, request: Request, pk: int) -> Response:
        designation = get_object_or_404(access.designations_visible_to(request.user), pk=pk)
        access.require(access.may_open_reassessment, request.user, designation)
        data = o.ReassessmentOpenCitingSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        reasons = with_citations(
            data.validated_data["reasons"],
            citation_lines(
                designation.model, data.validated_data.get("cite", []), user=request.user
            ),
        )
        case = services.reassessment_open(
            actor=request.user, designation=designation, reasons=reasons
        )
        return case_response(request, case.reference, 201)


class Publications(generics.ListAPIView):
    serializer_class = s.PublicationSerializer

    def get_permissions(self) -> list[Any]:
        return [AllowAny()] if self.request.method == "GET" else [IsAuthenticated()]

    def get_queryset(self) -> QuerySet[Publication]:
        return Publication.objects.prefetch_related("entries").order_by("-number")

    @extend_schema(
        request=s.PublicationInSerializer, responses={201: s.PublicationSerializer, **ERRORS}
    )
    def post(self, request: Request) -> Response:
        data = s.PublicationInSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        overrides = {
            e["designation"]: {k: v for k, v in e.items() if k != "designation"}
            for e in data.validated_data.get("entries", [])
        }
        access.require(access.may_publish, request.user)
        known = set(
            access.designations_visible_to(request.user)
            .filter(pk__in=list(overrides))
            .values_list("pk", flat=True)
        )
        if set(overrides) - known:
            return problem(
                400, "Unknown designation.", errors={"entries": ["Unknown designation."]}
            )
        publication = register.publish(actor=request.user, overrides=overrides)
        return Response(s.PublicationSerializer(publication).data, status=status.HTTP_201_CREATED)
