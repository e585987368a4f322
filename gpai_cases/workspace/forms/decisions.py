"""The forms of the decision: a claim's review, the proposal, its return or approval, and the
assignment of the case. The services judge the content (gpai_cases/cases/rules); the forms read
what was typed, state the limits and keep every value when the answer is no."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from gpai_cases.accounts.models import Role, User
from gpai_cases.cases.models import ClaimReview, Outcome
from gpai_cases.core import limits

YES = "yes"


class ConfirmForm(forms.Form):
    """One more click: the confirmation page posts ``confirm=yes``; without it, the page asks."""

    confirm = forms.CharField(required=False, widget=forms.HiddenInput)

    def confirmed(self) -> bool:
        return self.is_valid() and self.cleaned_data["confirm"] == YES


class ShareForm(forms.Form):
    """Sharing an internal document: a box to tick, on purpose (sharing cannot be undone)."""

    confirm = forms.BooleanField(
        label=_("I confirm: disclose this document to the provider"),
        error_messages={"required": _("Tick the box to confirm.")},
    )


class ClaimReviewForm(forms.Form):
    review = forms.ChoiceField(
        choices=[
            ("", "—"),
            (ClaimReview.SUBSTANTIATED, _("Substantiated")),
            (ClaimReview.NOT_SUBSTANTIATED, _("Not substantiated")),
        ],
        required=False,
        label=_("Finding"),
    )
    note = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=limits.NOTE,
        label=_("Note"),
        help_text=_("Why: a proposal that rejects the arguments cites it."),
    )


class ProposeForm(forms.Form):
    outcome = forms.ChoiceField(widget=forms.RadioSelect, label=_("Outcome"), required=False)
    reasoning = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 16}),
        max_length=limits.REASONING,
        label=_("Reasoning"),
        help_text=_(
            "Starts from the latest scorecard and the claims found not substantiated; a "
            "rejection of the arguments cites those claims."
        ),
    )

    def __init__(self, *args: Any, outcomes: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["outcome"].choices = [(o, Outcome(o).label) for o in outcomes]


class ReturnForm(forms.Form):
    comment = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=limits.NOTE,
        label=_("Comment for the caseworker"),
        help_text=_("What to change before the proposal comes back."),
    )


class AssignForm(forms.Form):
    assignee = forms.ModelChoiceField(
        queryset=User.objects.none(),
        label=_("Caseworker"),
        empty_label="—",
        error_messages={
            "required": _("Choose a caseworker."),
            "invalid_choice": _("Choose a caseworker."),
        },
    )
    reason = forms.CharField(
        required=False,
        max_length=limits.LINE,
        label=_("Reason"),
        help_text=_("Recorded in the case's timeline, for example: holiday cover."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = User.objects.filter(
            role=Role.CASEWORKER, is_active=True
        ).order_by("email")
        self.fields["assignee"].label_from_instance = lambda u: u.display_name


limits.state_limits(ClaimReviewForm, ProposeForm, ReturnForm, AssignForm)
