"""The caller's messages (the inbox of the web pages), newest first."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import generics
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from gpai_cases.reminders.models import InboxMessage

from .. import serializers as s
from .base import ERRORS


def _mine(request: Request) -> QuerySet[InboxMessage]:
    return InboxMessage.objects.filter(user=request.user).select_related("case")


class Messages(generics.ListAPIView):
    serializer_class = s.MessageSerializer

    def get_queryset(self) -> QuerySet[Any]:
        return _mine(self.request).order_by("-created_at", "-id")


class MessageRead(APIView):
    @extend_schema(request=None, responses={200: s.MessageSerializer, **ERRORS})
    def post(self, request: Request, pk: int) -> Response:
        message = get_object_or_404(_mine(request), pk=pk)
        if message.read_at is None:
            message.read_at = timezone.now()
            message.save(update_fields=["read_at"])
        return Response(s.MessageSerializer(message).data)
