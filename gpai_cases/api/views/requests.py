"""Requests for information and hearings, and the provider's answers."""

from __future__ import annotations

from django.db import transaction
from drf_spectacular.utils import extend_schema
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from gpai_cases.cases import access, services
from gpai_cases.cases.models import InformationRequest
from gpai_cases.documents.models import Document

from .. import serializers as s
from ..errors import UNKNOWN_DOCUMENT, problem
from .base import ERRORS, case_for, case_record


class CaseInformationRequests(APIView):
    @extend_schema(
        request=s.InformationRequestInSerializer,
        responses={201: s.InformationRequestSerializer, **ERRORS},
    )
    def post(self, request: Request, reference: str) -> Response:
        case = case_for(request, reference)
        access.require(access.may_request_information, request.user, case)
        data = s.InformationRequestInSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        rfi = services.information_request_send(
            actor=request.user, case=case, **data.validated_data
        )
        return Response(s.InformationRequestSerializer(rfi).data, status=201)


class InformationRequestRespond(APIView):
    @extend_schema(
        request=s.ResponseSerializer, responses={200: s.InformationRequestSerializer, **ERRORS}
    )
    def post(self, request: Request, pk: int) -> Response:
        rfi = case_record(InformationRequest, request, pk)
        access.require(access.may_answer, request.user, rfi.case)
        data = s.ResponseSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        ids = data.validated_data.get("documents", [])
        documents = list(Document.objects.filter(case=rfi.case, pk__in=ids))
        if len(documents) != len(set(ids)):
            return problem(
                400,
                UNKNOWN_DOCUMENT,
                errors={"documents": ["Unknown document."]},
            )
        with transaction.atomic():
            rfi = services.information_request_answer(
                actor=request.user,
                request=rfi,
                response=data.validated_data["response"],
                documents=documents,
            )
        return Response(s.InformationRequestSerializer(rfi).data)
