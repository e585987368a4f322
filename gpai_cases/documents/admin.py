from django.contrib import admin

from .models import Document


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    list_display = [
        "title",
        "case",
        "kind",
        "content_type",
        "size",
        "sha256",
        "uploaded_at",
        "removed_at",
    ]
    list_filter = ["kind", "content_type", "supplementary"]
    search_fields = ["title", "sha256", "case__reference"]
    list_select_related = ["case"]

    def get_queryset(self, request):
        return Document.all_objects.select_related("case")  # removed from a draft too

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False
