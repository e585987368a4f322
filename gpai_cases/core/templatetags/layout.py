"""Parts of the layout that every page prints and that depend on nothing but the language.

The language switcher lists the 24 official languages, each translated (``gettext``) and escaped:
rendered through the template engine on every request that was a third of the layout's cost
(about 1 ms of CPU). The options are the same for every request in one language, and settings
and catalogues do not change while a process runs, so they are built once per language.
"""

from __future__ import annotations

import functools

from django import template
from django.conf import settings
from django.utils.html import format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import get_language, gettext

register = template.Library()


@functools.cache
def _options(current: str) -> SafeString:
    return format_html_join(
        "",
        '<option value="{}" lang="{}"{}>{}</option>',
        (
            (code, code, " selected" if code == current else "", gettext(name))
            for code, name in settings.LANGUAGES
        ),
    )


@register.simple_tag
def language_options() -> SafeString:
    """The ``<option>``s of the language switcher, the current language selected."""
    return _options(get_language() or settings.LANGUAGE_CODE)
