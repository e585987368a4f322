"""Legal records are read-only in the Django admin: shown, never added, changed or deleted there,
with a link to the case's page in the workspace; what the AI Office must correct goes through
the audited correction service (``cases.services.record_correct``), never an admin form."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html


class LegalRecordAdmin(admin.ModelAdmin):
    """A record of the procedure (docs/rules.md § facts-as-filed): view only."""

    #: The path from the record to its case (``None``: the record is the case).
    case_path: str | None = "case"

    def _case(self, obj: Any) -> Any:
        if obj is None:
            return None
        if self.case_path is None:
            return obj
        for part in self.case_path.split("."):
            obj = getattr(obj, part, None)
        return obj

    def view_on_site(self, obj: Any) -> str | None:
        case = self._case(obj)
        return reverse("workspace:case", args=[case.reference]) if case is not None else None

    @admin.display(description="Workspace")
    def workspace_link(self, obj: Any) -> str:
        url = self.view_on_site(obj)
        if url is None:
            return "—"
        return format_html('<a href="{}">case page in the workspace</a>', url)

    def get_readonly_fields(self, request: Any, obj: Any = None) -> list[str]:
        return ["workspace_link", *super().get_readonly_fields(request, obj)]

    def has_add_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        return False


class LegalRecordInline(admin.StackedInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        return False
