"""Forms of the AI Office's side of the obligations after designation. They check input; the rules
stay in :mod:`gpai_cases.obligations.rules`."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from gpai_cases.core import limits
from gpai_cases.obligations.models import Chapter, ReviewKind
from gpai_cases.obligations.rules import LONGEST_PERIOD_DAYS

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class CodeOfPracticeForm(forms.Form):
    chapter = forms.ChoiceField(
        choices=Chapter.choices, widget=forms.RadioSelect, label=_("Chapter")
    )
    status = forms.ChoiceField(
        choices=[
            ("signed", _("Signed the chapter")),
            ("withdrawn", _("Withdrew from the chapter")),
        ],
        widget=forms.RadioSelect,
        label=_("What happened"),
    )
    on = forms.DateField(label=_("On"), widget=DATE)
    note = forms.CharField(
        required=False,
        max_length=2_000,
        widget=forms.Textarea(attrs={"rows": 2}),
        label=_("Note (e.g. the signatory form's reference)"),
    )
    confirm = forms.BooleanField(
        label=_("I confirm: record this status (the provider is told)"), required=True
    )


class FrameworkReviewForm(forms.Form):
    kind = forms.ChoiceField(
        choices=[
            (ReviewKind.ACKNOWLEDGED, _("Acknowledge this version")),
            (ReviewKind.CHANGES_REQUESTED, _("Request changes (the provider files a new version)")),
            (ReviewKind.ASSESSMENT_NOTE, _("Record an assessment note (internal)")),
        ],
        widget=forms.RadioSelect,
        label=_("Review"),
    )
    note = forms.CharField(
        required=False,
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 5}),
        label=_("Note"),
        help_text=_(
            "For a request for changes: which changes (the provider receives it). An "
            "assessment note stays internal."
        ),
    )
    days = forms.IntegerField(
        required=False,
        min_value=1,
        max_value=LONGEST_PERIOD_DAYS,
        label=_("Period for the new version, in days (leave empty for the period kept as data)"),
    )
    confirm = forms.BooleanField(label=_("I confirm: record this review"), required=True)


limits.state_limits(CodeOfPracticeForm, FrameworkReviewForm)
