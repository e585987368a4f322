from django.contrib import admin

from .models import GPAIModel, Membership, Provider


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 1
    raw_id_fields = ["user"]


@admin.register(Provider)
class ProviderAdmin(admin.ModelAdmin):
    list_display = ["legal_name", "country", "contact_email"]
    list_filter = ["country"]
    search_fields = ["legal_name"]
    inlines = [MembershipInline]


@admin.register(GPAIModel)
class GPAIModelAdmin(admin.ModelAdmin):
    list_display = ["name", "version", "provider", "training_compute_flop", "release_mode"]
    list_filter = ["release_mode"]
    search_fields = ["name", "provider__legal_name"]
    list_select_related = ["provider"]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "provider", "created_at"]
    list_select_related = ["user", "provider"]
    raw_id_fields = ["user", "provider"]
