"""What the layout prints on every page, computed once per process: argument-less ``{% url %}``
(core/templatetags/urls.py) and static URLs (core/staticfiles.py) answer what Django answers."""

from __future__ import annotations

import json
from unittest import mock

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import NoReverseMatch, reverse

from gpai_cases.core.staticfiles import MemoManifestStaticFilesStorage
from gpai_cases.core.templatetags import urls


def _render(text: str, **context) -> str:
    return Template(text).render(Context(context))


def test_an_argumentless_link_is_reversed_once_and_printed_as_django_prints_it():
    urls._reversed.cache_clear()
    with mock.patch.object(urls, "reverse", wraps=reverse) as reversing:
        first = _render("{% url 'register:list' %}|{% url 'register:list' %}")
        assert first == f"{reverse('register:list')}|{reverse('register:list')}"
        assert reversing.call_count == 1
        _render("{% url 'register:list' %}")
        assert reversing.call_count == 1


def test_links_with_arguments_or_kept_in_a_variable_are_djangos_tag():
    text = "{% url 'workspace:case' ref %}|{% url 'register:list' as there %}[{{ there }}]"
    assert _render(text, ref="GPAI-2026-0001") == (
        f"{reverse('workspace:case', args=['GPAI-2026-0001'])}|[{reverse('register:list')}]"
    )
    # a name from a variable is resolved as Django resolves it
    assert _render("{% url name %}", name="register:list") == reverse("register:list")


def test_an_unknown_name_still_fails_every_time():
    for _ in range(2):
        with pytest.raises(NoReverseMatch):
            _render("{% url 'no-such-page' %}")


def test_the_namespace_of_the_page_is_part_of_the_key():
    request = RequestFactory().get("/")
    request.current_app = "admin"
    text = Template("{% url 'admin:index' %}")
    assert text.render(Context({"request": request})) == reverse("admin:index")


def test_static_urls_are_the_manifests_computed_once_per_name(tmp_path, settings):
    settings.DEBUG = False
    (tmp_path / "staticfiles.json").write_text(
        json.dumps({"version": "1.1", "paths": {"css/app.css": "css/app.0123abcd.css"}})
    )
    storage = MemoManifestStaticFilesStorage(location=str(tmp_path), base_url="/static/")
    with mock.patch.object(storage, "stored_name", wraps=storage.stored_name) as looking_up:
        assert storage.url("css/app.css") == "/static/css/app.0123abcd.css"
        assert storage.url("css/app.css") == "/static/css/app.0123abcd.css"
        assert looking_up.call_count == 1
    # a name the manifest does not hold fails, each time
    for _ in range(2):
        with pytest.raises(ValueError, match="Missing staticfiles manifest entry"):
            storage.url("css/missing.css")


def test_a_part_kept_per_language_is_rendered_once_per_language(settings):
    settings.GPAI_CHECK_COMPILED = False
    from django.utils import translation

    text = Template(
        "{% load i18n layout %}{% per_language %}{% translate 'Contact' %}/{{ x }}{% end_per_language %}"
    )
    with translation.override("en"):
        assert text.render(Context({"x": 1})) == "Contact/1"
        assert text.render(Context({"x": 2})) == "Contact/1"  # kept: nothing but the language
    with translation.override("de"):
        assert text.render(Context({"x": 3})).endswith("/3")


def test_the_check_fails_a_kept_part_that_reads_more_than_the_language(settings):
    settings.GPAI_CHECK_COMPILED = True
    text = Template("{% load layout %}{% per_language %}{{ x }}{% end_per_language %}")
    assert text.render(Context({"x": 1})) == "1"
    with pytest.raises(AssertionError, match="depends on more than the language"):
        text.render(Context({"x": 2}))


def test_a_part_kept_per_language_and_page_is_rendered_once_per_value_of_its_keys(settings):
    settings.GPAI_CHECK_COMPILED = True  # and each rendering compared with what is kept
    from django.utils import translation

    text = Template(
        "{% load layout %}{% per_language ns name %}{{ ns }}:{{ name }}{% end_per_language %}"
    )
    with translation.override("en"):
        assert text.render(Context({"ns": "portal", "name": "home"})) == "portal:home"
        assert text.render(Context({"ns": "portal", "name": "case"})) == "portal:case"
        assert text.render(Context({"ns": "workspace", "name": "home"})) == "workspace:home"
        assert text.render(Context({"ns": "portal", "name": "home"})) == "portal:home"
    # the check still fails what reads more than the language and the keys
    more = Template("{% load layout %}{% per_language ns %}{{ ns }}{{ x }}{% end_per_language %}")
    assert more.render(Context({"ns": "a", "x": 1})) == "a1"
    with pytest.raises(AssertionError, match="depends on more than the language"):
        more.render(Context({"ns": "a", "x": 2}))
