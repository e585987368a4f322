from auditlog.mixins import AuditlogHistoryAdminMixin
from django.contrib import admin

from .models import Publication, PublicEntry, PublicWording


class PublicEntryInline(admin.TabularInline):
    model = PublicEntry
    extra = 0
    can_delete = False
    readonly_fields = [
        "entry_id",
        "model_name",
        "provider_name",
        "designated_on",
        "basis",
        "status",
        "revoked_on",
    ]
    fields = readonly_fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Publication)
class PublicationAdmin(admin.ModelAdmin):
    list_display = ["number", "published_at", "published_by"]
    readonly_fields = ["number", "published_at", "published_by"]
    inlines = [PublicEntryInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(PublicWording)
class PublicWordingAdmin(AuditlogHistoryAdminMixin, admin.ModelAdmin):
    show_auditlog_history_link = True
    list_display = ["entry_id", "public_model_name", "public_provider_name", "updated_at"]
    readonly_fields = ["designation", "entry_id"]
