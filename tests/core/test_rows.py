"""The rows of the long lists in Jinja2 (gpai_cases/core/rows.py, docs/adr/0026): no words of
their own (makemessages reads only the Django templates), no name left undefined, escaped."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import jinja2
import markupsafe
import pytest
from django.conf import settings
from django.template import engines
from django.utils.safestring import SafeString
from hypothesis import given
from hypothesis import strategies as st

from gpai_cases.core.rows import escape_value, render_rows

ROWS = Path(settings.BASE_DIR) / "templates" / "jinja2" / "rows"
#: attributes a person reads (or hears): their text must come from the view, translated
READ_ATTRIBUTES = {"title", "aria-label", "alt", "placeholder", "value", "summary"}


class _Words(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_data(self, data: str) -> None:
        self.found += re.findall(r"[^\W\d_]+", data)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in READ_ATTRIBUTES and value:
                self.found += re.findall(r"[^\W\d_]+", value)


def words_outside_tags(source: str) -> list[str]:
    """The letters a row template prints of its own: its markup with every Jinja2 comment,
    expression and statement taken out."""
    markup = re.sub(r"\{#.*?#\}|\{\{.*?\}\}|\{%.*?%\}", "", source, flags=re.S)
    parser = _Words()
    parser.feed(markup)
    return parser.found


def test_there_are_row_templates_and_none_prints_a_word_of_its_own():
    templates = sorted(ROWS.glob("*.jinja"))
    assert {t.name for t in templates} >= {
        "queue.jinja",
        "portal_cases.jinja",
        "portal_models.jinja",
    }
    for template in templates:
        assert words_outside_tags(template.read_text()) == [], template.name


def test_the_check_finds_a_word_in_text_and_in_a_read_attribute():
    assert words_outside_tags('<td>{{ r["x"] }} late</td>') == ["late"]
    assert words_outside_tags('<a title="Only this" href="{{ u }}">—</a>') == ["Only", "this"]
    assert words_outside_tags('<span class="badge late">{{ w["late"] }}</span>') == []


def test_a_row_template_cannot_translate_nor_print_a_name_it_was_not_given():
    env = engines["rows"].env
    with pytest.raises(jinja2.UndefinedError):
        env.from_string("{{ _('late') }}").render()
    with pytest.raises(jinja2.UndefinedError):
        env.from_string('{{ r["missing"] }}').render(r={})


def test_values_are_escaped_unless_the_view_escaped_them():
    html = render_rows(
        "portal_cases.jinja",
        cases=[
            {
                "url": SafeString("/portal/cases/A&amp;B/"),
                "reference": "<b>A&B</b>",
                "model": SafeString("M &amp; N"),
                "kind": "k",
                "state": "s",
                "late": True,
                "due_day": "",
                "due_url": "",
                "due_word": "",
            }
        ],
        words={"late": "late & <overdue>"},
    )
    assert isinstance(html, SafeString)
    assert 'href="/portal/cases/A&amp;B/"' in html and "&lt;b&gt;A&amp;B&lt;/b&gt;" in html
    assert "M &amp; N" in html and "late &amp; &lt;overdue&gt;" in html


def test_options_mark_the_one_chosen_and_escape_values_and_labels():
    from gpai_cases.cases.models import State
    from gpai_cases.core.rows import options_html

    html = options_html([(1, "Ann <Admin>"), ("x&y", "X")], "x&y")
    assert html == (
        '<option value="1">Ann &lt;Admin&gt;</option><option value="x&amp;y" selected>X</option>'
    )
    states = options_html(State.choices, State.UNDER_ASSESSMENT)
    assert '<option value="under_assessment" selected>Under assessment</option>' in states
    assert states.count(" selected") == 1
    assert options_html(State.choices, "").count(" selected") == 0


@given(st.text() | st.integers() | st.decimals(allow_nan=False) | st.none())
def test_a_value_is_escaped_as_markupsafe_escapes_it(value):
    # the rows escape in finalize (core/rows.escape_value), not with Markup objects: same output
    assert escape_value(value) == str(markupsafe.escape(value))
    assert escape_value(markupsafe.Markup("<b>kept</b>")) == "<b>kept</b>"
    assert escape_value(SafeString("a &amp; b")) == "a &amp; b"
    assert engines["rows"].env.from_string("{{ v }}").render(v=value) == escape_value(value)
