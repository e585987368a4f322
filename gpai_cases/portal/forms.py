"""Forms of the provider portal. They check input; the rules stay in the service layer."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils import timezone

from gpai_cases.cases import rules
from gpai_cases.cases.models import ClaimBasis, ComputeMethod, TriggerType
from gpai_cases.core import limits
from gpai_cases.documents.validation import ALLOWED_DESCRIPTION
from gpai_cases.providers.compute import (
    FLOP,
    PARAMETERS,
    PEAK_FLOPS,
    TOKENS,
    FlopParseError,
    Quantity,
    format_flop,
    parse_flop,
)
from gpai_cases.providers.models import GPAIModel, Modality, ReleaseMode

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class FlopField(forms.Field):
    """Accepts 3.2e25, 3.2×10^25 or plain digits; cleans to a Decimal."""

    def __init__(self, *, max_length: int = 60, quantity: Quantity = FLOP, **kwargs: Any) -> None:
        self.quantity = quantity  # whose words the errors use (the parameters' are not FLOP)
        kwargs.setdefault(
            "widget", forms.TextInput(attrs={"maxlength": max_length, "inputmode": "decimal"})
        )
        super().__init__(**kwargs)
        self.max_length = max_length

    def prepare_value(self, value: Any) -> Any:
        """A stored number is shown in the one normal form ("4 × 10^11", never "4E+11"); what
        someone typed is shown as typed."""
        if isinstance(value, (Decimal, int)) and not isinstance(value, bool) and value > 0:
            return format_flop(Decimal(value))
        return value

    def to_python(self, value: Any) -> Decimal | None:
        value = str(value or "").strip()
        if not value:
            return None
        if len(value) > self.max_length:
            raise forms.ValidationError(f"Keep it under {self.max_length} characters.")
        try:
            return parse_flop(value, self.quantity)
        except FlopParseError as exc:
            raise forms.ValidationError(str(exc)) from exc


class BigNumberField(FlopField):
    """Parameters, tokens: the same notations as FLOP."""


class ModelForm(forms.ModelForm):
    modalities = forms.MultipleChoiceField(
        choices=Modality.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label="Input and output modalities",
    )
    training_compute_flop = FlopField(
        label="Training compute (FLOP)",
        required=False,
        max_length=60,
        help_text="Cumulative compute used for training, e.g. 3.2e25, 3.2×10^25 or plain digits.",
    )
    parameter_count = BigNumberField(
        label="Number of parameters",
        required=False,
        max_length=60,
        help_text="e.g. 4e11",
        quantity=PARAMETERS,
    )
    training_tokens = BigNumberField(
        label="Training data size (tokens)",
        required=False,
        max_length=60,
        help_text="e.g. 1.5e13",
        quantity=TOKENS,
    )
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=5_000,
        required=False,
        label="Why these figures change (optional)",
        help_text="Kept with the change; the AI Office sees it on the cases that rely on this model.",
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
                "An open-source model must give its planned public release date.",
            )
        return data


class TriggerForm(forms.Form):
    trigger_type = forms.ChoiceField(
        choices=TriggerType.choices, widget=forms.RadioSelect, label="What happened"
    )
    trigger_date = forms.DateField(
        label="On which day",
        widget=DATE,
        help_text="The day the threshold was met, or the day it became known that it will be met.",
    )

    def clean_trigger_date(self) -> Any:
        value = self.cleaned_data["trigger_date"]
        problems = rules.trigger_date_problems(value, today=timezone.localdate())
        if problems:
            raise forms.ValidationError(problems)
        return value


class ComputeForm(forms.Form):
    compute_flop = FlopField(
        label="Training compute declared (FLOP)",
        max_length=60,
        help_text="Two significant figures at least, e.g. 3.2e25.",
    )
    compute_method = forms.ChoiceField(
        choices=ComputeMethod.choices, widget=forms.RadioSelect, label="How it was estimated"
    )
    accelerators = forms.IntegerField(
        label="Hardware: number of accelerators", required=False, min_value=1, max_value=10_000_000
    )
    peak_flops_per_accelerator = FlopField(
        label="Hardware: peak FLOP/s per accelerator",
        required=False,
        max_length=60,
        help_text="e.g. 989e12 for an H100 (dense BF16)",
        quantity=PEAK_FLOPS,
    )
    utilisation = forms.DecimalField(
        label="Hardware: utilisation (0–1)",
        required=False,
        min_value=Decimal("0.01"),
        max_value=Decimal(1),
        decimal_places=3,
    )
    training_hours = forms.DecimalField(
        label="Hardware: training time (hours)",
        required=False,
        min_value=Decimal("0.1"),
        max_value=Decimal(10_000_000),
        decimal_places=1,
    )
    parameters = BigNumberField(
        label="Architecture: parameters", required=False, max_length=60, quantity=PARAMETERS
    )
    training_tokens = BigNumberField(
        label="Architecture: training tokens", required=False, max_length=60, quantity=TOKENS
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        method = data.get("compute_method")
        hardware = ("accelerators", "peak_flops_per_accelerator", "utilisation", "training_hours")
        if method == "hardware" and any(data.get(k) in (None, "") for k in hardware):
            self.add_error(
                None,
                "For a hardware-based estimate give accelerators, peak FLOP/s, utilisation and hours.",
            )
        if method == "architecture" and not (
            data.get("parameters") and data.get("training_tokens")
        ):
            self.add_error(
                None, "For an architecture-based estimate give parameters and training tokens."
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
        label="Architecture of the model",
    )
    modalities_description = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=20_000,
        required=False,
        label="Input and output modalities",
    )
    intended_uses = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=20_000,
        required=False,
        label="Intended uses",
    )
    cover_letter = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=20_000,
        required=False,
        label="Cover letter",
    )


class UploadForm(forms.Form):
    title = forms.CharField(max_length=300, required=False, label="Title of the document")
    file = forms.FileField(
        label="File", help_text=f"{ALLOWED_DESCRIPTION}; checked by its content."
    )


class ClaimForm(forms.Form):
    text = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}), max_length=20_000, label="Your claim"
    )
    basis = forms.ChoiceField(
        choices=ClaimBasis.choices,
        widget=forms.RadioSelect,
        label="What the claim rests on",
        help_text="The Commission's guidelines: arguments should be about capabilities; arguments resting on "
        "mitigations (safeguards, refusal training, restricted access) are not valid grounds.",
    )
    documents = forms.MultipleChoiceField(
        widget=forms.CheckboxSelectMultiple, required=False, label="Evidence supporting this claim"
    )

    def __init__(self, *args: Any, documents: list[Any] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["documents"].choices = [
            (str(d.pk), f"{d.title} ({d.sha256[:12]}…)") for d in documents
        ]


class ResponseForm(forms.Form):
    response = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 6}), max_length=50_000, label="Your answer"
    )
    file = forms.FileField(
        required=False,
        label="Attach a document (optional)",
        help_text=f"{ALLOWED_DESCRIPTION}; checked by its content.",
    )


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), max_length=5_000, label="Why you withdraw"
    )
    confirm = forms.BooleanField(label="I understand that a withdrawn case cannot be reopened.")


class ReassessmentForm(forms.Form):
    reasons = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=50_000,
        label="Your reasons",
        help_text="Objective, detailed and new reasons that arose after the decision (Art 52(5)).",
    )
    cite = forms.MultipleChoiceField(
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Cite reports you filed since the decision",
        help_text="Model reports and serious incident reports: each is cited in your reasons with "
        "its date, and its file joins your request as a supporting document.",
    )
    file = forms.FileField(
        required=False,
        label="Supporting document",
        help_text=f"{ALLOWED_DESCRIPTION}; checked by its content. Needed unless you cite a "
        "filed report.",
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
                "file", "Upload a supporting document, or cite one of your filed reports."
            )
        return data


class ExtensionRequestForm(forms.Form):
    """The provider's reasoned request for more time to answer."""

    proposed_due_date = forms.DateField(
        widget=DATE,
        label="The due date you ask for",
        help_text="A Saturday, Sunday or Commission holiday moves to the next working day.",
    )
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5_000,
        label="Your reasons",
        help_text="Why you need more time. A caseworker grants or refuses the request; you "
        "receive a letter either way. Until then, the request does not lapse.",
    )


class CorrectionForm(forms.Form):
    """A dated correction of a submitted notification (docs/rules.md § facts-as-filed)."""

    compute_flop = FlopField(
        label="Training compute (FLOP), corrected or final",
        required=False,
        max_length=60,
        help_text="Leave empty to keep the figure notified. Unrounded if it is close to the threshold.",
    )
    compute_method = forms.ChoiceField(
        choices=[("", "Keep the method notified"), *ComputeMethod.choices],
        required=False,
        label="How it was estimated",
    )
    accelerators = ComputeForm.base_fields["accelerators"]
    peak_flops_per_accelerator = ComputeForm.base_fields["peak_flops_per_accelerator"]
    utilisation = ComputeForm.base_fields["utilisation"]
    training_hours = ComputeForm.base_fields["training_hours"]
    parameters = ComputeForm.base_fields["parameters"]
    training_tokens = ComputeForm.base_fields["training_tokens"]
    trigger_date = forms.DateField(
        label="Corrected trigger date",
        required=False,
        widget=DATE,
        help_text="Only if the date you notified was wrong: the due date and the late flag follow it.",
    )
    confirms_met = forms.BooleanField(
        required=False,
        label="I confirm that the threshold, notified as going to be met, has now been met.",
    )
    met_on = forms.DateField(
        label="Day the threshold was met",
        required=False,
        widget=DATE,
        help_text="With the confirmation: the model has systemic risk from this day if designated.",
    )
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}), max_length=20_000, label="Why you correct it"
    )
    title = forms.CharField(max_length=300, required=False, label="Title of the evidence")
    file = forms.FileField(
        label="Evidence for the correction",
        help_text=f"{ALLOWED_DESCRIPTION}; checked by its content.",
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

    subject = forms.ChoiceField(label="What is confidential")
    reason = forms.CharField(
        label="Why it is confidential business information",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
    )
    terms = forms.CharField(
        label="Words that must never be published (one per line)",
        help_text="E.g. an internal code name or a partner's name; the publishing page warns the "
        "AI Office when the public wording contains one of them.",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=5000,
    )
    non_confidential_version = forms.FileField(
        label="A non-confidential version of the document (optional)",
        required=False,
        help_text=f"{ALLOWED_DESCRIPTION}.",
    )

    def __init__(self, *args: Any, documents: list[Any], **kwargs: Any) -> None:
        from gpai_cases.cases.models import CLAIMABLE_FIELDS

        super().__init__(*args, **kwargs)
        self.documents = {str(d.pk): d for d in documents}
        self.fields["subject"].choices = [
            ("Documents", [(f"document:{pk}", d.title) for pk, d in self.documents.items()]),
            ("Fields", [(f"field:{key}", label) for key, label in CLAIMABLE_FIELDS.items()]),
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
