"""Requests for information and hearings, their extensions and answers."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from gpai_cases.cases import rules
from gpai_cases.cases.models import (
    InformationRequest,
    RequestExtension,
    RequestKind,
    RequestStatus,
)
from gpai_cases.core import limits

from .fields import MAX_INT, checked


class InformationRequestInSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=RequestKind.values, default=RequestKind.QUESTION)
    questions = serializers.ListField(
        child=serializers.CharField(max_length=limits.QUESTION),
        required=False,
        max_length=limits.QUESTIONS,
    )
    due_date = serializers.DateField(required=False)
    draft_reasoning = serializers.CharField(
        required=False, allow_blank=True, max_length=limits.REASONING
    )

    def validate_due_date(self, value: Any) -> Any:
        return checked(value, rules.request_due_date_problems)


class ExtensionSerializer(serializers.ModelSerializer):
    """An extension of a request's due date: of the AI Office's own motion, or the provider's
    request for more time (pending, granted or refused)."""

    class Meta:
        model = RequestExtension
        fields = [
            "id",
            "request",
            "origin",
            "status",
            "reason",
            "proposed_due_date",
            "requested_at",
            "decided_at",
            "decision_note",
            "old_due_date",
            "new_due_date",
            "new_due_rule",
        ]


class WithdrawalSerializer(serializers.Serializer):
    at = serializers.DateTimeField()
    reason = serializers.CharField()


class InformationRequestSerializer(serializers.ModelSerializer):
    withdrawn = serializers.SerializerMethodField()
    extensions = ExtensionSerializer(many=True, read_only=True)

    class Meta:
        model = InformationRequest
        fields = [
            "id",
            "kind",
            "sent_on",
            "due_date",
            "due_rule",
            "due_date_set",
            "status",
            "lapsed_on",
            "withdrawn",
            "extensions",
        ]

    @extend_schema_field(WithdrawalSerializer(allow_null=True))
    def get_withdrawn(self, request: InformationRequest) -> dict[str, Any] | None:
        if request.status != RequestStatus.WITHDRAWN:
            return None
        return WithdrawalSerializer(
            {"at": request.withdrawn_at, "reason": request.withdrawal_reason}
        ).data


class ExtendSerializer(serializers.Serializer):
    due_date = serializers.DateField(help_text="The new due date (it follows Reg. 1182/71).")
    reason = serializers.CharField(
        max_length=limits.NOTE, allow_blank=True, required=False, default=""
    )

    def validate_due_date(self, value: Any) -> Any:
        return checked(value, rules.request_due_date_problems)


class ExtensionRequestInSerializer(serializers.Serializer):
    proposed_due_date = serializers.DateField(help_text="The due date the provider asks for.")
    reason = serializers.CharField(
        max_length=limits.NOTE, allow_blank=True, required=False, default=""
    )

    def validate_proposed_due_date(self, value: Any) -> Any:
        return checked(value, rules.request_due_date_problems)


class ExtensionGrantSerializer(serializers.Serializer):
    due_date = serializers.DateField(
        help_text="The due date granted: the one asked for, or another (it follows Reg. 1182/71)."
    )
    note = serializers.CharField(
        max_length=limits.NOTE, allow_blank=True, required=False, default=""
    )

    def validate_due_date(self, value: Any) -> Any:
        return checked(value, rules.request_due_date_problems)


class NoteSerializer(serializers.Serializer):
    note = serializers.CharField(
        max_length=limits.NOTE, allow_blank=True, required=False, default=""
    )


class ResponseSerializer(serializers.Serializer):
    response = serializers.CharField(max_length=limits.REASONING, allow_blank=True)
    documents = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=MAX_INT),
        required=False,
        max_length=100,
    )
