"""``{% url %}`` with each argument-less link reversed once per process (a template builtin, so
every template's ``{% url 'name' %}`` uses it; settings/base.py ``TEMPLATES``).

The layout prints about fifteen links without arguments on every page (home, inbox, sign out, the
footer's...): Django's tag runs ``reverse()`` for each, every time, about 40 µs each, more than a
fifth of the layout's cost. The answer of ``reverse(name)`` depends on nothing but the name, the
namespace the page is in, the URLconf and the script prefix; those are the memo's key, and URLconfs
do not change while a process runs (a test that swaps ``ROOT_URLCONF`` changes the key). A link
with arguments, or ``{% url … as var %}``, is Django's own tag unchanged.
"""

from __future__ import annotations

import functools

from django import template
from django.conf import settings
from django.template import defaulttags
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.html import conditional_escape

register = template.Library()


@functools.lru_cache(maxsize=2048)
def _reversed(name: str, current_app: str | None, _prefix: str, _urlconf: object) -> str:
    # the prefix and URLconf are arguments only to key the memo: reverse() reads them itself
    return str(conditional_escape(reverse(name, current_app=current_app)))


class _URLNode(defaulttags.URLNode):
    def render(self, context: template.Context) -> str:
        literal = self.view_name.var if not self.view_name.filters else None
        if self.args or self.kwargs or self.asvar or not isinstance(literal, str):
            return super().render(context)
        try:
            current_app = context.request.current_app
        except AttributeError:
            try:
                current_app = context.request.resolver_match.namespace
            except AttributeError:
                current_app = None
        urlconf = get_urlconf() or settings.ROOT_URLCONF
        url = _reversed(literal, current_app, get_script_prefix(), urlconf)
        # what Django's tag returns: the escaped URL where autoescape is on, the URL otherwise
        return url if context.autoescape else reverse(literal, current_app=current_app)


@register.tag
def url(parser: template.base.Parser, token: template.base.Token) -> template.Node:
    node = defaulttags.url(parser, token)
    return _URLNode(node.view_name, node.args, node.kwargs, node.asvar)
