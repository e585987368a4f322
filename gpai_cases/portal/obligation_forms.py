"""Forms of the provider's obligations after designation. They check input; the rules stay in
:mod:`gpai_cases.obligations.rules` (the services refuse with them)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from gpai_cases.core import limits
from gpai_cases.obligations.models import IncidentKind
from gpai_cases.obligations.services import incident_kinds

from .forms import FILE_HINT

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def confirm(label: str) -> forms.BooleanField:
    """Filing is binding: the person confirms it."""
    return forms.BooleanField(label=label, required=True)


class FrameworkForm(forms.Form):
    summary = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=20_000,
        label=_("Summary"),
        help_text=_("What the framework covers or, for a new version, what changed."),
    )
    file = forms.FileField(label=_("The framework document"), help_text=FILE_HINT)
    confirm = confirm(_("I confirm: file this version of our safety and security framework"))


class ModelReportForm(forms.Form):
    summary = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 6}), max_length=20_000, label=_("Summary")
    )
    update_reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5_000,
        required=False,
        label=_("Why the report is updated"),
        help_text=_("For an update: a model update, new evaluations, a change in the risks…"),
    )
    file = forms.FileField(label=_("The model report"), help_text=FILE_HINT)
    confirm = confirm(_("I confirm: file this model report with the AI Office"))


class KindChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: IncidentKind) -> str:
        return gettext("%(kind)s — initial report within %(days)s days of becoming aware") % {
            "kind": obj.words,
            "days": obj.initial_days,
        }


class IncidentForm(forms.Form):
    kind = KindChoice(
        queryset=IncidentKind.objects.none(),
        to_field_name="code",
        widget=forms.RadioSelect,
        label=_("Kind of harm"),
        empty_label=None,
    )
    title = forms.CharField(max_length=200, label=_("Short title"))
    aware_on = forms.DateField(label=_("The day you became aware of the incident"), widget=DATE)
    what_happened = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 6}), max_length=50_000, label=_("What happened")
    )
    corrective_measures = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=50_000,
        label=_("Corrective measures"),
        help_text=_("Taken or planned; say “none yet” if there are none."),
    )
    resolved_on = forms.DateField(
        required=False, label=_("Resolved on (if it is already resolved)"), widget=DATE
    )
    file = forms.FileField(required=False, label=_("Attachment (optional)"), help_text=FILE_HINT)
    confirm = confirm(_("I confirm: report this serious incident to the AI Office"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].queryset = incident_kinds()


class IncidentUpdateForm(forms.Form):
    final = forms.BooleanField(
        required=False,
        label=_("This is the final report (the incident is resolved)"),
    )
    what_happened = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=50_000,
        label=_("What happened since the last report"),
    )
    corrective_measures = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}), max_length=50_000, label=_("Corrective measures")
    )
    resolved_on = forms.DateField(required=False, label=_("Resolved on"), widget=DATE)
    file = forms.FileField(required=False, label=_("Attachment (optional)"), help_text=FILE_HINT)
    confirm = confirm(_("I confirm: file this report with the AI Office"))


def service_fields(form: forms.Form, *names: str) -> dict[str, Any]:
    return {name: form.cleaned_data.get(name) for name in names}


limits.state_limits(FrameworkForm, ModelReportForm, IncidentForm, IncidentUpdateForm)
