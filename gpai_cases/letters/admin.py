from django.contrib import admin

from gpai_cases.core.admin import LegalRecordAdmin

from .models import Letter


@admin.register(Letter)
class LetterAdmin(LegalRecordAdmin):
    """Letters are legal records: read-only (a failed one is regenerated from the workspace)."""

    list_display = ["reference", "kind", "status", "attempts", "letter_date", "workspace_link"]
    list_filter = ["kind", "status"]
    search_fields = ["reference", "case__reference"]
    list_select_related = ["case"]
