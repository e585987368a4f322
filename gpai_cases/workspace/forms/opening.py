"""Opening a case of the Commission's own motion, and a reassessment of a designation."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from gpai_cases.cases import rules
from gpai_cases.cases.models import ExOfficioBasis
from gpai_cases.core import limits
from gpai_cases.providers.compute import FlopParseError, parse_flop
from gpai_cases.providers.models import GPAIModel, Provider

REGISTERED, NEW = "registered", "new"

#: the ex officio form's fieldsets: (legend, hint, fields); the template shows them in order
EX_OFFICIO_FIELDSETS = [
    (_("The basis"), "", ["basis", "alert_reference", "alert_date"]),
    (_("Which model"), "", ["source"]),
    (
        _("A registered model"),
        _("Only if you chose “A registered model” above."),
        ["model"],
    ),
    (
        _("A new model"),
        _(
            "Only if you chose “A model never notified” above: its provider (registered, or new "
            "here) and the model."
        ),
        [
            "provider",
            "new_provider_name",
            "new_provider_country",
            "new_provider_representative",
            "new_model_name",
            "new_model_version",
            "new_model_compute",
        ],
    ),
]
NEW_FIELDS = EX_OFFICIO_FIELDSETS[3][2]


def models_by_provider() -> list[tuple[str, Any]]:
    """The registered models as the choices of a select, grouped by provider."""
    groups: dict[str, list[tuple[str, str]]] = {}
    for model in GPAIModel.objects.select_related("provider").order_by(
        "provider__legal_name", "name", "version"
    ):
        label = f"{model.name} {model.version}".strip()
        groups.setdefault(model.provider.legal_name, []).append((str(model.pk), label))
    return [("", "—"), *groups.items()]


class ExOfficioForm(forms.Form):
    """Open an ex officio case on a registered model, or register the provider and model here."""

    basis = forms.ChoiceField(
        choices=ExOfficioBasis.choices, widget=forms.RadioSelect, label=_("Basis")
    )
    alert_reference = forms.CharField(
        required=False,
        max_length=100,
        label=_("Reference of the scientific panel's alert"),
        help_text=_("Required for an alert of the scientific panel."),
    )
    alert_date = forms.DateField(
        required=False, label=_("Date of the alert"), widget=forms.DateInput(attrs={"type": "date"})
    )
    source = forms.ChoiceField(
        choices=[(REGISTERED, _("A registered model")), (NEW, _("A model never notified"))],
        widget=forms.RadioSelect,
        label=_("The model"),
    )
    model = forms.ChoiceField(required=False, label=_("Registered model (by provider)"))
    provider = forms.ModelChoiceField(
        queryset=Provider.objects.order_by("legal_name"),
        required=False,
        label=_("Its provider, if registered"),
    )
    new_provider_name = forms.CharField(
        required=False,
        max_length=limits.NAME,
        label=_("Or a new provider: legal name"),
    )
    new_provider_country = forms.ChoiceField(
        required=False,
        choices=[("", "—"), *countries],
        label=_("New provider: country of establishment"),
    )
    new_provider_representative = forms.CharField(
        required=False,
        max_length=300,
        label=_("New provider: EU authorised representative (if outside the EU)"),
    )
    new_model_name = forms.CharField(
        required=False, max_length=limits.NAME, label=_("New model: name")
    )
    new_model_version = forms.CharField(
        required=False, max_length=100, label=_("New model: version")
    )
    new_model_compute = forms.CharField(
        required=False,
        max_length=60,
        label=_("New model: training compute (FLOP), if known"),
        help_text=_("For example 3.2e25 or 3.2×10^25."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["model"].choices = models_by_provider()
        # country names in the reader's language (the list is read when the form is made)
        self.fields["new_provider_country"].choices = [("", "—"), *countries]

    def fieldsets(self) -> list[dict[str, Any]]:
        return [
            {"legend": legend, "hint": hint, "fields": [self[name] for name in names]}
            for legend, hint, names in EX_OFFICIO_FIELDSETS
        ]

    def clean_alert_date(self) -> Any:
        value = self.cleaned_data["alert_date"]
        problems = rules.alert_date_problems(value, today=timezone.localdate())
        if problems:
            raise forms.ValidationError(problems)
        return value

    def clean_model(self) -> GPAIModel | None:
        value = self.cleaned_data["model"]
        return (
            GPAIModel.objects.select_related("provider").filter(pk=value).first() if value else None
        )

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
        if data.get("basis") == ExOfficioBasis.SCIENTIFIC_PANEL_ALERT and not data.get(
            "alert_reference"
        ):
            self.add_error("alert_reference", rules.ALERT_REFERENCE_MISSING)
        source = data.get("source")
        if source == REGISTERED:
            if not data.get("model"):
                self.add_error("model", _("Choose the registered model from the list."))
            typed = [n for n in NEW_FIELDS if data.get(n)]
            for name in typed:
                self.add_error(
                    name,
                    _(
                        "You chose a registered model: leave the new model's fields empty, or "
                        "choose “A model never notified”."
                    ),
                )
        elif source == NEW:
            data["model"] = None
            if not data.get("new_model_name"):
                self.add_error("new_model_name", _("Give the new model's name."))
            if not data.get("provider") and not (
                data.get("new_provider_name") and data.get("new_provider_country")
            ):
                self.add_error(
                    "provider",
                    _("Choose the provider, or give the new provider's name and country."),
                )
            elif data.get("provider") and data.get("new_provider_name"):
                self.add_error(
                    "new_provider_name",
                    _("Choose a registered provider or name a new one, not both."),
                )
        return data


class ReassessmentOpenForm(forms.Form):
    reasons = forms.CharField(
        label=_("Basis and reasons for the reassessment"),
        help_text=_(
            "What has changed since the decision (new evaluations, reach, capabilities…); "
            "the provider receives them with the notice."
        ),
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=limits.REASONING,
    )
    confirm = forms.BooleanField(
        label=_("I confirm: open the reassessment and send the notice to the provider"),
        required=True,
    )


limits.state_limits(ExOfficioForm, ReassessmentOpenForm)
