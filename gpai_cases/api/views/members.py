"""A provider's members and invitations, for a provider's own systems: the same permissions and
services as the portal's account pages (an invitation's link goes by e-mail only, never in an
answer)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import generics
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from gpai_cases.accounts.models import Invitation
from gpai_cases.cases import access
from gpai_cases.cases.services import members as services
from gpai_cases.providers import access as provider_access
from gpai_cases.providers.models import Membership, Provider

from ..serializers.members import InvitationSerializer, MemberSerializer
from .base import ERRORS


def _provider(request: Request, pk: int) -> Provider:
    provider = access.providers_visible_to(request.user).filter(pk=pk).first()
    if provider is None:
        raise Http404
    return provider


class ProviderMembers(generics.ListAPIView):
    """The provider's members (its own members and the AI Office)."""

    serializer_class = MemberSerializer

    def get_queryset(self) -> QuerySet[Any]:
        provider = _provider(self.request, self.kwargs["pk"])
        return (
            provider_access.members_visible_to(self.request.user, provider)
            .select_related("user")
            .order_by("user__email")
        )


class ProviderInvitations(generics.ListAPIView):
    """Open invitations; a provider administrator (or the AI Office) sends a new one."""

    serializer_class = InvitationSerializer

    def get_queryset(self) -> QuerySet[Any]:
        provider = _provider(self.request, self.kwargs["pk"])
        return Invitation.objects.filter(
            provider=provider,
            accepted_at__isnull=True,
            revoked_at__isnull=True,
            expires_at__gt=timezone.now(),
        ).order_by("pk")

    @extend_schema(request=InvitationSerializer, responses={201: InvitationSerializer, **ERRORS})
    def post(self, request: Request, pk: int) -> Response:
        provider = _provider(request, pk)
        access.require(provider_access.may_manage_members, request.user, provider)
        data = InvitationSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        invitation = services.invitation_send(
            actor=request.user, provider=provider, **data.validated_data
        )
        return Response(InvitationSerializer(invitation).data, status=201)


class MembershipRemove(APIView):
    @extend_schema(request=None, responses={204: None, **ERRORS})
    def post(self, request: Request, pk: int) -> Response:
        """Remove a member; one left with no provider can no longer sign in."""
        membership = (
            Membership.objects.filter(pk=pk, provider__in=access.providers_visible_to(request.user))
            .select_related("user", "provider")
            .first()
        )
        if membership is None:
            raise Http404
        services.member_remove(actor=request.user, membership=membership)
        return Response(status=204)
