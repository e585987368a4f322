from auditlog.mixins import AuditlogHistoryAdminMixin
from django.contrib import admin

from gpai_cases.core.admin import LegalRecordAdmin, LegalRecordInline

from .models import (
    CalendarYear,
    Case,
    CaseEvent,
    Claim,
    ClockStop,
    ConfidentialityClaim,
    Decision,
    Designation,
    InformationRequest,
    Notification,
    NotificationCorrection,
    PublicHoliday,
    ReferenceSequence,
)

#: The legal records of a case (docs/rules.md § facts-as-filed) are read-only here, each with a
#: link to the case's page in the workspace; corrections go through services.record_correct.
ReadOnlyAdmin = LegalRecordAdmin


class PublicHolidayInline(admin.TabularInline):
    model = PublicHoliday
    extra = 1


@admin.register(CalendarYear)
class CalendarYearAdmin(AuditlogHistoryAdminMixin, admin.ModelAdmin):
    show_auditlog_history_link = True
    inlines = [PublicHolidayInline]
    list_display = ["year", "note"]


@admin.register(PublicHoliday)
class PublicHolidayAdmin(AuditlogHistoryAdminMixin, admin.ModelAdmin):
    show_auditlog_history_link = True
    list_display = ["date", "name", "calendar_year"]
    list_filter = ["calendar_year"]
    date_hierarchy = "date"


class NotificationInline(LegalRecordInline):
    """Shown, never edited here: a draft changes in the portal, a submitted notification only by a
    dated correction (docs/rules.md § facts-as-filed)."""

    model = Notification

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Case)
class CaseAdmin(LegalRecordAdmin):
    case_path = None
    list_display = [
        "reference",
        "kind",
        "state",
        "model",
        "assignee",
        "submitted_at",
        "late",
        "workspace_link",
    ]
    list_filter = ["kind", "state", "late"]
    search_fields = ["reference", "model__name", "model__provider__legal_name"]
    list_select_related = ["model", "assignee"]
    inlines = [NotificationInline]


@admin.register(CaseEvent)
class CaseEventAdmin(ReadOnlyAdmin):
    list_display = ["at", "case", "action", "actor", "from_state", "to_state"]
    list_filter = ["action"]
    search_fields = ["case__reference"]
    list_select_related = ["case", "actor"]


@admin.register(Decision)
class DecisionAdmin(ReadOnlyAdmin):
    list_display = ["case", "outcome", "status", "proposed_by", "approved_by", "decided_on"]
    list_filter = ["outcome", "status"]
    list_select_related = ["case", "proposed_by", "approved_by"]


@admin.register(Designation)
class DesignationAdmin(ReadOnlyAdmin):
    list_display = ["model", "basis", "decided_on", "reassessment_earliest", "ended_on"]
    list_filter = ["basis"]
    list_select_related = ["model"]


@admin.register(Claim)
class ClaimAdmin(ReadOnlyAdmin):
    """Claims are filed by the provider and reviewed by caseworkers, not edited here."""

    list_display = [
        "case",
        "basis",
        "supplementary",
        "review",
        "filed_at",
        "removed_at",
        "workspace_link",
    ]
    list_filter = ["basis", "supplementary", "review"]
    list_select_related = ["case"]

    def get_queryset(self, request):
        return Claim.all_objects.select_related("case")  # removed from a draft too


@admin.register(NotificationCorrection)
class NotificationCorrectionAdmin(ReadOnlyAdmin):
    list_display = ["case", "filed_at", "filed_by", "confirms_met"]
    list_select_related = ["case", "filed_by"]


@admin.register(InformationRequest)
class InformationRequestAdmin(ReadOnlyAdmin):
    list_display = ["case", "kind", "sent_on", "due_date", "status", "workspace_link"]
    list_filter = ["kind", "status"]
    list_select_related = ["case"]


@admin.register(ConfidentialityClaim)
class ConfidentialityClaimAdmin(ReadOnlyAdmin):
    list_display = ["case", "field", "document", "filed_at", "workspace_link"]
    list_select_related = ["case", "document"]


@admin.register(ClockStop)
class ClockStopAdmin(ReadOnlyAdmin):
    list_display = ["case", "started_on", "ended_on", "reason"]
    list_select_related = ["case"]


@admin.register(ReferenceSequence)
class ReferenceSequenceAdmin(ReadOnlyAdmin):
    case_path = "no_case"  # not a case's record
    list_display = ["year", "last"]
