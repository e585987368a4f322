"""Providers and their models."""

from __future__ import annotations

from typing import Any

from django_countries import countries
from rest_framework import serializers

from gpai_cases.providers.models import GPAIModel, Modality, Provider, ReleaseMode

from .fields import MAX_INT, BigNumberField


class ProviderSerializer(serializers.ModelSerializer):
    country = serializers.ChoiceField(choices=[code for code, _ in countries])

    class Meta:
        model = Provider
        fields = [
            "id",
            "legal_name",
            "country",
            "eu_representative",
            "contact_email",
        ]

    def to_representation(self, instance: Provider) -> dict[str, Any]:
        data = super().to_representation(instance)
        data["country"] = str(instance.country)
        return data


class ModelSerializer(serializers.ModelSerializer):
    provider = serializers.IntegerField(
        source="provider_id", required=False, min_value=1, max_value=MAX_INT
    )
    modalities = serializers.ListField(
        child=serializers.ChoiceField(choices=Modality.values), max_length=6
    )
    parameter_count = BigNumberField(required=False, allow_null=True)
    training_compute_flop = BigNumberField()
    training_tokens = BigNumberField(required=False, allow_null=True)
    release_mode = serializers.ChoiceField(choices=ReleaseMode.values)
    eu_business_users = serializers.IntegerField(
        min_value=0, max_value=2_000_000_000, required=False, allow_null=True
    )
    eu_end_users = serializers.IntegerField(
        min_value=0, max_value=MAX_INT, required=False, allow_null=True
    )
    above_threshold = serializers.BooleanField(read_only=True)

    class Meta:
        model = GPAIModel
        fields = [
            "id",
            "provider",
            "name",
            "version",
            "modalities",
            "parameter_count",
            "training_compute_flop",
            "training_tokens",
            "release_mode",
            "planned_release_date",
            "eu_market_date",
            "eu_business_users",
            "eu_end_users",
            "above_threshold",
        ]


class ModelUpdateSerializer(ModelSerializer):
    """A model edit: the fields to change, and why (kept with the recorded change)."""

    reason = serializers.CharField(
        required=False, allow_blank=True, max_length=5_000, write_only=True
    )

    class Meta(ModelSerializer.Meta):
        fields = [*ModelSerializer.Meta.fields, "reason"]
