"""Issue 17: every aria-describedby of a field rendered by includes/fields.html points to an
element of the page (the hint's id is the one Django's widgets name: ``<id>_helptext``)."""

from __future__ import annotations

import re

from django import forms
from django.template import Context, Template


class _Form(forms.Form):
    name = forms.CharField(help_text="As on the register.")
    kind = forms.ChoiceField(
        choices=[("a", "A"), ("b", "B")], widget=forms.RadioSelect, help_text="Pick one."
    )
    agree = forms.BooleanField(help_text="Tick to agree.")


def _ids_and_references(html: str) -> tuple[set[str], set[str]]:
    ids = set(re.findall(r'\bid="([^"]+)"', html))
    refs = {
        ref for value in re.findall(r'aria-describedby="([^"]+)"', html) for ref in value.split()
    }
    return ids, refs


def test_every_described_by_points_to_a_hint_or_error_on_the_page():
    for data in (None, {"name": "", "kind": ""}):
        form = _Form(data)
        if data is not None:
            form.is_valid()
        html = Template('{% include "includes/fields.html" %}').render(Context({"form": form}))
        ids, refs = _ids_and_references(html)
        assert refs, html
        assert refs <= ids, f"missing: {refs - ids}"
        assert "id_name_helptext" in refs and "id_kind_helptext" in refs
