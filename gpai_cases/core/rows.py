"""The rows of the long lists (the queue, the portal home's tables of cases and models), rendered
with Django's Jinja2 backend (docs/adr/0026-list-rows-in-jinja2.md); the pages around them stay
Django templates.

A row template (``templates/jinja2/rows/``) is markup and the row's prepared values only: no
words of its own. The words a row prints come in its context, translated once per page by the
view, so ``makemessages`` (which reads the Django templates) misses nothing: the environment has
no ``gettext`` (``_()`` in a row template fails to render), and tests/core/test_rows.py refuses a
row template with a letter outside its tags. A name the view did not give fails to render too
(``StrictUndefined``), where a Django template would print nothing.

Values the view escaped (:func:`gpai_cases.core.escaping.escaped`: a ``SafeString``, which has
``__html__``) are printed as they are; every other value is escaped, as Django escapes it. Rows
read their values by subscript (``r["url"]``): Jinja2 tries an item before an attribute then.
"""

from __future__ import annotations

from typing import Any

import jinja2
from django.template import engines
from django.utils.safestring import SafeString

__all__ = ["environment", "options_html", "render_rows"]


def environment(**options: Any) -> jinja2.Environment:
    """The ``rows`` engine's environment (settings.TEMPLATES): every printed value escaped, an
    undefined name an error, templates compiled once per process and kept.

    Escaped by :func:`escape_value` as each value is printed (Jinja2's ``finalize``), not by
    Jinja2's autoescaping: that wraps each value in a ``Markup`` (a Python ``__new__`` per value,
    about 1 µs; a page of the queue prints some 650 values, 0.5 ms of its rows' 0.55 ms). The
    output is the same markup: the five characters that matter escaped, what the view escaped
    already (it has ``__html__``) printed as it is."""
    options.update(
        undefined=jinja2.StrictUndefined,
        auto_reload=False,
        cache_size=-1,
        autoescape=False,
        finalize=escape_value,
    )
    # every value is escaped by finalize (escape_value), not by Jinja2's autoescaping
    return jinja2.Environment(**options)  # noqa: S701  # nosec B701


def escape_value(value: Any) -> str:
    """A value as a row prints it: escaped as MarkupSafe escapes it (``& < > " '``), unless it is
    markup already."""
    if type(value) is not str:
        if hasattr(value, "__html__"):
            return value.__html__()
        value = str(value)  # a number; a StrictUndefined fails here, as it should
    return (
        value.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&#34;")
        .replace("'", "&#39;")
    )


def render_rows(template: str, **context: Any) -> SafeString:
    """``templates/jinja2/rows/<template>`` rendered with ``context``: HTML to print as it is."""
    rendered = engines["rows"].get_template(f"rows/{template}").render(context)
    # each value escaped as it was printed (escape_value), or escaped already by the view
    return SafeString(rendered)  # nosec B703


def options_html(options: Any, selected: str) -> SafeString:
    """``<option>`` elements of ``(value, label)`` pairs (labels in the reader's language, made
    plain strings here), the one whose value is ``selected`` marked: a filter's list of states or
    of caseworkers costs a dozen template nodes per option in a Django template."""
    pairs = [(str(value), str(label)) for value, label in options]
    return render_rows("options.jinja", options=pairs, selected=str(selected))
