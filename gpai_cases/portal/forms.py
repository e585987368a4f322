"""Forms of the provider portal. They check input; the rules stay in the service layer."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from gpai_cases.cases import rules
from gpai_cases.cases.models import ClaimBasis, ComputeMethod, TriggerType
from gpai_cases.core import limits
from gpai_cases.providers.compute import PARAMETERS, PEAK_FLOPS, TOKENS
from gpai_cases.providers.models import GPAIModel, Modality, ReleaseMode

from .number_fields import BigNumberField, FlopField

#: The accepted types in the reader's language (documents.validation.ALLOWED_DESCRIPTION in English).
ALLOWED_DESCRIPTION = _("PDF, plain text, CSV, JSON, XLSX or ZIP")
FILE_HINT = format_lazy(_("{allowed}; checked by its content."), allowed=ALLOWED_DESCRIPTION)
FILE_HINT_CITE = format_lazy(
    _("{allowed}; checked by its content. Needed unless you cite a filed report."),
    allowed=ALLOWED_DESCRIPTION,
)
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ModelForm(forms.ModelForm):
    modalities = forms.MultipleChoiceField(
        choices=Modality.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label=_("Input and output modalities"),
    )
    training_compute_flop = FlopField(
        label=_("Training compute (FLOP)"),
        required=False,
        max_length=60,
        help_text=_(
            "Cumulative compute used for training, e.g. 3.2e25, 3.2×10^25 or plain digits."
        ),
    )
    parameter_count = BigNumberField(
        label=_("Number of parameters"),
        required=False,
        max_length=60,
        help_text=_("e.g. 4e11"),
        quantity=PARAMETERS,
    )
    training_tokens = BigNumberField(
        label=_("Training data size (tokens)"),
        required=False,
        max_length=60,
        help_text=_("e.g. 1.5e13"),
        quantity=TOKENS,
    )
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=5_000,
        required=False,
        label=_("Why these figures change (optional)"),
        help_text=_(
            "Kept with the change; the AI Office sees it on the cases that rely on this model."
        ),
    )

    class Meta:
        model = GPAIModel
        fields = [
            "name",
            "version",
            "modalities",
            "parameter_count",
            "training_compute_flop",
            "training_tokens",
            "release_mode",
            "planned_release_date",
            "eu_market_date",
            "eu_business_users",
            "eu_end_users",
        ]
        widgets = {
            "planned_release_date": DATE,
            "eu_market_date": DATE,
            "release_mode": forms.RadioSelect,
        }
        labels = {"name": _("Name"), "version": _("Version"), "release_mode": _("Release mode")}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk is None:  # a new model has no change to explain
            del self.fields["reason"]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("release_mode") == ReleaseMode.OPEN_SOURCE and not data.get(
            "planned_release_date"
        ):
            self.add_error(
                "planned_release_date",
                _("An open-source model must give its planned public release date."),
            )
        return data


class TriggerForm(forms.Form):
    trigger_type = forms.ChoiceField(
        choices=TriggerType.choices, widget=forms.RadioSelect, label=_("What happened")
    )
    trigger_date = forms.DateField(
        label=_("On which day"),
        widget=DATE,
        help_text=_(
            "The day the threshold was met, or the day it became known that it will be met."
        ),
    )

    def clean_trigger_date(self) -> Any:
        value = self.cleaned_data["trigger_date"]
        problems = rules.trigger_date_problems(value, today=timezone.localdate())
        if problems:
            raise forms.ValidationError(problems)
        return value


class ComputeForm(forms.Form):
    compute_flop = FlopField(
        label=_("Training compute declared (FLOP)"),
        max_length=60,
        help_text=_("Two significant figures at least, e.g. 3.2e25."),
    )
    compute_method = forms.ChoiceField(
        choices=ComputeMethod.choices, widget=forms.RadioSelect, label=_("How it was estimated")
    )
    accelerators = forms.IntegerField(
        label=_("Hardware: number of accelerators"),
        required=False,
        min_value=1,
        max_value=10_000_000,
    )
    peak_flops_per_accelerator = FlopField(
        label=_("Hardware: peak FLOP/s per accelerator"),
        required=False,
        max_length=60,
        help_text=_("e.g. 989e12 for an H100 (dense BF16)"),
        quantity=PEAK_FLOPS,
    )
    utilisation = forms.DecimalField(
        label=_("Hardware: utilisation (0–1)"),
        required=False,
        min_value=Decimal("0.01"),
        max_value=Decimal(1),
        decimal_places=3,
    )
    training_hours = forms.DecimalField(
        label=_("Hardware: training time (hours)"),
        required=False,
        min_value=Decimal("0.1"),
        max_value=Decimal(10_000_000),
        decimal_places=1,
    )
    parameters = BigNumberField(
        label=_("Architecture: parameters"), required=False, max_length=60, quantity=PARAMETERS
    )
    training_tokens = BigNumberField(
        label=_("Architecture: training tokens"), required=False, max_length=60, quantity=TOKENS
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        method = data.get("compute_method")
        hardware = ("accelerators", "peak_flops_per_accelerator", "utilisation", "training_hours")
        if method == "hardware" and any(data.get(k) in (None, "") for k in hardware):
            self.add_error(
                None,
                _(
                    "For a hardware-based estimate give accelerators, peak FLOP/s, utilisation and hours."
                ),
            )
        if method == "architecture" and not (
            data.get("parameters") and data.get("training_tokens")
        ):
            self.add_error(
                None, _("For an architecture-based estimate give parameters and training tokens.")
            )
        return data

    def inputs(self) -> dict[str, str]:
        return {
            k: str(v)
            for k, v in self.cleaned_data.items()
            if k not in ("compute_flop", "compute_method") and v not in (None, "")
        }


class DetailsForm(forms.Form):
    architecture_description = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=20_000,
        label=_("Architecture of the model"),
    )
    modalities_description = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=20_000,
        required=False,
        label=_("Input and output modalities"),
    )
    intended_uses = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=20_000,
        required=False,
        label=_("Intended uses"),
    )
    cover_letter = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=20_000,
        required=False,
        label=_("Cover letter"),
    )


class UploadForm(forms.Form):
    title = forms.CharField(max_length=300, required=False, label=_("Title of the document"))
    file = forms.FileField(label=_("File"), help_text=FILE_HINT)


class ClaimForm(forms.Form):
    text = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}), max_length=20_000, label=_("Your claim")
    )
    basis = forms.ChoiceField(
        choices=ClaimBasis.choices,
        widget=forms.RadioSelect,
        label=_("What the claim rests on"),
        help_text=_(
            "The Commission's guidelines: arguments should be about capabilities; arguments resting on "
            "mitigations (safeguards, refusal training, restricted access) are not valid grounds."
        ),
    )
    documents = forms.MultipleChoiceField(
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label=_("Evidence supporting this claim"),
    )

    def __init__(self, *args: Any, documents: list[Any] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["documents"].choices = [
            (str(d.pk), f"{d.title} ({d.sha256[:12]}…)") for d in documents
        ]


class ResponseForm(forms.Form):
    response = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 6}), max_length=50_000, label=_("Your answer")
    )
    file = forms.FileField(
        required=False,
        label=_("Attach a document (optional)"),
        help_text=FILE_HINT,
    )


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), max_length=5_000, label=_("Why you withdraw")
    )
    confirm = forms.BooleanField(label=_("I understand that a withdrawn case cannot be reopened."))


class ReassessmentForm(forms.Form):
    reasons = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=50_000,
        label=_("Your reasons"),
        help_text=_(
            "Objective, detailed and new reasons that arose after the decision (Art 52(5))."
        ),
    )
    cite = forms.MultipleChoiceField(
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Cite reports you filed since the decision"),
        help_text=_(
            "Model reports and serious incident reports: each is cited in your reasons with "
            "its date, and its file joins your request as a supporting document."
        ),
    )
    file = forms.FileField(
        required=False,
        label=_("Supporting document"),
        help_text=FILE_HINT_CITE,
    )

    def __init__(self, *args: Any, reports: list[tuple[str, str]] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["cite"].choices = list(reports)
        if not reports:
            del self.fields["cite"]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not data.get("file") and not data.get("cite"):
            self.add_error(
                "file", _("Upload a supporting document, or cite one of your filed reports.")
            )
        return data


class ExtensionRequestForm(forms.Form):
    """The provider's reasoned request for more time to answer."""

    proposed_due_date = forms.DateField(
        widget=DATE,
        label=_("The due date you ask for"),
        help_text=_("A Saturday, Sunday or Commission holiday moves to the next working day."),
    )
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5_000,
        label=_("Your reasons"),
        help_text=_(
            "Why you need more time. A caseworker grants or refuses the request; you "
            "receive a letter either way. Until then, the request does not lapse."
        ),
    )


class CorrectionForm(forms.Form):
    """A dated correction of a submitted notification (docs/rules.md § facts-as-filed)."""

    compute_flop = FlopField(
        label=_("Training compute (FLOP), corrected or final"),
        required=False,
        max_length=60,
        help_text=_(
            "Leave empty to keep the figure notified. Unrounded if it is close to the threshold."
        ),
    )
    compute_method = forms.ChoiceField(
        choices=[("", _("Keep the method notified")), *ComputeMethod.choices],
        required=False,
        label=_("How it was estimated"),
    )
    accelerators = ComputeForm.base_fields["accelerators"]
    peak_flops_per_accelerator = ComputeForm.base_fields["peak_flops_per_accelerator"]
    utilisation = ComputeForm.base_fields["utilisation"]
    training_hours = ComputeForm.base_fields["training_hours"]
    parameters = ComputeForm.base_fields["parameters"]
    training_tokens = ComputeForm.base_fields["training_tokens"]
    trigger_date = forms.DateField(
        label=_("Corrected trigger date"),
        required=False,
        widget=DATE,
        help_text=_(
            "Only if the date you notified was wrong: the due date and the late flag follow it."
        ),
    )
    confirms_met = forms.BooleanField(
        required=False,
        label=_("I confirm that the threshold, notified as going to be met, has now been met."),
    )
    met_on = forms.DateField(
        label=_("Day the threshold was met"),
        required=False,
        widget=DATE,
        help_text=_(
            "With the confirmation: the model has systemic risk from this day if designated."
        ),
    )
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}), max_length=20_000, label=_("Why you correct it")
    )
    title = forms.CharField(max_length=300, required=False, label=_("Title of the evidence"))
    file = forms.FileField(
        label=_("Evidence for the correction"),
        help_text=FILE_HINT,
    )

    INPUTS = (
        "accelerators",
        "peak_flops_per_accelerator",
        "utilisation",
        "training_hours",
        "parameters",
        "training_tokens",
    )

    def __init__(self, *args: Any, will_be_met: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not will_be_met:  # only a "will be met" notification is confirmed as met
            del self.fields["confirms_met"]
            del self.fields["met_on"]

    def inputs(self) -> dict[str, str] | None:
        """The new inputs of the estimate, or None to keep those notified."""
        given = {
            k: str(self.cleaned_data[k])
            for k in self.INPUTS
            if self.cleaned_data.get(k) not in (None, "")
        }
        return given or None


class ConfidentialityClaimForm(forms.Form):
    """A claim of confidential business information (Art 78) on one document or one field."""

    subject = forms.ChoiceField(label=_("What is confidential"))
    reason = forms.CharField(
        label=_("Why it is confidential business information"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
    )
    terms = forms.CharField(
        label=_("Words that must never be published (one per line)"),
        help_text=_(
            "E.g. an internal code name or a partner's name; the publishing page warns the "
            "AI Office when the public wording contains one of them."
        ),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=5000,
    )
    non_confidential_version = forms.FileField(
        label=_("A non-confidential version of the document (optional)"),
        required=False,
        help_text=ALLOWED_DESCRIPTION,
    )

    def __init__(self, *args: Any, documents: list[Any], **kwargs: Any) -> None:
        from gpai_cases.cases.models import CLAIMABLE_FIELDS

        super().__init__(*args, **kwargs)
        self.documents = {str(d.pk): d for d in documents}
        self.fields["subject"].choices = [
            (_("Documents"), [(f"document:{pk}", d.title) for pk, d in self.documents.items()]),
            (_("Fields"), [(f"field:{key}", label) for key, label in CLAIMABLE_FIELDS.items()]),
        ]

    def claim(self) -> dict[str, Any]:
        """The service's arguments for the claim."""
        kind, _, key = self.cleaned_data["subject"].partition(":")
        return {
            "document": self.documents.get(key) if kind == "document" else None,
            "field": key if kind == "field" else "",
            "reason": self.cleaned_data["reason"],
            "terms": self.cleaned_data["terms"],
            "non_confidential_file": self.cleaned_data.get("non_confidential_version"),
        }


limits.state_limits(
    ModelForm,
    TriggerForm,
    ComputeForm,
    DetailsForm,
    UploadForm,
    ClaimForm,
    ResponseForm,
    WithdrawForm,
    ReassessmentForm,
    ExtensionRequestForm,
    CorrectionForm,
    ConfidentialityClaimForm,
)
