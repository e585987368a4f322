"""Providers and their models."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import generics
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from gpai_cases.cases import access, services

from .. import serializers as s
from ..errors import problem
from .base import ERRORS


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

    @extend_schema(request=s.ModelUpdateSerializer, responses={200: s.ModelSerializer, **ERRORS})
    def patch(self, request: Request, pk: int) -> Response:
        """Edit a model: a new recorded version (old and new values, the reason), told to the
        open cases that rely on it (docs/rules.md § facts-as-filed)."""
        model = self.get_object()
        access.require(access.may_manage_models, request.user, model.provider)
        data = s.ModelUpdateSerializer(model, data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        fields = dict(data.validated_data)
        fields.pop("provider_id", None)
        reason = fields.pop("reason", "")
        model = services.model_update(
            actor=request.user, model=model, via="api", reason=reason, **fields
        )
        return Response(s.ModelSerializer(model).data)
