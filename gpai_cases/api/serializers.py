from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django_countries import countries
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from gpai_cases.cases import rules
from gpai_cases.cases.models import (
    Case,
    CaseEvent,
    ClaimBasis,
    ComputeMethod,
    Designation,
    ExOfficioBasis,
    InformationRequest,
    RequestKind,
    TriggerType,
)
from gpai_cases.letters.models import Letter
from gpai_cases.providers import compute
from gpai_cases.providers.models import GPAIModel, Modality, Provider, ReleaseMode

MAX_INT = 10**18


@extend_schema_field({"oneOf": [{"type": "number"}, {"type": "string", "example": "3.2e25"}]})
class BigNumberField(serializers.Field):
    """A large number given as a JSON number or a string such as "3.2e25" or "3.2×10^25"."""

    default_error_messages = {"invalid": "Give a positive number, e.g. 3.2e25."}

    def to_internal_value(self, data: Any) -> Decimal:
        if isinstance(data, bool) or not isinstance(data, int | float | str):
            self.fail("invalid")
        try:
            return compute.parse_flop(data)
        except (compute.FlopParseError, ValueError, OverflowError) as exc:
            raise serializers.ValidationError(str(exc)) from exc

    def to_representation(self, value: Decimal) -> str:
        return f"{value:.6g}" if value is not None else None


def _checked(value: Any, check: Any) -> Any:
    """Run one of the date rules of ``cases.rules`` as field validation (400, not 409)."""
    problems = check(value, today=timezone.localdate())
    if problems:
        raise serializers.ValidationError(problems)
    return value


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


class CaseSerializer(serializers.ModelSerializer):
    provider = serializers.IntegerField(source="model.provider_id")
    model = serializers.IntegerField(source="model_id")
    trigger_date = serializers.SerializerMethodField()
    notification_due = serializers.SerializerMethodField()
    assignee = serializers.SerializerMethodField()
    decision = serializers.SerializerMethodField()
    designation = serializers.SerializerMethodField()

    class Meta:
        model = Case
        fields = [
            "reference",
            "kind",
            "state",
            "model",
            "provider",
            "trigger_date",
            "notification_due",
            "submitted_at",
            "late",
            "assignee",
            "decision",
            "designation",
        ]

    def _notification(self, case: Case) -> Any:
        return getattr(case, "notification", None) if case.kind == "notification" else None

    def get_trigger_date(self, case: Case) -> str | None:
        n = self._notification(case)
        return n.trigger_date.isoformat() if n and n.trigger_date else None

    def get_notification_due(self, case: Case) -> str | None:
        n = self._notification(case)
        return n.notification_due.isoformat() if n and n.notification_due else None

    def get_assignee(self, case: Case) -> str | None:
        return case.assignee.email if case.assignee else None

    def get_decision(self, case: Case) -> dict[str, Any] | None:
        approved = [d for d in case.decisions.all() if d.status == "approved"]
        if not approved:
            return None
        return {"outcome": approved[0].outcome, "decided_on": approved[0].decided_on.isoformat()}

    def get_designation(self, case: Case) -> int | None:
        if case.designation_id:
            return case.designation_id
        designation = (
            getattr(case, "resulting_designation", None)
            if hasattr(case, "resulting_designation")
            else None
        )
        return designation.pk if designation else None


class CaseCreateSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=["notification", "reassessment", "ex_officio"])
    model = serializers.IntegerField(required=False, min_value=1, max_value=MAX_INT)
    trigger_type = serializers.ChoiceField(choices=TriggerType.values, required=False)
    trigger_date = serializers.DateField(required=False)
    compute_method = serializers.ChoiceField(choices=ComputeMethod.values, required=False)
    compute_flop = BigNumberField(required=False)
    description = serializers.CharField(required=False, allow_blank=True, max_length=20_000)
    designation = serializers.IntegerField(required=False, min_value=1, max_value=MAX_INT)
    reasons = serializers.CharField(required=False, allow_blank=True, max_length=50_000)
    basis = serializers.ChoiceField(choices=ExOfficioBasis.values, required=False)
    alert_reference = serializers.CharField(required=False, allow_blank=True, max_length=100)
    alert_date = serializers.DateField(required=False)

    def validate_trigger_date(self, value: Any) -> Any:
        return _checked(value, rules.trigger_date_problems)

    def validate_alert_date(self, value: Any) -> Any:
        return _checked(value, rules.alert_date_problems)

    def validate(self, data: dict[str, Any]) -> dict[str, Any]:
        needed = {
            "notification": [
                "model",
                "trigger_type",
                "trigger_date",
                "compute_method",
                "compute_flop",
            ],
            "reassessment": ["designation", "reasons"],
            "ex_officio": ["model", "basis"],
        }[data["kind"]]
        missing = {
            name: ["This field is required for this kind of case."]
            for name in needed
            if name not in data
        }
        if missing:
            raise serializers.ValidationError(missing)
        return data


class DocumentUploadSerializer(serializers.Serializer):
    file = serializers.FileField()
    title = serializers.CharField(required=False, allow_blank=True, max_length=300)


class DocumentSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    sha256 = serializers.CharField()
    size = serializers.IntegerField()
    content_type = serializers.CharField()


class ClaimInSerializer(serializers.Serializer):
    text = serializers.CharField(max_length=20_000)
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


class ClaimReviewSerializer(serializers.Serializer):
    review = serializers.ChoiceField(choices=["substantiated", "not_substantiated"])
    note = serializers.CharField(max_length=5_000)


class ReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=5_000, allow_blank=True, required=False, default="")


class ReassessmentOpenSerializer(serializers.Serializer):
    reasons = serializers.CharField(
        max_length=20_000, help_text="The basis and reasons; sent to the provider with the notice."
    )


class CommentSerializer(serializers.Serializer):
    comment = serializers.CharField(max_length=5_000, allow_blank=True, required=False, default="")


class ProposalSerializer(serializers.Serializer):
    outcome = serializers.ChoiceField(choices=["designate", "not_designate", "maintain", "revoke"])
    reasoning = serializers.CharField(max_length=50_000, allow_blank=True)


class InformationRequestInSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=RequestKind.values, default=RequestKind.QUESTION)
    questions = serializers.ListField(
        child=serializers.CharField(max_length=5_000), required=False, max_length=100
    )
    due_date = serializers.DateField(required=False)
    draft_reasoning = serializers.CharField(required=False, allow_blank=True, max_length=50_000)

    def validate_due_date(self, value: Any) -> Any:
        return _checked(value, rules.request_due_date_problems)


class InformationRequestSerializer(serializers.ModelSerializer):
    class Meta:
        model = InformationRequest
        fields = ["id", "kind", "due_date", "status"]


class ResponseSerializer(serializers.Serializer):
    response = serializers.CharField(max_length=50_000, allow_blank=True)
    documents = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=MAX_INT),
        required=False,
        max_length=100,
    )


class EventSerializer(serializers.ModelSerializer):
    actor = serializers.SerializerMethodField()

    class Meta:
        model = CaseEvent
        fields = ["at", "actor", "action", "from_state", "to_state"]

    def get_actor(self, event: CaseEvent) -> str | None:
        return event.actor.email if event.actor else None


class LetterSerializer(serializers.ModelSerializer):
    sha256 = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField()

    class Meta:
        model = Letter
        fields = ["id", "kind", "reference", "status", "sha256", "created_at", "url"]

    def get_sha256(self, letter: Letter) -> str | None:
        return letter.document.sha256 if letter.document else None

    def get_url(self, letter: Letter) -> str | None:
        if not letter.document_id:
            return None
        return self.context["request"].build_absolute_uri(
            reverse("api:document-download", args=[letter.document_id])
        )


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


__all__ = ["settings"]


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
