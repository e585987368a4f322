"""The assessment scorecard as a form: a finding, a rating and a note per Annex XIII criterion,
a tick and a note per type of systemic risk, the independent evaluation and its report."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from gpai_cases.assessment.models import CRITERIA, RATINGS, RISKS
from gpai_cases.core import limits

RATING_CHOICE = _("Choose below, comparable or above the most advanced models.")
FILE_AGAIN = _(
    "Choose the file again: for your safety a browser never sends a file twice. Everything "
    "else you typed is kept."
)


class ScorecardForm(forms.Form):
    """Field names as the page has always posted them: ``c-<criterion>-finding|rating|note``,
    ``r-<risk>-relevant|note``."""

    evaluator = forms.CharField(required=False, max_length=300, label=_("Who evaluated"))
    evaluation_method = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=limits.TEXT,
        label=_("Method"),
    )
    evaluation_result = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=limits.TEXT,
        label=_("Result"),
    )
    evaluation_report = forms.FileField(
        required=False, label=_("Attach the evaluation report (optional)")
    )

    def __init__(self, *args: Any, figures: dict[str, Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.figures = figures
        for key, label in CRITERIA:
            self.fields[f"c-{key}-finding"] = limits.text(
                limits.NOTE,
                label=gettext("Finding for {criterion}").format(criterion=label),
                required=False,
                rows=3,
            )
            self.fields[f"c-{key}-rating"] = forms.ChoiceField(
                choices=[("", "—"), *RATINGS],
                required=False,
                label=gettext("Rating for {criterion}").format(criterion=label),
                error_messages={"invalid_choice": RATING_CHOICE},
            )
            self.fields[f"c-{key}-note"] = limits.text(
                limits.NOTE,
                label=gettext("Note for {criterion}").format(criterion=label),
                required=False,
                rows=3,
            )
        for key, label in RISKS:
            self.fields[f"r-{key}-relevant"] = forms.BooleanField(required=False, label=label)
            self.fields[f"r-{key}-note"] = limits.text(
                limits.NOTE,
                label=gettext("Notes: {risk}").format(risk=label),
                required=False,
                rows=2,
            )
        for name in ("evaluator", "evaluation_method", "evaluation_result", "evaluation_report"):
            self.fields[name] = self.fields.pop(name)  # after the criteria, as on the page

    def rows(self) -> list[dict[str, Any]]:
        return [
            {
                "key": key,
                "label": label,
                "figure": self.figures.get(key, ""),
                "finding": self[f"c-{key}-finding"],
                "rating": self[f"c-{key}-rating"],
                "note": self[f"c-{key}-note"],
            }
            for key, label in CRITERIA
        ]

    def risk_rows(self) -> list[dict[str, Any]]:
        return [
            {"key": key, "relevant": self[f"r-{key}-relevant"], "note": self[f"r-{key}-note"]}
            for key, _label in RISKS
        ]

    def criteria(self) -> dict[str, dict[str, Any]]:
        data = self.cleaned_data
        return {
            key: {
                "provider_figure": self.figures.get(key, ""),
                "finding": data.get(f"c-{key}-finding", ""),
                "rating": data.get(f"c-{key}-rating", ""),
                "note": data.get(f"c-{key}-note", ""),
            }
            for key, _label in CRITERIA
        }

    def risks(self) -> dict[str, dict[str, Any]]:
        data = self.cleaned_data
        return {
            key: {
                "relevant": bool(data.get(f"r-{key}-relevant")),
                "note": data.get(f"r-{key}-note", ""),
            }
            for key, _label in RISKS
        }


def initial_from(scorecard: Any) -> dict[str, Any]:
    """The form's values from a saved version: a new version starts from the latest."""
    if scorecard is None:
        return {}
    initial: dict[str, Any] = {
        "evaluator": scorecard.evaluator,
        "evaluation_method": scorecard.evaluation_method,
        "evaluation_result": scorecard.evaluation_result,
    }
    for key, _label in CRITERIA:
        row = scorecard.criteria.get(key, {})
        for part in ("finding", "rating", "note"):
            initial[f"c-{key}-{part}"] = row.get(part, "")
    for key, _label in RISKS:
        row = scorecard.risks.get(key, {})
        initial[f"r-{key}-relevant"] = bool(row.get("relevant"))
        initial[f"r-{key}-note"] = row.get("note", "")
    return initial


limits.state_limits(ScorecardForm)
