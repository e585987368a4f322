from django.contrib import admin

from gpai_cases.core.admin import LegalRecordAdmin

from .models import Document, DocumentRead


@admin.register(Document)
class DocumentAdmin(LegalRecordAdmin):
    list_display = [
        "title",
        "case",
        "kind",
        "visibility",
        "content_type",
        "size",
        "sha256",
        "uploaded_at",
        "removed_at",
        "workspace_link",
    ]
    list_filter = ["kind", "visibility", "content_type", "supplementary"]
    search_fields = ["title", "sha256", "case__reference"]
    list_select_related = ["case"]

    def get_queryset(self, request):
        return Document.all_objects.select_related("case")  # removed from a draft too


@admin.register(DocumentRead)
class DocumentReadAdmin(LegalRecordAdmin):
    """Every read of every document (the read audit): who, when, which, through which door."""

    case_path = "document.case"
    list_display = ["at", "document", "reader", "reader_role", "via", "workspace_link"]
    list_filter = ["reader_role", "via"]
    search_fields = ["document__title", "document__case__reference", "reader__email"]
    list_select_related = ["document__case", "reader"]
    date_hierarchy = "at"
