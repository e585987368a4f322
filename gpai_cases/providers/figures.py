"""The figures of a model that a case relies on (docs/rules.md § facts-as-filed): their names and
labels, how they are kept as text (in a notification's snapshot, in a recorded change) and how
they are shown, in the active language (labels, units, numbers and dates). Pure functions: no
database."""

from __future__ import annotations

import datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils import formats, translation
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from .compute import format_flop

__all__ = [
    "BIG_NUMBERS",
    "FIGURES",
    "RECORDED_FIELDS",
    "changes",
    "from_text",
    "label",
    "shown",
    "text_values",
]

#: The model's figures a notification relies on, with their names in words (as a table's labels).
FIGURES: dict[str, Any] = {
    "training_compute_flop": _("Training compute"),
    "parameter_count": _("Number of parameters"),
    "training_tokens": _("Training data size"),
    "modalities": _("Modalities"),
    "eu_business_users": _("EU business users"),
    "eu_end_users": _("EU end users"),
    "release_mode": _("Release mode"),
    "eu_market_date": _("EU market date"),
    "planned_release_date": _("Planned release date"),
}
#: Every field of a model whose edits are versioned (the figures, and what names the model).
RECORDED_FIELDS: dict[str, Any] = {
    "name": pgettext_lazy("model", "Name"),
    "version": pgettext_lazy("model", "Version"),
    **FIGURES,
}
BIG_NUMBERS = frozenset({"training_compute_flop", "parameter_count", "training_tokens"})
COUNTS = frozenset({"eu_business_users", "eu_end_users"})
DATES = frozenset({"eu_market_date", "planned_release_date"})
RELEASE_MODES = {
    "open_source": _("open weights under a free and open-source licence"),
    "api": _("available through an API"),
    "proprietary": _("proprietary (other)"),
}
#: The modalities as a list of the figures shows them (in lower case, within a line).
MODALITIES = {
    "text": pgettext_lazy("modality in a list", "text"),
    "image": pgettext_lazy("modality in a list", "image"),
    "audio": pgettext_lazy("modality in a list", "audio"),
    "video": pgettext_lazy("modality in a list", "video"),
    "code": pgettext_lazy("modality in a list", "code"),
    "other": pgettext_lazy("modality in a list", "other"),
}


def label(name: str) -> str:
    """A field's name in words, in the active language (as a label: capitalised)."""
    return str(RECORDED_FIELDS.get(name, name.replace("_", " ")))


def as_text(name: str, value: Any) -> str:
    """A field's value as text: whole numbers in digits, dates ISO, modalities comma-separated,
    nothing as the empty text."""
    if value is None or value == "":
        return ""
    if name in BIG_NUMBERS or name in COUNTS:
        return str(int(Decimal(value).to_integral_value()))
    if name in DATES:
        return value.isoformat() if isinstance(value, datetime.date) else str(value)
    if name == "modalities":
        return ", ".join(str(m) for m in value or [])
    return str(value)


def text_values(model: Any, names: Any = RECORDED_FIELDS) -> dict[str, str]:
    """The fields of a model (anything with those attributes) as text."""
    return {name: as_text(name, getattr(model, name, None)) for name in names}


def changes(before: dict[str, str], after: dict[str, str]) -> dict[str, list[str]]:
    """field → [old, new] for the fields whose text differs."""
    return {
        name: [before.get(name, ""), after.get(name, "")]
        for name in after
        if before.get(name, "") != after.get(name, "")
    }


def from_text(name: str, text: str) -> Any:
    """A value kept as text, read back (None for nothing, or for text that cannot be read)."""
    if text in (None, ""):
        return None
    try:
        if name in BIG_NUMBERS:
            return Decimal(text)
        if name in COUNTS:
            return int(text)
        if name in DATES:
            return datetime.date.fromisoformat(text)
    except (InvalidOperation, ValueError):
        return None
    if name == "modalities":
        return [m.strip() for m in text.split(",") if m.strip()]
    return text


def _day(value: datetime.date) -> str:
    """``2 March 2026`` in English; the language's long date form otherwise (``2. März 2026``)."""
    if (translation.get_language() or "en").split("-")[0] == "en":
        return f"{value.day} {value:%B %Y}"
    for module in formats.get_format_modules():
        if hasattr(module, "LONG_DATE_FORMAT"):
            return formats.date_format(value, module.LONG_DATE_FORMAT)
    return formats.date_format(value, "DATE_FORMAT")


def shown(name: str, text: str) -> str:
    """A value kept as text, in the words of the pages, in the active language: ``12,000``,
    ``3.2 × 10^25 FLOP``, ``1 March 2026``; "not declared" for nothing."""
    value = from_text(name, text)
    if value is None or value == []:
        return gettext("not declared")
    if name == "training_compute_flop":
        return f"{format_flop(value)} FLOP"
    if name == "training_tokens":
        return gettext("%(number)s tokens") % {"number": format_flop(value)}
    if name in BIG_NUMBERS:
        return format_flop(value)
    if name in COUNTS:
        return formats.number_format(value, force_grouping=True)
    if name in DATES:
        return _day(value)
    if name == "modalities":
        return ", ".join(str(MODALITIES.get(m, m)) for m in value)
    if name == "release_mode":
        return str(RELEASE_MODES.get(value, value))
    return str(value)
