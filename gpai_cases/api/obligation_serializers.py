"""Serializers of the obligations after designation (docs/rules.md § code-of-practice,
§ framework, § model-reports, § serious-incidents)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from gpai_cases.obligations.models import (
    Chapter,
    CodeOfPracticeStatus,
    FrameworkReview,
    FrameworkVersion,
    IncidentKind,
    IncidentReport,
    ModelReport,
    ReviewKind,
    SeriousIncident,
)
from gpai_cases.obligations.rules import LONGEST_PERIOD_DAYS

from .serializers import CaseCreateSerializer, ReassessmentOpenSerializer

FILE_SCHEMA = {
    "type": "object",
    "nullable": True,
    "properties": {
        "id": {"type": "integer"},
        "name": {"type": "string"},
        "sha256": {"type": "string"},
        "size": {"type": "integer"},
        "url": {"type": "string"},
    },
}


@extend_schema_field(FILE_SCHEMA)
class FileLinkField(serializers.Field):
    """A filed file: its id, name, SHA-256 and where to download it."""

    def to_representation(self, stored: Any) -> dict[str, Any] | None:
        if stored is None:
            return None
        url = reverse("api:obligation-file-download", args=[stored.pk])
        request = self.context.get("request")
        return {
            "id": stored.pk,
            "name": stored.original_name,
            "sha256": stored.sha256,
            "size": stored.size,
            "url": request.build_absolute_uri(url) if request else url,
        }


def file_field() -> FileLinkField:
    return FileLinkField(read_only=True)


# ---- the Code of Practice ---------------------------------------------------------------------


class CodeOfPracticeStatusSerializer(serializers.ModelSerializer):
    status = serializers.CharField(source="words", read_only=True)

    class Meta:
        model = CodeOfPracticeStatus
        fields = [
            "id",
            "chapter",
            "signatory",
            "signed_on",
            "withdrawn_on",
            "status",
            "note",
            "recorded_at",
        ]


class CodeOfPracticeSerializer(serializers.Serializer):
    current = CodeOfPracticeStatusSerializer(
        many=True, help_text="The status in force per chapter."
    )
    history = CodeOfPracticeStatusSerializer(many=True, help_text="Every record, newest first.")


class CodeOfPracticeInSerializer(serializers.Serializer):
    chapter = serializers.ChoiceField(choices=Chapter.values)
    signatory = serializers.BooleanField(help_text="true: signed on `on`; false: withdrew on `on`.")
    on = serializers.DateField()
    note = serializers.CharField(max_length=2_000, required=False, allow_blank=True, default="")


# ---- the framework ------------------------------------------------------------------------------


class FrameworkReviewSerializer(serializers.ModelSerializer):
    class Meta:
        model = FrameworkReview
        fields = ["id", "kind", "note", "at", "due_date", "due_rule", "status"]


class FrameworkVersionSerializer(serializers.ModelSerializer):
    file = file_field()
    reviews = FrameworkReviewSerializer(many=True, read_only=True)

    class Meta:
        model = FrameworkVersion
        fields = ["id", "version", "summary", "filed_on", "file", "reviews"]


class FrameworkInSerializer(serializers.Serializer):
    summary = serializers.CharField(max_length=20_000)
    file = serializers.FileField()


class FrameworkReviewInSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=ReviewKind.values)
    note = serializers.CharField(max_length=20_000, required=False, allow_blank=True, default="")
    days = serializers.IntegerField(
        min_value=1, max_value=LONGEST_PERIOD_DAYS, required=False, allow_null=True
    )


# ---- model reports -------------------------------------------------------------------------------


class ModelReportSerializer(serializers.ModelSerializer):
    file = file_field()
    late = serializers.BooleanField(read_only=True)

    class Meta:
        model = ModelReport
        fields = [
            "id",
            "version",
            "kind",
            "summary",
            "update_reason",
            "filed_on",
            "due_date",
            "due_rule",
            "late",
            "file",
        ]


class DueSerializer(serializers.Serializer):
    date = serializers.DateField(source="value")
    rule = serializers.CharField()


class ModelReportsSerializer(serializers.Serializer):
    next_due = DueSerializer(allow_null=True, help_text="When the next report is due.")
    next_kind = serializers.CharField(help_text="first or update; empty when nothing is due")
    reports = ModelReportSerializer(many=True)


class ModelReportInSerializer(serializers.Serializer):
    summary = serializers.CharField(max_length=20_000)
    update_reason = serializers.CharField(
        max_length=5_000, required=False, allow_blank=True, default=""
    )
    file = serializers.FileField()


# ---- serious incidents ----------------------------------------------------------------------------


class IncidentKindSerializer(serializers.ModelSerializer):
    class Meta:
        model = IncidentKind
        fields = [
            "code",
            "label",
            "severity",
            "citation",
            "initial_days",
            "initial_source",
            "intermediate_days",
            "intermediate_source",
            "final_days",
            "final_source",
            "active",
        ]


class IncidentReportSerializer(serializers.ModelSerializer):
    file = file_field()
    late = serializers.BooleanField(read_only=True)

    class Meta:
        model = IncidentReport
        fields = [
            "id",
            "number",
            "stage",
            "what_happened",
            "corrective_measures",
            "resolved_on",
            "filed_on",
            "due_date",
            "due_rule",
            "late",
            "file",
        ]


class IncidentSerializer(serializers.ModelSerializer):
    kind = serializers.CharField(source="kind_id")
    severity = serializers.IntegerField(source="kind.severity")
    designation = serializers.IntegerField(source="designation_id")
    model = serializers.IntegerField(source="model_id")

    class Meta:
        model = SeriousIncident
        fields = [
            "id",
            "designation",
            "model",
            "kind",
            "severity",
            "title",
            "aware_on",
            "reported_on",
            "initial_due",
            "initial_due_rule",
            "initial_late",
            "resolved_on",
            "closed_on",
            "next_due",
            "next_due_stage",
            "next_due_rule",
        ]


class IncidentDetailSerializer(IncidentSerializer):
    reports = IncidentReportSerializer(many=True, read_only=True)

    class Meta(IncidentSerializer.Meta):
        fields = [*IncidentSerializer.Meta.fields, "reports"]


class IncidentInSerializer(serializers.Serializer):
    kind = serializers.CharField(max_length=40, help_text="The code of the kind of harm.")
    title = serializers.CharField(max_length=200)
    aware_on = serializers.DateField()
    what_happened = serializers.CharField(max_length=50_000)
    corrective_measures = serializers.CharField(max_length=50_000)
    resolved_on = serializers.DateField(required=False, allow_null=True)
    file = serializers.FileField(required=False)


class IncidentUpdateInSerializer(serializers.Serializer):
    what_happened = serializers.CharField(max_length=50_000)
    corrective_measures = serializers.CharField(max_length=50_000)
    resolved_on = serializers.DateField(required=False, allow_null=True)
    final = serializers.BooleanField(required=False, default=False)
    file = serializers.FileField(required=False)


# ---- the timeline ----------------------------------------------------------------------------------


class TimelineEntrySerializer(serializers.Serializer):
    key = serializers.CharField(help_text="Cite it in a reassessment (`cite`).")
    date = serializers.DateField()
    what = serializers.CharField()
    text = serializers.CharField()
    late = serializers.BooleanField()
    internal = serializers.BooleanField()
    file = file_field()


# ---- reassessments that cite the timeline ------------------------------------------------------


def _cite(help_text: str) -> serializers.ListField:
    return serializers.ListField(
        child=serializers.CharField(max_length=60),
        required=False,
        max_length=100,
        help_text=help_text,
    )


class CaseCreateCitingSerializer(CaseCreateSerializer):
    cite = _cite(
        "For a reassessment: keys of reports the provider filed (its designation's timeline), "
        "cited in the reasons with their dates."
    )


class ReassessmentOpenCitingSerializer(ReassessmentOpenSerializer):
    cite = _cite(
        "Keys of entries of the model's timeline (GET /designations/{id}/timeline/), cited in "
        "the reasons with their dates."
    )
