"""What is filed in a case: documents (and their download) and rebuttal arguments, and the review of arguments."""

from __future__ import annotations

from django.http import FileResponse, Http404
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from gpai_cases.cases import access, services
from gpai_cases.cases.models import Claim

from .. import serializers as s
from .base import ERRORS, case_for, case_record


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


class DocumentDownload(APIView):
    @extend_schema(
        responses={(200, "application/pdf"): OpenApiResponse(description="the file"), **ERRORS}
    )
    def get(self, request: Request, pk: int) -> FileResponse:
        document = access.documents_visible_to(request.user).filter(pk=pk).first()
        if document is None:
            raise Http404
        services.document_read(actor=request.user, document=document, via="api")
        return FileResponse(
            document.file.open("rb"),
            as_attachment=True,
            filename=document.original_name,
            content_type=document.content_type,
        )
