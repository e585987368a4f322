"""Cases, their lifecycle's inputs, the timeline and letters."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from rest_framework import serializers

from gpai_cases.cases import rules
from gpai_cases.cases.models import (
    Case,
    CaseEvent,
    ComputeMethod,
    ExOfficioBasis,
    TriggerType,
)
from gpai_cases.core import limits
from gpai_cases.letters.models import Letter

from .fields import AI_OFFICE, MAX_INT, BigNumberField, checked, office_asks


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
        """The AI Office's caseworker for the AI Office; the provider sees the institution."""
        if not case.assignee:
            return None
        return case.assignee.email if office_asks(self) else AI_OFFICE

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
    reasons = serializers.CharField(required=False, allow_blank=True, max_length=limits.REASONING)
    basis = serializers.ChoiceField(choices=ExOfficioBasis.values, required=False)
    alert_reference = serializers.CharField(required=False, allow_blank=True, max_length=100)
    alert_date = serializers.DateField(required=False)

    def validate_trigger_date(self, value: Any) -> Any:
        return checked(value, rules.trigger_date_problems)

    def validate_alert_date(self, value: Any) -> Any:
        return checked(value, rules.alert_date_problems)

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


class ReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(
        max_length=limits.NOTE, allow_blank=True, required=False, default=""
    )


class ReassessmentOpenSerializer(serializers.Serializer):
    reasons = serializers.CharField(
        max_length=20_000, help_text="The basis and reasons; sent to the provider with the notice."
    )


class CommentSerializer(serializers.Serializer):
    comment = serializers.CharField(
        max_length=limits.NOTE, allow_blank=True, required=False, default=""
    )


class ProposalSerializer(serializers.Serializer):
    outcome = serializers.ChoiceField(choices=["designate", "not_designate", "maintain", "revoke"])
    reasoning = serializers.CharField(max_length=limits.REASONING, allow_blank=True)


class EventSerializer(serializers.ModelSerializer):
    actor = serializers.SerializerMethodField()

    class Meta:
        model = CaseEvent
        fields = ["at", "actor", "action", "from_state", "to_state"]

    def get_actor(self, event: CaseEvent) -> str | None:
        """Who did it: for a provider, the AI Office as an institution (never a staff member's
        name or address), or the member of its own staff."""
        if not event.actor:
            return None
        if event.actor.is_ai_office and not office_asks(self):
            return AI_OFFICE
        return event.actor.email


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
