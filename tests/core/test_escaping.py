"""core/escaping.py escapes as Django's ``escape`` does, and a template prints the result as the
same template would print the raw value."""

from __future__ import annotations

import pytest
from django.template import Context, Template
from django.utils.html import escape

from gpai_cases.core.escaping import escaped

VALUES = ["Alpha & Beta <AI>", 'l\'entreprise "x"', "Zürich — 東京", "", 0, -3, 1234567]


@pytest.mark.parametrize("value", VALUES)
def test_escaped_is_djangos_escape(value):
    assert escaped(value) == escape(value)


@pytest.mark.parametrize("value", VALUES)
def test_a_template_prints_it_as_it_prints_the_raw_value(value):
    template = Template("<td title='{{ v }}'>{{ v }}</td>")
    assert template.render(Context({"v": escaped(value)})) == template.render(Context({"v": value}))


def test_what_is_escaped_already_is_not_escaped_twice():
    once = escaped("a & b")
    assert escaped(once) == "a &amp; b"
