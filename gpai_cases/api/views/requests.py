"""Requests for information and hearings: sending, the provider's answers, withdrawal, and
extensions of the due date (lapse is automatic: the periodic sweep)."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from gpai_cases.cases import access, services
from gpai_cases.cases.models import InformationRequest, RequestExtension
from gpai_cases.documents.models import Document

from .. import serializers as s
from ..errors import UNKNOWN_DOCUMENT, problem
from .base import ERRORS, case_for, case_record


class CaseInformationRequests(APIView):
    @extend_schema(responses={200: s.InformationRequestSerializer(many=True), **ERRORS})
    def get(self, request: Request, reference: str) -> Response:
        """The case's requests for information and hearings: status, due date with its rule,
        lapse, withdrawal, extensions."""
        case = case_for(request, reference)
        requests = InformationRequest.objects.filter(case=case).prefetch_related("extensions")
        return Response(s.InformationRequestSerializer(requests, many=True).data)

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
                errors={"documents": [str(_("Unknown document."))]},
            )
        with transaction.atomic():
            rfi = services.information_request_answer(
                actor=request.user,
                request=rfi,
                response=data.validated_data["response"],
                documents=documents,
            )
        return Response(s.InformationRequestSerializer(rfi).data)


def _request_out(pk: int) -> Response:
    rfi = InformationRequest.objects.prefetch_related("extensions").get(pk=pk)
    return Response(s.InformationRequestSerializer(rfi).data)


class InformationRequestWithdraw(APIView):
    """A caseworker withdraws a request sent by mistake, with the reason (letter to the provider)."""

    @extend_schema(
        request=s.ReasonSerializer, responses={200: s.InformationRequestSerializer, **ERRORS}
    )
    def post(self, request: Request, pk: int) -> Response:
        rfi = case_record(InformationRequest, request, pk)
        access.require(access.may_withdraw_request, request.user, rfi.case)
        data = s.ReasonSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.information_request_withdraw(
            actor=request.user, request=rfi, reason=data.validated_data["reason"]
        )
        return _request_out(rfi.pk)


class InformationRequestExtend(APIView):
    """A caseworker extends the due date of an open request of the AI Office's own motion."""

    @extend_schema(
        request=s.ExtendSerializer, responses={200: s.InformationRequestSerializer, **ERRORS}
    )
    def post(self, request: Request, pk: int) -> Response:
        rfi = case_record(InformationRequest, request, pk)
        access.require(access.may_extend_request, request.user, rfi.case)
        data = s.ExtendSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.information_request_extend(actor=request.user, request=rfi, **data.validated_data)
        return _request_out(rfi.pk)


class InformationRequestExtensionRequests(APIView):
    """The provider asks, with reasons, for more time to answer an open request."""

    @extend_schema(
        request=s.ExtensionRequestInSerializer, responses={201: s.ExtensionSerializer, **ERRORS}
    )
    def post(self, request: Request, pk: int) -> Response:
        rfi = case_record(InformationRequest, request, pk)
        access.require(access.may_request_extension, request.user, rfi.case)
        data = s.ExtensionRequestInSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        extension = services.extension_request(
            actor=request.user, request=rfi, **data.validated_data
        )
        return Response(s.ExtensionSerializer(extension).data, status=201)


class ExtensionRequestGrant(APIView):
    """A caseworker grants the provider's request for more time, with the date asked or another."""

    @extend_schema(
        request=s.ExtensionGrantSerializer,
        responses={200: s.InformationRequestSerializer, **ERRORS},
    )
    def post(self, request: Request, pk: int) -> Response:
        extension = case_record(RequestExtension, request, pk)
        access.require(access.may_extend_request, request.user, extension.case)
        data = s.ExtensionGrantSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.extension_grant(actor=request.user, extension=extension, **data.validated_data)
        return _request_out(extension.request_id)


class ExtensionRequestRefuse(APIView):
    """A caseworker refuses the provider's request for more time, saying why."""

    @extend_schema(
        request=s.NoteSerializer, responses={200: s.InformationRequestSerializer, **ERRORS}
    )
    def post(self, request: Request, pk: int) -> Response:
        extension = case_record(RequestExtension, request, pk)
        access.require(access.may_extend_request, request.user, extension.case)
        data = s.NoteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.extension_refuse(
            actor=request.user, extension=extension, note=data.validated_data["note"]
        )
        return _request_out(extension.request_id)
