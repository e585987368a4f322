from typing import Any

from auditlog.mixins import AuditlogHistoryAdminMixin
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from .models import AccountEvent, Invitation, RegistrationRequest, SignInEvent, User


@admin.register(User)
class UserAdmin(AuditlogHistoryAdminMixin, BaseUserAdmin):
    """Users and their roles; every change is in the user's history (django-auditlog)."""

    show_auditlog_history_link = True
    ordering = ["email"]
    list_display = ["email", "full_name", "function", "role", "is_active", "is_staff"]
    list_filter = ["role", "is_active", "is_staff"]
    search_fields = ["email", "full_name"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        ("Person", {"fields": ["full_name", "function", "role"]}),
        ("Permissions", {"fields": ["is_active", "is_staff", "is_superuser", "groups"]}),
        ("Dates", {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (None, {"classes": ["wide"], "fields": ["email", "role", "password1", "password2"]})
    ]


class RecordAdmin(admin.ModelAdmin):
    """Shown to the people who run the service, never written there: invitations are sent and
    revoked, requests answered, in the workspace and the portal, where each change is audited."""

    def has_add_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        return False


@admin.register(SignInEvent)
class SignInEventAdmin(RecordAdmin):
    list_display = ["at", "kind", "username", "user", "ip_address"]
    list_filter = ["kind"]
    list_select_related = ["user"]
    search_fields = ["username"]
    date_hierarchy = "at"


@admin.register(AccountEvent)
class AccountEventAdmin(RecordAdmin):
    list_display = ["at", "kind", "actor", "provider", "subject"]
    list_filter = ["kind"]
    list_select_related = ["actor", "provider"]
    search_fields = ["subject", "provider__legal_name"]
    date_hierarchy = "at"


@admin.register(Invitation)
class InvitationAdmin(RecordAdmin):
    list_display = [
        "email",
        "provider",
        "is_administrator",
        "created_at",
        "expires_at",
        "accepted_at",
        "revoked_at",
    ]
    list_select_related = ["provider"]
    search_fields = ["email", "provider__legal_name"]
    exclude = ["token_digest"]  # the digest of a live link stays out of sight


@admin.register(RegistrationRequest)
class RegistrationRequestAdmin(RecordAdmin):
    list_display = ["legal_name", "country", "contact_email", "created_at", "status"]
    list_filter = ["status"]
    search_fields = ["legal_name", "contact_email"]
