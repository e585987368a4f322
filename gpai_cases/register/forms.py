"""The publishing page as a form: the public wording of each designation to publish."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from gpai_cases.core import limits

from . import services

#: wording field → (the key of the preview entry, label, limit)
WORDING = {
    "public_model_name": ("model_name", _("Model name as published"), limits.NAME),
    "public_provider_name": ("provider_name", _("Provider name as published"), limits.NAME),
    "summary": ("summary", _("Short public summary"), 1_000),
}


class PublishForm(forms.Form):
    """For each change, ``d<designation>-<wording field>``; ``action`` is save or publish;
    ``confirm=yes`` comes from the confirmation page."""

    action = forms.ChoiceField(
        choices=[("save", "save"), ("publish", "publish"), ("back", "back")],
        required=False,
        widget=forms.HiddenInput,
    )
    confirm = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, changes: list[services.Change], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.changes = changes
        for change in changes:
            for name, (key, label, limit) in WORDING.items():
                self.fields[self.name_of(change, name)] = limits.text(
                    limit,
                    label=label,
                    required=False,
                    initial=change.entry.get(key, ""),
                    rows=2 if name == "summary" else None,
                )

    @staticmethod
    def name_of(change: services.Change, name: str) -> str:
        return f"d{change.designation.pk}-{name}"

    def entries(self) -> list[dict[str, Any]]:
        """Each change with its bound fields, for the page."""
        return [
            {
                "change": change,
                "fields": [self[self.name_of(change, name)] for name in WORDING],
            }
            for change in self.changes
        ]

    def overrides(self) -> dict[int, dict[str, str]]:
        data = self.cleaned_data
        return {
            change.designation.pk: {
                name: data.get(self.name_of(change, name), "") for name in WORDING
            }
            for change in self.changes
        }

    def keep_typed(self) -> None:
        """The previews show the wording as typed (a refused or confirming page)."""
        for change in self.changes:
            for name, (key, _label, _limit) in WORDING.items():
                typed = str(self.data.get(self.name_of(change, name), "")).strip()
                if typed:
                    change.entry[key] = typed
