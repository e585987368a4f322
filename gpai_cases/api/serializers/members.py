"""A provider's members and invitations."""

from __future__ import annotations

from rest_framework import serializers

from gpai_cases.accounts.models import Invitation
from gpai_cases.providers.models import Membership


class MemberSerializer(serializers.ModelSerializer):
    email = serializers.EmailField(source="user.email", read_only=True)
    full_name = serializers.CharField(source="user.full_name", read_only=True)

    class Meta:
        model = Membership
        fields = ["id", "email", "full_name", "is_administrator", "created_at"]


class InvitationSerializer(serializers.ModelSerializer):
    email = serializers.EmailField(max_length=254)
    is_administrator = serializers.BooleanField(required=False, default=False)

    class Meta:
        model = Invitation
        fields = ["id", "email", "is_administrator", "created_at", "expires_at"]
        read_only_fields = ["id", "created_at", "expires_at"]
