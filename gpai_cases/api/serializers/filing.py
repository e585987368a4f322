"""What is filed in a case: documents, claims, corrections, and the review of claims."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from gpai_cases.cases.models import (
    ClaimBasis,
    ComputeMethod,
)
from gpai_cases.core import limits
from gpai_cases.providers import compute

from .fields import MAX_INT, BigNumberField


class DocumentUploadSerializer(serializers.Serializer):
    file = serializers.FileField()
    title = serializers.CharField(required=False, allow_blank=True, max_length=300)
    replaces = serializers.IntegerField(
        required=False,
        min_value=1,
        max_value=MAX_INT,
        help_text="A document of the draft this one replaces (the old one is removed, kept).",
    )


class DocumentSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    sha256 = serializers.CharField()
    size = serializers.IntegerField()
    content_type = serializers.CharField()
    replaces = serializers.IntegerField(source="replaces_id", allow_null=True)
    removed_at = serializers.DateTimeField(allow_null=True)


class ClaimInSerializer(serializers.Serializer):
    text = serializers.CharField(max_length=limits.TEXT)
    basis = serializers.ChoiceField(choices=ClaimBasis.values)
    documents = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=MAX_INT),
        required=False,
        max_length=100,
    )


class ArgumentsSerializer(serializers.Serializer):
    claims = ClaimInSerializer(many=True, allow_empty=False, max_length=100)


class ClaimOutSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    text = serializers.CharField()
    basis = serializers.CharField()
    supplementary = serializers.BooleanField()
    documents = serializers.SerializerMethodField()
    review = serializers.CharField()
    review_note = serializers.CharField()

    def get_documents(self, claim: Any) -> list[int]:
        return [d.pk for d in claim.documents.all()]


class CorrectionInSerializer(serializers.Serializer):
    """A dated correction of a submitted notification (docs/rules.md § facts-as-filed)."""

    reason = serializers.CharField(max_length=20_000, allow_blank=True)
    documents = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=MAX_INT),
        max_length=100,
        help_text="Evidence: documents uploaded to the case (POST …/documents/) first.",
    )
    compute_flop = BigNumberField(required=False, allow_null=True)
    compute_method = serializers.ChoiceField(
        choices=ComputeMethod.values, required=False, allow_blank=True
    )
    compute_inputs = serializers.DictField(
        child=serializers.CharField(max_length=60),
        required=False,
        help_text="The inputs of the estimate: accelerators, peak_flops_per_accelerator, "
        "utilisation, training_hours; or parameters, training_tokens.",
    )
    trigger_date = serializers.DateField(required=False, allow_null=True)
    confirms_met = serializers.BooleanField(required=False, default=False)
    met_on = serializers.DateField(required=False, allow_null=True)

    def validate_compute_inputs(self, value: dict[str, str]) -> dict[str, str]:
        known = {name for names in compute.INPUT_NAMES.values() for name in names}
        unknown = sorted(set(value) - known)
        if unknown:
            raise serializers.ValidationError(f"Unknown inputs: {', '.join(unknown)[:200]}.")
        return value


class CorrectionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    filed_at = serializers.DateTimeField()
    reason = serializers.CharField()
    changes = serializers.DictField(child=serializers.ListField(child=serializers.CharField()))
    confirms_met = serializers.BooleanField()
    documents = serializers.SerializerMethodField()

    def get_documents(self, correction: Any) -> list[int]:
        return [d.pk for d in correction.documents.all()]


class FilingSerializer(serializers.Serializer):
    """The notification as filed at submission, and its corrections since."""

    filed = serializers.DictField(help_text="The snapshot taken at submission (empty for a draft).")
    met_confirmed_on = serializers.DateField(allow_null=True)
    corrections = CorrectionSerializer(many=True)


class ClaimReviewSerializer(serializers.Serializer):
    review = serializers.ChoiceField(choices=["substantiated", "not_substantiated"])
    note = serializers.CharField(max_length=limits.NOTE)
