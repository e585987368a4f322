from auditlog.mixins import AuditlogHistoryAdminMixin
from django.contrib import admin

from .figures import RECORDED_FIELDS
from .models import GPAIModel, Membership, Provider
from .services import model_register, model_update


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 1
    raw_id_fields = ["user"]


@admin.register(Provider)
class ProviderAdmin(AuditlogHistoryAdminMixin, admin.ModelAdmin):
    show_auditlog_history_link = True
    list_display = ["legal_name", "country", "city", "contact_name", "contact_email"]
    list_filter = ["country"]
    search_fields = ["legal_name"]
    inlines = [MembershipInline]


@admin.register(GPAIModel)
class GPAIModelAdmin(AuditlogHistoryAdminMixin, admin.ModelAdmin):
    show_auditlog_history_link = True
    list_display = ["name", "version", "provider", "training_compute_flop", "release_mode"]
    list_filter = ["release_mode"]
    search_fields = ["name", "provider__legal_name"]
    list_select_related = ["provider"]

    def save_model(self, request, obj, form, change):
        """Through the services, as in the portal: every edit is a recorded version of the model
        and is recorded on its open cases (docs/rules.md § facts-as-filed)."""
        fields = {f: form.cleaned_data[f] for f in form.changed_data if f in RECORDED_FIELDS}
        if change:
            if fields:
                model_update(
                    actor=request.user,
                    model=GPAIModel.objects.get(pk=obj.pk),
                    via="admin",
                    **fields,
                )
            extra = [f for f in form.changed_data if f not in RECORDED_FIELDS]
            if extra:
                GPAIModel.objects.filter(pk=obj.pk).update(
                    **{f: form.cleaned_data[f] for f in extra}
                )
            obj.refresh_from_db()
            return
        values = {f: form.cleaned_data[f] for f in RECORDED_FIELDS if f in form.cleaned_data}
        saved = model_register(actor=request.user, provider=obj.provider, via="admin", **values)
        obj.pk = saved.pk
        obj.refresh_from_db()


@admin.register(Membership)
class MembershipAdmin(AuditlogHistoryAdminMixin, admin.ModelAdmin):
    show_auditlog_history_link = True
    list_display = ["user", "provider", "created_at"]
    list_select_related = ["user", "provider"]
    raw_id_fields = ["user", "provider"]
