"""Cases: list, create, read, the lifecycle transitions, the timeline and letters."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import generics
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from gpai_cases.cases import access, services
from gpai_cases.cases.models import Case, CaseEvent
from gpai_cases.letters.models import Letter
from gpai_cases.obligations.timeline import REPORT_PREFIXES, citation_lines, with_citations

from .. import obligation_serializers as o
from .. import serializers as s
from .base import ERRORS, case_for, case_response, cases_for, transition_view


class Cases(generics.ListAPIView):
    serializer_class = s.CaseSerializer

    def get_queryset(self) -> QuerySet[Case]:
        return cases_for(self.request.user).order_by("pk")

    @extend_schema(
        request=o.CaseCreateCitingSerializer, responses={201: s.CaseSerializer, **ERRORS}
    )
    def post(self, request: Request) -> Response:
        data = o.CaseCreateCitingSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        d = data.validated_data
        if d["kind"] == "reassessment":
            designation = (
                access.designations_visible_to(request.user).filter(pk=d["designation"]).first()
            )
            if designation is None:
                raise Http404
            cited = citation_lines(
                designation.model, d.get("cite", []), user=request.user, prefixes=REPORT_PREFIXES
            )
            case = services.case_create_reassessment(
                actor=request.user,
                designation=designation,
                reasons=with_citations(d["reasons"], cited, intro="Reports cited:"),
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


CaseSubmit = transition_view("case_submit", access.may_submit)
CaseWithdraw = transition_view("case_withdraw", access.may_withdraw, s.ReasonSerializer)
CaseTakeUp = transition_view("case_take_up", access.may_take_up)
CasePropose = transition_view("decision_propose", access.may_propose, s.ProposalSerializer)
CaseReturn = transition_view("decision_return", access.may_return, s.CommentSerializer)
CaseApprove = transition_view("decision_approve", access.may_approve)


class CaseEvents(generics.ListAPIView):
    serializer_class = s.EventSerializer

    def get_queryset(self) -> QuerySet[CaseEvent]:
        case = case_for(self.request, self.kwargs["reference"])
        # the provider's view leaves out the AI Office's internal steps (access.py)
        return (
            access.events_visible_to(self.request.user, case)
            .select_related("actor")
            .order_by("at", "pk")
        )


class CaseLetters(generics.ListAPIView):
    serializer_class = s.LetterSerializer
    pagination_class = None

    def get_queryset(self) -> QuerySet[Letter]:
        case = case_for(self.request, self.kwargs["reference"])
        return Letter.objects.filter(case=case).select_related("document").order_by("sequence")
