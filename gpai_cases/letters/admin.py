from django.contrib import admin

from .models import Letter


@admin.register(Letter)
class LetterAdmin(admin.ModelAdmin):
    list_display = ["reference", "kind", "status", "attempts", "letter_date", "rendered_at"]
    list_filter = ["kind", "status"]
    search_fields = ["reference", "case__reference"]
    list_select_related = ["case"]
    readonly_fields = [f.name for f in Letter._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
