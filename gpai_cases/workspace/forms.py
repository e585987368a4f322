from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django_countries import countries

from gpai_cases.cases import rules
from gpai_cases.cases.models import ExOfficioBasis
from gpai_cases.providers.compute import FlopParseError, parse_flop
from gpai_cases.providers.models import GPAIModel, Provider


class ExOfficioForm(forms.Form):
    """Open an ex officio case on a registered model, or register the provider and model here."""

    basis = forms.ChoiceField(
        choices=ExOfficioBasis.choices, widget=forms.RadioSelect, label="Basis"
    )
    alert_reference = forms.CharField(
        required=False, max_length=100, label="Reference of the scientific panel's alert"
    )
    alert_date = forms.DateField(
        required=False, label="Date of the alert", widget=forms.DateInput(attrs={"type": "date"})
    )
    model_name = forms.CharField(
        required=False,
        max_length=200,
        label="Registered model: name",
        help_text="Leave empty to register a model that was never notified (below).",
    )
    model_version = forms.CharField(
        required=False, max_length=100, label="Registered model: version"
    )
    provider = forms.ModelChoiceField(
        queryset=Provider.objects.order_by("legal_name"),
        required=False,
        label="New model: provider already registered",
    )
    new_provider_name = forms.CharField(
        required=False, max_length=200, label="Or a new provider: legal name"
    )
    new_provider_country = forms.ChoiceField(
        required=False,
        choices=[("", "—"), *countries],
        label="New provider: country of establishment",
    )
    new_provider_representative = forms.CharField(
        required=False,
        max_length=300,
        label="New provider: EU authorised representative (if outside the EU)",
    )
    new_model_name = forms.CharField(required=False, max_length=200, label="New model: name")
    new_model_version = forms.CharField(required=False, max_length=100, label="New model: version")
    new_model_compute = forms.CharField(
        required=False,
        max_length=60,
        label="New model: training compute (FLOP), if known",
        help_text="For example 3.2e25 or 3.2×10^25.",
    )

    def clean_alert_date(self) -> Any:
        value = self.cleaned_data["alert_date"]
        problems = rules.alert_date_problems(value, today=timezone.localdate())
        if problems:
            raise forms.ValidationError(problems)
        return value

    def clean_new_model_compute(self) -> Any:
        value = self.cleaned_data["new_model_compute"].strip()
        if not value:
            return None
        try:
            return parse_flop(value)
        except FlopParseError as exc:
            raise forms.ValidationError(str(exc)) from exc

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        data["model"] = None
        if data.get("basis") == ExOfficioBasis.SCIENTIFIC_PANEL_ALERT and not data.get(
            "alert_reference"
        ):
            self.add_error("alert_reference", rules.ALERT_REFERENCE_MISSING)
        if data.get("model_name"):
            matches = list(
                GPAIModel.objects.filter(
                    name__iexact=data["model_name"].strip(),
                    version__iexact=(data.get("model_version") or "").strip(),
                ).select_related("provider")[:5]
            )
            if not matches:
                self.add_error("model_name", "No registered model has that name and version.")
            elif len(matches) > 1:
                names = ", ".join(m.provider.legal_name for m in matches)
                self.add_error(
                    "model_name", f"Several providers have a model of that name ({names})."
                )
            else:
                data["model"] = matches[0]
            return data
        if not data.get("new_model_name"):
            self.add_error("model_name", "Name a registered model, or register a new one below.")
        if not data.get("provider") and not (
            data.get("new_provider_name") and data.get("new_provider_country")
        ):
            self.add_error(
                "provider", "Choose the provider, or give the new provider's name and country."
            )
        return data


class ReassessmentOpenForm(forms.Form):
    reasons = forms.CharField(
        label="Basis and reasons for the reassessment",
        help_text="What has changed since the decision (new evaluations, reach, capabilities…); "
        "the provider receives them with the notice.",
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=20_000,
    )
    confirm = forms.BooleanField(
        label="I confirm: open the reassessment and send the notice to the provider",
        required=True,
    )


DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DUE_DATE_HINT = (
    "A Saturday, Sunday or Commission holiday moves to the next working day, and a period of two "
    "days or more keeps at least two working days (Reg. 1182/71 Art 3)."
)


class WithdrawRequestForm(forms.Form):
    """Withdrawing a request sent by mistake: the reason, and a confirmation."""

    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5_000,
        label="Why the request is withdrawn",
        help_text="For example: sent by mistake. The provider receives a letter with this reason.",
    )
    confirm = forms.BooleanField(
        label="I confirm: withdraw this request. It cannot be reopened; the assessment clock runs "
        "again from tomorrow."
    )


class ExtendRequestForm(forms.Form):
    """Extending a due date of the AI Office's own motion."""

    due_date = forms.DateField(widget=DATE, label="New due date", help_text=DUE_DATE_HINT)
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5_000,
        label="Reason",
        help_text="The letter to the provider gives it.",
    )


class ExtensionDecisionForm(forms.Form):
    """Granting (the date asked for or another) or refusing the provider's request for more time."""

    decision = forms.ChoiceField(
        choices=[("grant", "Grant"), ("refuse", "Refuse")],
        widget=forms.RadioSelect,
        label="Decision",
    )
    due_date = forms.DateField(
        widget=DATE,
        required=False,
        label="Due date granted",
        help_text=f"The date the provider asked for, or another. {DUE_DATE_HINT}",
    )
    note = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5_000,
        required=False,
        label="Note to the provider",
        help_text="Required when you refuse: say why.",
    )
