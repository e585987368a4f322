"""The admin site: the kinds of harm and the periods are data the admins edit (each change through
the services: audited, and the open incidents' dates recomputed); every filed record is shown
read-only — legal records are corrected through the domain, never here."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin

from . import rules, services
from .models import (
    CodeOfPracticeStatus,
    FrameworkReview,
    FrameworkVersion,
    IncidentKind,
    IncidentReport,
    ModelReport,
    ObligationEvent,
    ObligationFile,
    ObligationPeriod,
    SeriousIncident,
)
from .services.periods import KIND_FIELDS, KIND_PERIODS


class ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        return False


class ReasonForm(forms.ModelForm):
    reason = forms.CharField(
        max_length=500, help_text="Why the data changes (kept in the audit trail)."
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        periods = [n for n in (*KIND_PERIODS, "amount") if n in data]
        for name in periods:
            unit = data.get("unit", "days")
            for problem in rules.period_blockers(
                **{unit if name == "amount" else "days": data[name]}
            ):
                self.add_error(name, problem)
        return data


class IncidentKindForm(ReasonForm):
    class Meta:
        model = IncidentKind
        fields = ["code", *KIND_FIELDS]


class ObligationPeriodForm(ReasonForm):
    class Meta:
        model = ObligationPeriod
        fields = ["code", "label", "amount", "unit", "citation", "source"]


@admin.register(IncidentKind)
class IncidentKindAdmin(admin.ModelAdmin):
    form = IncidentKindForm
    list_display = [
        "label",
        "severity",
        "initial_days",
        "intermediate_days",
        "final_days",
        "active",
    ]

    def get_readonly_fields(self, request: Any, obj: Any = None) -> list[str]:
        return ["code"] if obj else []

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        return False  # incidents refer to their kind: switch it off instead ("active")

    def save_model(self, request: Any, obj: IncidentKind, form: Any, change: bool) -> None:
        if not change:
            services.incident_kind_add(
                actor=request.user,
                reason=form.cleaned_data["reason"],
                code=form.cleaned_data["code"],
                **{n: form.cleaned_data[n] for n in KIND_FIELDS},
            )
            return
        fields = {n: form.cleaned_data[n] for n in form.changed_data if n in KIND_FIELDS}
        services.incident_kind_change(
            actor=request.user, code=obj.code, reason=form.cleaned_data["reason"], **fields
        )


@admin.register(ObligationPeriod)
class ObligationPeriodAdmin(admin.ModelAdmin):
    form = ObligationPeriodForm
    list_display = ["label", "amount", "unit", "citation"]
    readonly_fields = ["code"]

    def has_add_permission(self, request: Any, obj: Any = None) -> bool:
        return False  # the code reads these periods by their code (migration obligations/0002)

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def save_model(self, request: Any, obj: ObligationPeriod, form: Any, change: bool) -> None:
        fields = {
            n: form.cleaned_data[n]
            for n in form.changed_data
            if n in ("label", "amount", "unit", "citation", "source")
        }
        services.period_change(
            actor=request.user, code=obj.code, reason=form.cleaned_data["reason"], **fields
        )


@admin.register(CodeOfPracticeStatus)
class CodeOfPracticeStatusAdmin(ReadOnly):
    list_display = ["provider", "chapter", "signatory", "signed_on", "withdrawn_on", "recorded_at"]
    list_filter = ["chapter", "signatory"]


@admin.register(FrameworkVersion)
class FrameworkVersionAdmin(ReadOnly):
    list_display = ["provider", "version", "filed_on"]


@admin.register(FrameworkReview)
class FrameworkReviewAdmin(ReadOnly):
    list_display = ["version", "kind", "at", "due_date", "status"]


@admin.register(ModelReport)
class ModelReportAdmin(ReadOnly):
    list_display = ["model", "version", "kind", "filed_on", "due_date"]


@admin.register(SeriousIncident)
class SeriousIncidentAdmin(ReadOnly):
    list_display = ["title", "model", "kind", "aware_on", "initial_due", "initial_late", "next_due"]
    list_filter = ["kind", "initial_late"]


@admin.register(IncidentReport)
class IncidentReportAdmin(ReadOnly):
    list_display = ["incident", "number", "stage", "filed_on"]


@admin.register(ObligationFile)
class ObligationFileAdmin(ReadOnly):
    list_display = ["original_name", "provider", "size", "uploaded_at"]


@admin.register(ObligationEvent)
class ObligationEventAdmin(ReadOnly):
    list_display = ["at", "provider", "action", "actor"]
    list_filter = ["action"]
