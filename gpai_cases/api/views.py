"""REST API v1: the same service functions and access rules as the web pages, another door."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import Prefetch, QuerySet
from django.http import FileResponse, Http404
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import generics, status
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from gpai_cases.cases import access, services
from gpai_cases.cases.models import Case, CaseEvent, Claim, Decision, InformationRequest
from gpai_cases.documents.models import Document
from gpai_cases.letters.models import Letter
from gpai_cases.register import services as register
from gpai_cases.register.models import Publication

from . import serializers as s
from .errors import problem

PROBLEM = OpenApiResponse(description="application/problem+json")
ERRORS = {400: PROBLEM, 401: PROBLEM, 403: PROBLEM, 404: PROBLEM, 409: PROBLEM}


def cases_for(user: Any) -> QuerySet[Case]:
    return (
        access.cases_visible_to(user)
        .select_related("model", "assignee", "notification", "resulting_designation")
        .prefetch_related(
            Prefetch("decisions", queryset=Decision.objects.filter(status="approved"))
        )
    )


def case_for(request: Request, reference: str) -> Case:
    return access.get_case_for(request.user, reference, cases_for(request.user))


def case_response(request: Request, reference: str, code: int = 200) -> Response:
    return Response(s.CaseSerializer(case_for(request, reference)).data, status=code)


class ProviderCreate(APIView):
    @extend_schema(request=s.ProviderSerializer, responses={201: s.ProviderSerializer, **ERRORS})
    def post(self, request: Request) -> Response:
        access.require(access.may_register_providers, request.user)
        data = s.ProviderSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        provider = services.provider_create(actor=request.user, **data.validated_data)
        return Response(s.ProviderSerializer(provider).data, status=201)


class Models(generics.ListAPIView):
    serializer_class = s.ModelSerializer

    def get_queryset(self) -> QuerySet[Any]:
        return access.models_visible_to(self.request.user).order_by("pk")

    @extend_schema(request=s.ModelSerializer, responses={201: s.ModelSerializer, **ERRORS})
    def post(self, request: Request) -> Response:
        access.require(access.may_register_models, request.user)
        data = s.ModelSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        fields = dict(data.validated_data)
        provider_id = fields.pop("provider_id", None)
        if access.may_use_workspace(request.user):
            if provider_id is None:
                return problem(
                    400,
                    "Give the provider of the model.",
                    errors={"provider": ["This field is required."]},
                )
            provider = access.providers_visible_to(request.user).filter(pk=provider_id).first()
        else:
            mine = access.providers_visible_to(request.user)
            provider = mine.filter(pk=provider_id).first() if provider_id else mine.first()
        if provider is None:
            raise Http404
        model = services.model_register(actor=request.user, provider=provider, **fields)
        return Response(s.ModelSerializer(model).data, status=201)


class ModelDetail(generics.RetrieveAPIView):
    serializer_class = s.ModelSerializer

    def get_queryset(self) -> QuerySet[Any]:
        return access.models_visible_to(self.request.user)


class Cases(generics.ListAPIView):
    serializer_class = s.CaseSerializer

    def get_queryset(self) -> QuerySet[Case]:
        return cases_for(self.request.user).order_by("pk")

    @extend_schema(request=s.CaseCreateSerializer, responses={201: s.CaseSerializer, **ERRORS})
    def post(self, request: Request) -> Response:
        data = s.CaseCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        d = data.validated_data
        if d["kind"] == "reassessment":
            designation = (
                access.designations_visible_to(request.user).filter(pk=d["designation"]).first()
            )
            if designation is None:
                raise Http404
            case = services.case_create_reassessment(
                actor=request.user, designation=designation, reasons=d["reasons"]
            )
        else:
            model = access.models_visible_to(request.user).filter(pk=d["model"]).first()
            if model is None:
                raise Http404
            if d["kind"] == "notification":
                case = services.case_create_notification(
                    actor=request.user,
                    model=model,
                    trigger_type=d["trigger_type"],
                    trigger_date=d["trigger_date"],
                    compute_method=d["compute_method"],
                    compute_flop=d["compute_flop"],
                    architecture_description=d.get("description", ""),
                )
            else:
                case = services.case_open_ex_officio(
                    actor=request.user,
                    model=model,
                    basis=d["basis"],
                    alert_reference=d.get("alert_reference", ""),
                    alert_date=d.get("alert_date"),
                )
        return case_response(request, case.reference, 201)


class CaseDetail(APIView):
    @extend_schema(responses={200: s.CaseSerializer, **ERRORS})
    def get(self, request: Request, reference: str) -> Response:
        return case_response(request, reference)


class CaseDocuments(APIView):
    @extend_schema(
        request={"multipart/form-data": s.DocumentUploadSerializer},
        responses={201: s.DocumentSerializer, **ERRORS},
    )
    def post(self, request: Request, reference: str) -> Response:
        case = case_for(request, reference)
        access.require(access.may_add_document, request.user, case)
        data = s.DocumentUploadSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        document = services.document_add(
            actor=request.user,
            case=case,
            uploaded_file=data.validated_data["file"],
            title=data.validated_data.get("title", ""),
        )
        return Response(s.DocumentSerializer(document).data, status=201)


class CaseArguments(APIView):
    @extend_schema(
        request=s.ArgumentsSerializer,
        responses={201: OpenApiResponse(description="{claims: [...]}"), **ERRORS},
    )
    def post(self, request: Request, reference: str) -> Response:
        case = case_for(request, reference)
        access.require(access.may_file_arguments, request.user, case)
        data = s.ArgumentsSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        claims = services.claims_file(
            actor=request.user, case=case, claims=data.validated_data["claims"]
        )
        return Response({"claims": s.ClaimOutSerializer(claims, many=True).data}, status=201)


def case_record(model: Any, request: Request, pk: int) -> Any:
    """A record of a case the user may read (with its case and model), or 404 — never 403."""
    record = (
        model.objects.filter(pk=pk, case__in=access.cases_visible_to(request.user))
        .select_related("case__model")
        .first()
    )
    if record is None:
        raise Http404
    return record


class ClaimReviewView(APIView):
    @extend_schema(request=s.ClaimReviewSerializer, responses={200: s.ClaimOutSerializer, **ERRORS})
    def post(self, request: Request, pk: int) -> Response:
        claim = case_record(Claim, request, pk)
        access.require(access.may_review_claims, request.user, claim.case)
        data = s.ClaimReviewSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        claim = services.claim_review(
            actor=request.user,
            claim=claim,
            review=data.validated_data["review"],
            note=data.validated_data["note"],
        )
        return Response(s.ClaimOutSerializer(claim).data)


def _transition(name: str, permission: Any, serializer: type | None = None):
    """A POST endpoint running one service on a case and answering with the case."""

    class Transition(APIView):
        @extend_schema(
            request=serializer,
            responses={200: s.CaseSerializer, **ERRORS},
            operation_id=f"cases_{name}",
        )
        def post(self, request: Request, reference: str) -> Response:
            case = case_for(request, reference)
            access.require(permission, request.user, case)
            args: dict[str, Any] = {}
            if serializer is not None:
                data = serializer(data=request.data)
                data.is_valid(raise_exception=True)
                args = dict(data.validated_data)
            getattr(services, name)(actor=request.user, case=case, **args)
            return case_response(request, reference)

    Transition.__name__ = f"Case_{name}"
    return Transition


CaseSubmit = _transition("case_submit", access.may_submit)
CaseWithdraw = _transition("case_withdraw", access.may_withdraw, s.ReasonSerializer)
CaseTakeUp = _transition("case_take_up", access.may_take_up)
CasePropose = _transition("decision_propose", access.may_propose, s.ProposalSerializer)
CaseReturn = _transition("decision_return", access.may_return, s.CommentSerializer)
CaseApprove = _transition("decision_approve", access.may_approve)


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
                "A document given is not part of this case.",
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


class CaseEvents(generics.ListAPIView):
    serializer_class = s.EventSerializer

    def get_queryset(self) -> QuerySet[CaseEvent]:
        case = case_for(self.request, self.kwargs["reference"])
        return CaseEvent.objects.filter(case=case).select_related("actor").order_by("at", "pk")


class CaseLetters(generics.ListAPIView):
    serializer_class = s.LetterSerializer
    pagination_class = None

    def get_queryset(self) -> QuerySet[Letter]:
        case = case_for(self.request, self.kwargs["reference"])
        return Letter.objects.filter(case=case).select_related("document").order_by("sequence")


class DocumentDownload(APIView):
    @extend_schema(
        responses={(200, "application/pdf"): OpenApiResponse(description="the file"), **ERRORS}
    )
    def get(self, request: Request, pk: int) -> FileResponse:
        document = access.documents_visible_to(request.user).filter(pk=pk).first()
        if document is None:
            raise Http404
        return FileResponse(
            document.file.open("rb"),
            as_attachment=True,
            filename=document.original_name,
            content_type=document.content_type,
        )


class Designations(generics.ListAPIView):
    serializer_class = s.DesignationSerializer

    def get_queryset(self) -> QuerySet[Any]:
        return access.designations_visible_to(self.request.user).order_by("pk")


class DesignationDetail(generics.RetrieveAPIView):
    serializer_class = s.DesignationSerializer

    def get_queryset(self) -> QuerySet[Any]:
        return access.designations_visible_to(self.request.user)


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
