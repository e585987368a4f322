"""How much text each field takes: one set of limits for the forms of both doors and the API.

Each limit is stated in the field's hint ("At most 5,000 characters.") and checked on the
server with a message naming it. The HTML carries no ``maxlength``: a browser silently cuts a
pasted text at that length, and a cut text is typed work lost without a word (docs/adr/0019).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.validators import MaxLengthValidator
from django.utils import formats
from django.utils.functional import lazy
from django.utils.text import format_lazy
from django.utils.translation import gettext, gettext_lazy

#: a name: of a person, a provider, a model, a document
NAME = 200
#: a short line: a reason for an assignment, a reference
LINE = 500
#: a note, a comment, a reason given to the provider
NOTE = 5_000
#: one question of a request for information
QUESTION = 5_000
#: how many questions one request may ask
QUESTIONS = 100
#: a description, a finding, a claim
TEXT = 20_000
#: reasoning, an answer, the basis of a reassessment
REASONING = 50_000


def number(value: int) -> str:
    """5000 → "5,000" in English, "5 000" in French, "5.000" in German: the way the limits are
    written for people, in the reader's language."""
    return formats.number_format(value, force_grouping=True)


#: the same, read when the text is shown (a hint is built once, at import)
lazy_number = lazy(number, str)


def hint(limit: int) -> Any:
    """The field's hint, lazy: read in the reader's language each time it is shown."""
    return format_lazy(gettext_lazy("At most {limit} characters."), limit=lazy_number(limit))


def too_long(limit: int, length: int) -> str:
    return gettext(
        "At most {limit} characters: this has {length}. Shorten it; what you typed is kept."
    ).format(limit=number(limit), length=number(length))


class LimitValidator(MaxLengthValidator):
    """Django's length check, with the limit and the length written for people."""

    def __call__(self, value: Any) -> None:
        length = len(value or "")
        if length > self.limit_value:
            raise forms.ValidationError(too_long(self.limit_value, length), code="max_length")


def state_field(field: forms.Field) -> None:
    """State and enforce a text field's ``max_length``: the hint, the message, no truncation."""
    limit = getattr(field, "max_length", None)
    if not isinstance(field, forms.CharField) or not limit:
        return
    field.validators = [
        LimitValidator(limit) if isinstance(v, MaxLengthValidator) else v for v in field.validators
    ]
    field.widget.attrs.pop("maxlength", None)
    if getattr(field, "limit_stated", False):
        return
    field.limit_stated = True  # type: ignore[attr-defined]
    stated = hint(limit)
    # lazy: a hint marked for translation is read in the reader's language, not at import
    field.help_text = format_lazy("{} {}", field.help_text, stated) if field.help_text else stated


def state_limits(*form_classes: type[forms.BaseForm]) -> None:
    """State the limits of every text field of these forms (their declared fields)."""
    for form_class in form_classes:
        for field in form_class.base_fields.values():
            state_field(field)


class LimitsStated:
    """A form mixin: the limits of the fields made at run time too (choices, models)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[call-arg]
        for field in self.fields.values():  # type: ignore[attr-defined]
            state_field(field)


def text(
    limit: int,
    *,
    label: str,
    help_text: str = "",
    required: bool = True,
    rows: int | None = None,
    **kwargs: Any,
) -> forms.CharField:
    """A text field with its limit stated in the hint and checked on the server."""
    widget = forms.Textarea(attrs={"rows": rows}) if rows else forms.TextInput()
    field = forms.CharField(
        label=label,
        help_text=help_text,
        required=required,
        max_length=limit,
        widget=widget,
        **kwargs,
    )
    state_field(field)
    return field
