"""What every API view shares: the cases a user may read, the problem responses of the schema."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, QuerySet
from django.http import Http404
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from gpai_cases.cases import access, services
from gpai_cases.cases.models import Case, Decision

from .. import serializers as s

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
    case = case_for(request, reference)
    return Response(s.CaseSerializer(case, context={"request": request}).data, status=code)


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


def transition_view(name: str, permission: Any, serializer: type | None = None):
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
