"""The forms of requests for information and hearings: send, withdraw, extend, decide on more time."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from gpai_cases.cases.models import RequestKind
from gpai_cases.core import limits

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DUE_DATE_HINT = _(
    "A Saturday, Sunday or Commission holiday moves to the next working day, and a period of two "
    "days or more keeps at least two working days (Reg. 1182/71 Art 3)."
)


class RequestInformationForm(forms.Form):
    """A request for information (questions) or a hearing on a draft decision."""

    kind = forms.ChoiceField(
        choices=RequestKind.choices,
        widget=forms.RadioSelect,
        label=_("Kind"),
        initial=RequestKind.QUESTION,
    )
    questions = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=limits.REASONING,
        label=_("Questions (one per line)"),
        help_text=format_lazy(
            _("Each question at most {limit} characters, at most {count} questions."),
            limit=limits.lazy_number(limits.QUESTION),
            count=limits.lazy_number(limits.QUESTIONS),
        ),
    )
    draft_reasoning = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 10}),
        max_length=limits.REASONING,
        label=_("Draft reasoning (for a hearing)"),
        help_text=_("The provider is heard on it: it starts from the latest scorecard."),
    )
    due_date = forms.DateField(
        widget=DATE,
        required=False,
        label=_("Due date"),
        help_text=DUE_DATE_HINT,
    )

    def __init__(self, *args: Any, default_days: int | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if default_days:
            self.fields["due_date"].help_text = ngettext(
                "Leave empty for {days} day, counted as the EU counts periods. {hint}",
                "Leave empty for {days} days, counted as the EU counts periods. {hint}",
                default_days,
            ).format(days=default_days, hint=DUE_DATE_HINT)

    def clean_questions(self) -> list[str]:
        questions = [q.strip() for q in self.cleaned_data["questions"].splitlines() if q.strip()]
        if len(questions) > limits.QUESTIONS:
            raise forms.ValidationError(
                gettext("At most {limit} questions in one request: this has {count}.").format(
                    limit=limits.number(limits.QUESTIONS), count=limits.number(len(questions))
                )
            )
        for number, question in enumerate(questions, 1):
            if len(question) > limits.QUESTION:
                raise forms.ValidationError(
                    gettext("Question {number}: {problem}").format(
                        number=number, problem=limits.too_long(limits.QUESTION, len(question))
                    )
                )
        return questions

    def service_args(self) -> dict[str, Any]:
        data = self.cleaned_data
        due: datetime.date | None = data["due_date"]
        return {
            "kind": data["kind"],
            "questions": data["questions"],
            "due_date": due,
            "draft_reasoning": data["draft_reasoning"],
        }


class WithdrawRequestForm(forms.Form):
    """Withdrawing a request sent by mistake: the reason, and a confirmation."""

    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5_000,
        label=_("Why the request is withdrawn"),
        help_text=_(
            "For example: sent by mistake. The provider receives a letter with this reason."
        ),
    )
    confirm = forms.BooleanField(
        label=_(
            "I confirm: withdraw this request. It cannot be reopened; the assessment clock runs "
            "again from tomorrow."
        )
    )


class ExtendRequestForm(forms.Form):
    """Extending a due date of the AI Office's own motion."""

    due_date = forms.DateField(widget=DATE, label=_("New due date"), help_text=DUE_DATE_HINT)
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5_000,
        label=_("Reason"),
        help_text=_("The letter to the provider gives it."),
    )


class ExtensionDecisionForm(forms.Form):
    """Granting (the date asked for or another) or refusing the provider's request for more time."""

    decision = forms.ChoiceField(
        choices=[("grant", _("Grant")), ("refuse", _("Refuse"))],
        widget=forms.RadioSelect,
        label=_("Decision"),
    )
    due_date = forms.DateField(
        widget=DATE,
        required=False,
        label=_("Due date granted"),
        help_text=format_lazy(
            _("The date the provider asked for, or another. {hint}"), hint=DUE_DATE_HINT
        ),
    )
    note = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5_000,
        required=False,
        label=_("Note to the provider"),
        help_text=_("Required when you refuse: say why."),
    )


limits.state_limits(
    RequestInformationForm, WithdrawRequestForm, ExtendRequestForm, ExtensionDecisionForm
)
