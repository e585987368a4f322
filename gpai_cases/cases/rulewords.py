"""The sentence of a rule (:mod:`.rulecodes`) in the reader's language.

The sentences are Django translations (``gettext``): the English text is the message id, the
French and German are in ``locale/``. Days are written as the language writes them: English keeps
the short form of the pages ("Wed 17 Dec 2025"); French and German the long form with the weekday
("mercredi 17 décembre 2025", "Mittwoch, 17. Dezember 2025"); every other language its Django
date format until its catalogue is written.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any

from django.utils import formats, translation
from django.utils.translation import gettext, ngettext, pgettext

from .dayformat import MONTH_NAMES, count_words, format_day
from .rulecodes import Rule

__all__ = ["day_words", "in_english", "render"]

#: How a language writes a day in a rule, as a Django date format (English: dayformat.format_day).
DAY_FORMATS = {"fr": "l j F Y", "de": "l, j. F Y"}

#: Small numbers in words, per language and grammatical gender of the unit (fr/de); above ten, digits.
_NUMBERS = {
    "fr": ("", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix"),
    "de": ("", "ein", "zwei", "drei", "vier", "fünf", "sechs", "sieben", "acht", "neun", "zehn"),
}
_FEMININE_ONE = {"fr": "une", "de": "eine"}
_FEMININE_UNITS = {"week"}  # la semaine, die Woche


def _language(language: str | None) -> str:
    return (language or translation.get_language() or "en").split("-")[0]


def day_words(value: str | datetime.date, language: str | None = None) -> str:
    """A day of a rule in ``language`` (the active one by default)."""
    day = value if isinstance(value, datetime.date) else datetime.date.fromisoformat(value)
    lang = _language(language)
    if lang == "en":
        return format_day(day)
    with translation.override(lang):
        return formats.date_format(day, DAY_FORMATS.get(lang, "DATE_FORMAT"))


def _count(count: int, unit: str, lang: str) -> str:
    """``2, "week"`` → "Two weeks", "Deux semaines", "Zwei Wochen" (capitalised: a rule's first words)."""
    if lang == "en":
        return count_words(count, unit, capitalise=True)
    numbers = _NUMBERS.get(lang)
    if numbers and 0 < count < len(numbers):
        number = _FEMININE_ONE[lang] if count == 1 and unit in _FEMININE_UNITS else numbers[count]
    else:
        number = str(count)
    units = {
        "day": ngettext("day", "days", count),
        "week": ngettext("week", "weeks", count),
        "month": ngettext("month", "months", count),
    }
    words = f"{number} {units[unit]}"
    return words[:1].upper() + words[1:]


def _label(label: Mapping[str, Any]) -> str:
    code = label.get("code")
    citation = str(label.get("citation", ""))
    kind = str(label.get("kind", ""))
    if code == "notification":
        return gettext("Art 52(1) AI Act")
    if code == "rfi":
        return gettext("period set in the request for information")
    if code == "hearing":
        return gettext("period set in the hearing letter (right to be heard)")
    if code == "observations":
        return gettext("time for observations set by the AI Office")
    if code == "incident_initial":
        return gettext("initial report, %(kind)s: %(citation)s") % {
            "kind": kind.lower(),
            "citation": citation,
        }
    if code == "incident_intermediate":
        return gettext("intermediate report while the incident is unresolved: %(citation)s") % {
            "citation": citation
        }
    if code == "incident_final":
        return gettext("final report after the incident was resolved: %(citation)s") % {
            "citation": citation
        }
    if code == "first_model_report":
        return gettext("first model report after the designation: %(citation)s") % {
            "citation": citation
        }
    if code == "model_report_update":
        return gettext("update of the model report: %(citation)s") % {"citation": citation}
    if code == "change_request":
        return gettext("period set in the request for changes to the framework: %(citation)s") % {
            "citation": citation
        }
    return str(label.get("text", ""))


def _not_working(shift: Mapping[str, str]) -> str:
    reason = shift.get("reason")
    if reason == "saturday":
        return gettext("a Saturday")
    if reason == "sunday":
        return gettext("a Sunday")
    if shift.get("holiday"):
        return gettext("a public holiday (%(name)s)") % {"name": shift["holiday"]}
    return gettext("a public holiday")


def _month_end(start: str, end: str, lang: str) -> str:
    """ " (there is no 31 February 2026: last day of the month)"."""
    s, e = datetime.date.fromisoformat(start), datetime.date.fromisoformat(end)
    if lang == "en":
        missing = f"{s.day} {MONTH_NAMES[e.month - 1]} {e.year}"
    else:
        with translation.override(lang):
            month = formats.date_format(e, "F Y")
        missing = f"{s.day} {month}" if lang != "de" else f"{s.day}. {month}"
    return gettext(" (there is no %(day)s: last day of the month)") % {"day": missing}


def _two_days(p: Mapping[str, Any], lang: str) -> str:
    if not p.get("two_days"):
        return ""
    return gettext(
        "; a period of two days or more contains at least two working days"
        " (Reg. 1182/71 Art 3(5)) → %(day)s"
    ) % {"day": day_words(p["two_days"], lang)}


def _period(p: Mapping[str, Any], lang: str) -> str:
    words = gettext("%(count)s after %(start)s (%(label)s; Reg. 1182/71 Art 3) = %(end)s") % {
        "count": _count(int(p["count"]), str(p["unit"]), lang),
        "start": day_words(p["start"], lang),
        "label": _label(p.get("label") or {}),
        "end": day_words(p["end"], lang),
    }
    if p.get("month_end"):
        words += _month_end(p["start"], p["end"], lang)
    if p.get("shift"):
        words += gettext(", %(reason)s → next working day: %(day)s") % {
            "reason": _not_working(p["shift"]),
            "day": day_words(p["shift"]["to"], lang),
        }
    return words + _two_days(p, lang)


def _typed(p: Mapping[str, Any], lang: str) -> str:
    values = {"person": p.get("person", ""), "day": day_words(p["typed"], lang)}
    if p.get("how") == "extended":
        words = gettext("Due date extended by %(person)s: %(day)s") % values
    elif p.get("how") == "extended_on_request":
        words = (
            gettext("Due date extended on the provider's request by %(person)s: %(day)s") % values
        )
    elif p.get("how") == "set":
        words = gettext("Due date set by %(person)s: %(day)s") % values
    else:
        words = f"Due date {p.get('how')} by {values['person']}: {values['day']}"
    if p.get("shift"):
        words += gettext(", not a working day (%(reason)s; Reg. 1182/71 Art 3(4)) → %(day)s") % {
            "reason": _not_working(p["shift"]),
            "day": day_words(p["shift"]["to"], lang),
        }
    return words + _two_days(p, lang)


def _waiting(p: Mapping[str, Any], lang: str) -> str:
    months = int(p["months"])
    if lang == "en":
        count = count_words(months, "month", capitalise=True)
    else:
        count = _count(months, "month", lang)
    words = gettext(
        "%(count)s after the decision of %(decided)s (Art 52(5) AI Act; Reg. 1182/71 Art 3)"
        " end on %(end)s"
    ) % {
        "count": count,
        "decided": day_words(p["decided_on"], lang),
        "end": day_words(p["end"], lang),
    }
    if p.get("month_end"):
        words += _month_end(p["decided_on"], p["end"], lang)
    words += gettext("; a request may be made from the next day: %(day)s") % {
        "day": day_words(p["earliest"], lang)
    }
    if p.get("shift"):
        words += gettext(", %(reason)s → next working day (setting): %(day)s") % {
            "reason": _not_working(p["shift"]),
            "day": day_words(p["shift"]["to"], lang),
        }
    return words


def _before(p: Mapping[str, Any], lang: str) -> str:
    return gettext(
        "Before placing the model on the EU market on %(day)s (%(citation)s): by %(due)s"
    ) % {
        "day": day_words(p["day"], lang),
        "citation": p.get("citation", ""),
        "due": day_words(p["due"], lang),
    }


def _corrected(p: Mapping[str, Any], lang: str) -> str:
    return gettext("Corrected by the AI Office on %(day)s: %(reason)s") % {
        "day": day_words(p["day"], lang),
        "reason": p.get("reason", ""),
    }


def _stop(p: Mapping[str, Any], lang: str) -> str:
    values = {"day": day_words(p["day"], lang)}
    if p.get("kind") == "hearing":
        return gettext("Hearing sent on %(day)s") % values
    return gettext("Request for information sent on %(day)s") % values


_RENDERERS = {
    "period": _period,
    "typed": _typed,
    "waiting": _waiting,
    "before": _before,
    "corrected": _corrected,
    "stop": _stop,
}


def in_english(rule: object) -> str:
    """The sentence in English, for records written once (an event's payload)."""
    return render(Rule.from_json(rule), "en")


def render(rule: Rule, language: str | None = None) -> str:
    """The sentence of ``rule`` in ``language`` (the active language by default)."""
    if rule.code == "text":
        return str(rule.params.get("text", ""))
    lang = _language(language)
    with translation.override(lang):
        try:
            return _RENDERERS[rule.code](rule.params, lang)
        except (KeyError, ValueError, TypeError):
            # a rule whose data is incomplete still says what it can rather than failing a page
            return pgettext("rule", "Computed under the rules of the periods regulation")
