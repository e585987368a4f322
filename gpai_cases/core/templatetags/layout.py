"""Parts of the layout that every page prints and that depend on nothing but the language.

``{% per_language %}`` keeps such a part of a template, rendered once per language (below).

The language switcher lists the 24 official languages, each translated (``gettext``) and escaped:
rendered through the template engine on every request that was a third of the layout's cost
(about 1 ms of CPU). The options are the same for every request in one language, and settings
and catalogues do not change while a process runs, so they are built once per language.
"""

from __future__ import annotations

import functools
from typing import Any

from django import template
from django.conf import settings
from django.urls import get_script_prefix
from django.utils.html import format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext

from gpai_cases.core.rows import render_rows

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


_MAX_KEPT = 512


class _PerLanguageNode(template.Node):
    """What ``{% per_language %}…{% end_per_language %}`` encloses, rendered once per language
    (and script prefix) per process; with ``GPAI_CHECK_COMPILED`` (the test settings) rendered
    every time and compared with what is kept, so that a variable that depends on the request,
    put inside by mistake, fails the tests instead of freezing."""

    def __init__(
        self, nodelist: template.NodeList, keys: list[template.base.FilterExpression]
    ) -> None:
        self.nodelist, self.keys = nodelist, keys
        self._kept: dict[tuple[Any, ...], SafeString] = {}

    def render(self, context: template.Context) -> str:
        key: tuple[Any, ...] = (
            get_language() or settings.LANGUAGE_CODE,
            get_script_prefix(),
            context.autoescape,
        )
        if self.keys:  # the few words the part also depends on (the page's name, say)
            key += tuple(str(k.resolve(context)) for k in self.keys)
        kept = self._kept.get(key)
        if kept is not None and not getattr(settings, "GPAI_CHECK_COMPILED", False):
            return kept
        rendered = mark_safe(self.nodelist.render(context))  # noqa: S308  # nosec B308 B703
        if kept is not None and kept != rendered:
            raise AssertionError(
                "a {% per_language %} part of the layout depends on more than the language:\n"
                f"kept: {kept}\nnow:  {rendered}"
            )
        if len(self._kept) < _MAX_KEPT:  # a bound, should a key ever take many values
            self._kept[key] = rendered
        return rendered


@register.filter
def needs_rows(panels: dict[str, list[Any]]) -> SafeString:
    """The panels of "what needs you" (``{title: [Need, ...]}``) as their lists' markup, in
    Jinja2 (docs/adr/0026-list-rows-in-jinja2.md): a caseworker's home prints about 20 items,
    four values each."""
    return render_rows("needs.jinja", panels=list(panels.items()))


@register.tag
def per_language(parser: template.base.Parser, token: template.base.Token) -> template.Node:
    """``{% per_language %}`` parts of the layout that depend on nothing but the language (the
    stylesheets, the logo, the footer): rendered once per language per process, as the
    language switcher's options are. Nothing inside may read the request, the user or the
    page, except what follows the tag's name: ``{% per_language ns url_name %}`` keeps one
    rendering per language and value of each (a handful: the page's namespace and name)."""
    keys = [parser.compile_filter(bit) for bit in token.split_contents()[1:]]
    nodelist = parser.parse(("end_per_language",))
    parser.delete_first_token()
    return _PerLanguageNode(nodelist, keys)
