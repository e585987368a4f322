from auditlog.mixins import AuditlogHistoryAdminMixin
from django.contrib import admin
from django.http import HttpRequest

from gpai_cases.core.admin import LegalRecordAdmin

from .models import Letter, LetterSettings, LetterWording


@admin.register(Letter)
class LetterAdmin(LegalRecordAdmin):
    """Letters are legal records: read-only (a failed one is regenerated from the workspace)."""

    list_display = ["reference", "kind", "status", "attempts", "letter_date", "workspace_link"]
    list_filter = ["kind", "status"]
    search_fields = ["reference", "case__reference"]
    list_select_related = ["case"]
    exclude = ["verification_code"]


@admin.register(LetterWording)
class LetterWordingAdmin(AuditlogHistoryAdminMixin, admin.ModelAdmin):
    """The legal statements the letters quote, with their sources, one row per language; every
    change in the history. A letter already issued keeps the wording it was rendered with."""

    show_auditlog_history_link = True
    list_display = ["key", "language", "source", "updated_at"]
    list_filter = ["language", "key"]
    readonly_fields = ["key", "language", "updated_at"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # one row per statement, made by the data migration

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(LetterSettings)
class LetterSettingsAdmin(AuditlogHistoryAdminMixin, admin.ModelAdmin):
    """Who signs requests, notices and receipts; the contact point; the time for observations."""

    show_auditlog_history_link = True
    list_display = ["__str__", "requests_signed_by", "head_of_unit_name"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return not LetterSettings.objects.exists()

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
