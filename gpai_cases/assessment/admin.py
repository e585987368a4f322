from django.contrib import admin

from .models import Scorecard


@admin.register(Scorecard)
class ScorecardAdmin(admin.ModelAdmin):
    list_display = ["case", "version", "saved_by", "saved_at"]
    list_select_related = ["case", "saved_by"]
    readonly_fields = [f.name for f in Scorecard._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
