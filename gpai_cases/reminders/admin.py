from django.contrib import admin

from .models import InboxMessage, Reminder


@admin.register(Reminder)
class ReminderAdmin(admin.ModelAdmin):
    list_display = ["case", "kind", "stage", "sent_at"]
    list_filter = ["kind", "stage"]
    list_select_related = ["case"]
    readonly_fields = ["kind", "case", "ref_id", "stage", "sent_at", "recipients"]

    def has_add_permission(self, request):
        return False


@admin.register(InboxMessage)
class InboxMessageAdmin(admin.ModelAdmin):
    list_display = ["user", "subject", "created_at", "read_at"]
    list_select_related = ["user"]
    raw_id_fields = ["user", "case"]
