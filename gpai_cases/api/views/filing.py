"""What is filed in a case: documents (and their download) and rebuttal arguments, a draft's
removals and replacements, corrections of a submitted notification, and the review of arguments."""

from __future__ import annotations

from django.http import FileResponse, Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from gpai_cases.cases import access, services
from gpai_cases.cases.models import Claim
from gpai_cases.documents.models import Document

from .. import serializers as s
from ..errors import UNKNOWN_DOCUMENT, problem
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
        replaces = None
        if data.validated_data.get("replaces"):
            replaces = Document.objects.filter(
                case=case, pk=data.validated_data["replaces"]
            ).first()
            if replaces is None:
                return problem(
                    400,
                    "The document to replace is not a document of this case.",
                    errors={"replaces": [str(_("Unknown document."))]},
                )
        document = services.document_add(
            actor=request.user,
            case=case,
            uploaded_file=data.validated_data["file"],
            title=data.validated_data.get("title", ""),
            **({"kind": replaces.kind, "replaces": replaces} if replaces else {}),
        )
        return Response(s.DocumentSerializer(document).data, status=201)


class DocumentRemove(APIView):
    """Remove a document from a draft (kept, and in the audit trail)."""

    @extend_schema(request=None, responses={200: s.DocumentSerializer, **ERRORS})
    def post(self, request: Request, pk: int) -> Response:
        document = case_record(Document, request, pk)
        access.require(access.may_edit_filing, request.user, document.case)
        document = services.document_remove(actor=request.user, document=document)
        return Response(s.DocumentSerializer(document).data)


class ClaimRemove(APIView):
    """Remove a claim from a draft (kept, and in the audit trail)."""

    @extend_schema(request=None, responses={200: s.ClaimOutSerializer, **ERRORS})
    def post(self, request: Request, pk: int) -> Response:
        claim = case_record(Claim, request, pk)
        access.require(access.may_file_arguments, request.user, claim.case)
        claim = services.claim_remove(actor=request.user, claim=claim)
        return Response(s.ClaimOutSerializer(claim).data)


class ClaimReplace(APIView):
    """Replace a draft's claim by a corrected one (the old one is kept, and recorded)."""

    @extend_schema(request=s.ClaimInSerializer, responses={201: s.ClaimOutSerializer, **ERRORS})
    def post(self, request: Request, pk: int) -> Response:
        claim = case_record(Claim, request, pk)
        access.require(access.may_file_arguments, request.user, claim.case)
        data = s.ClaimInSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        new = services.claim_replace(
            actor=request.user,
            claim=claim,
            text=data.validated_data["text"],
            basis=data.validated_data["basis"],
            documents=data.validated_data.get("documents", []),
        )
        return Response(s.ClaimOutSerializer(new).data, status=201)


class CaseCorrections(APIView):
    """The notification as filed and its dated corrections; the provider files a correction."""

    @extend_schema(responses={200: s.FilingSerializer, **ERRORS})
    def get(self, request: Request, reference: str) -> Response:
        case = case_for(request, reference)
        n = getattr(case, "notification", None)
        return Response(
            s.FilingSerializer(
                {
                    "filed": (n.filed if n is not None else {}) or {},
                    "met_confirmed_on": n.met_confirmed_on if n is not None else None,
                    "corrections": case.corrections.prefetch_related("documents").order_by(
                        "filed_at", "id"
                    ),
                }
            ).data
        )

    @extend_schema(
        request=s.CorrectionInSerializer, responses={201: s.CorrectionSerializer, **ERRORS}
    )
    def post(self, request: Request, reference: str) -> Response:
        case = case_for(request, reference)
        access.require(access.may_correct_notification, request.user, case)
        data = s.CorrectionInSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        d = dict(data.validated_data)
        ids = d.pop("documents")
        documents = list(Document.objects.filter(case=case, pk__in=ids))
        if len(documents) != len(set(ids)):
            return problem(
                400,
                UNKNOWN_DOCUMENT,
                errors={"documents": [str(_("Unknown document."))]},
            )
        correction = services.notification_correct(
            actor=request.user,
            case=case,
            documents=documents,
            reason=d.pop("reason"),
            compute_method=d.pop("compute_method", "") or "",
            **d,
        )
        return Response(s.CorrectionSerializer(correction).data, status=201)


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
