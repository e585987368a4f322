from django.contrib import admin

from .models import (
    CalendarYear,
    Case,
    CaseEvent,
    Claim,
    ClockStop,
    Decision,
    Designation,
    InformationRequest,
    Notification,
    NotificationCorrection,
    PublicHoliday,
    ReferenceSequence,
)


class ReadOnlyAdmin(admin.ModelAdmin):
    """Records that are kept as they were written: visible, never edited or deleted here."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class PublicHolidayInline(admin.TabularInline):
    model = PublicHoliday
    extra = 1


@admin.register(CalendarYear)
class CalendarYearAdmin(admin.ModelAdmin):
    inlines = [PublicHolidayInline]
    list_display = ["year", "note"]


@admin.register(PublicHoliday)
class PublicHolidayAdmin(admin.ModelAdmin):
    list_display = ["date", "name", "calendar_year"]
    list_filter = ["calendar_year"]
    date_hierarchy = "date"


class NotificationInline(admin.StackedInline):
    """Shown, never edited here: a draft changes in the portal, a submitted notification only by a
    dated correction (docs/rules.md § facts-as-filed)."""

    model = Notification
    can_delete = False
    extra = 0

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Case)
class CaseAdmin(admin.ModelAdmin):
    list_display = ["reference", "kind", "state", "model", "assignee", "submitted_at", "late"]
    list_filter = ["kind", "state", "late"]
    search_fields = ["reference", "model__name", "model__provider__legal_name"]
    list_select_related = ["model", "assignee"]
    readonly_fields = ["reference", "state", "created_at", "submitted_at", "state_changed_at"]
    raw_id_fields = ["model", "designation", "assignee", "created_by"]
    inlines = [NotificationInline]

    def has_delete_permission(self, request, obj=None):
        return False


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

    list_display = ["case", "basis", "supplementary", "review", "filed_at", "removed_at"]
    list_filter = ["basis", "supplementary", "review"]
    list_select_related = ["case"]
    raw_id_fields = ["case", "documents", "filed_by", "reviewed_by"]

    def get_queryset(self, request):
        return Claim.all_objects.select_related("case")  # removed from a draft too


@admin.register(NotificationCorrection)
class NotificationCorrectionAdmin(ReadOnlyAdmin):
    list_display = ["case", "filed_at", "filed_by", "confirms_met"]
    list_select_related = ["case", "filed_by"]


@admin.register(InformationRequest)
class InformationRequestAdmin(admin.ModelAdmin):
    list_display = ["case", "kind", "sent_on", "due_date", "status"]
    list_filter = ["kind", "status"]
    list_select_related = ["case"]
    raw_id_fields = ["case", "created_by", "responded_by"]


@admin.register(ClockStop)
class ClockStopAdmin(ReadOnlyAdmin):
    list_display = ["case", "started_on", "ended_on", "reason"]
    list_select_related = ["case"]


@admin.register(ReferenceSequence)
class ReferenceSequenceAdmin(ReadOnlyAdmin):
    list_display = ["year", "last"]
