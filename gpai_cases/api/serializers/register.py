"""Designations and the public list's publications; the caller's messages."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from gpai_cases.cases.models import (
    Designation,
)

from .fields import MAX_INT


class DesignationSerializer(serializers.ModelSerializer):
    model = serializers.IntegerField(source="model_id")
    active = serializers.BooleanField()

    class Meta:
        model = Designation
        fields = [
            "id",
            "model",
            "active",
            "basis",
            "decided_on",
            "reassessment_earliest",
            "ended_on",
        ]


class PublicationEntryInSerializer(serializers.Serializer):
    designation = serializers.IntegerField(min_value=1, max_value=MAX_INT)
    public_model_name = serializers.CharField(required=False, allow_blank=True, max_length=200)
    public_provider_name = serializers.CharField(required=False, allow_blank=True, max_length=200)
    summary = serializers.CharField(required=False, allow_blank=True, max_length=1000)


class PublicationInSerializer(serializers.Serializer):
    entries = PublicationEntryInSerializer(many=True, required=False, max_length=10_000)


class PublicationSerializer(serializers.Serializer):
    number = serializers.IntegerField()
    published_at = serializers.DateTimeField()
    entries = serializers.SerializerMethodField()

    def get_entries(self, publication: Any) -> list[dict[str, Any]]:
        from gpai_cases.register.services import PUBLIC_FIELDS

        return [
            {
                name: (
                    getattr(e, name).isoformat()
                    if hasattr(getattr(e, name), "isoformat")
                    else getattr(e, name)
                )
                for name in PUBLIC_FIELDS
            }
            for e in publication.entries.all()
        ]


class MessageSerializer(serializers.Serializer):
    """A message of the caller's inbox."""

    id = serializers.IntegerField(read_only=True)
    kind = serializers.CharField(read_only=True)
    subject = serializers.CharField(read_only=True)
    body = serializers.CharField(read_only=True)
    case = serializers.SerializerMethodField()
    link = serializers.SerializerMethodField()
    due_date = serializers.DateField(read_only=True, allow_null=True)
    due_rule = serializers.CharField(read_only=True)
    created_at = serializers.DateTimeField(read_only=True)
    read_at = serializers.DateTimeField(read_only=True, allow_null=True)
    unread = serializers.SerializerMethodField()

    def get_case(self, message: Any) -> str | None:
        return message.case.reference if message.case_id else None

    def get_link(self, message: Any) -> str:
        from gpai_cases.reminders.outbox import absolute

        return absolute(message.link)

    def get_unread(self, message: Any) -> bool:
        return message.read_at is None
