"""Every page of the permission matrix, rendered in a pseudo-translation: no English word left.

A string nobody marked for translation stays English in every language. Here every marked string
comes out between ``⟦ ⟧``; any English word of the catalogue outside the brackets (and not part of
the page's data) is a string still to mark. See ``pseudo.py``.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from django.apps import apps
from django.db import models
from django.test import override_settings
from django.urls import reverse

from ..security.matrix_roles import ROLES
from ..security.test_permission_matrix import MATRIX, world  # noqa: F401  (the fixture)
from .pseudo import (
    CLOSE,
    FUNCTION_WORDS,
    OPEN,
    PSEUDO,
    WORD,
    catalogue_words,
    outside_translations,
    untranslated_words,
    write_pseudo_mo,
)

# Pages whose strings are not all marked yet. A page listed here must still show English (the
# test fails once it no longer does, so that the list only shrinks).
NOT_YET_TRANSLATED: set[str] = set()
# Operators' pages of a third-party app (django-health-check), in English for the people who run it.
OPERATORS = {"health", "health_worker"}


@pytest.fixture
def pseudo_locale(tmp_path: Path):
    write_pseudo_mo(tmp_path)
    with override_settings(LOCALE_PATHS=[str(tmp_path)]):
        yield


def stored_data() -> tuple[set[str], tuple[str, ...]]:
    """What the database holds: the words of its names (short texts, allowed anywhere) and every
    stored text (taken out of the page whole, longest first)."""
    names: set[str] = set()
    texts: set[str] = set()
    for model in apps.get_models():
        fields = [
            f.name
            for f in model._meta.get_fields()
            if isinstance(f, models.CharField | models.TextField) and f.concrete
        ]
        if not fields:
            continue
        for row in model._default_manager.values_list(*fields):
            for value in row:
                text = str(value or "").strip()
                if len(text) < 2:
                    continue
                texts.add(text)
                # a stored text shown with its line breaks (linebreaksbr) is on the page line by line
                texts.update(line.strip() for line in text.splitlines() if len(line.strip()) >= 2)
                if len(text.split()) <= 4:
                    names.update(w.lower() for w in WORD.findall(text))
    return names - FUNCTION_WORDS, tuple(sorted(texts, key=len, reverse=True))


def html_pages(client, world, role):  # noqa: F811
    for name, (args, expected, method) in MATRIX.items():
        if method != "get" or expected.get(role) != 200 or name in OPERATORS:
            continue
        url = reverse(name.split("#")[0], args=args(world) if args else None)
        response = client.get(url, HTTP_ACCEPT_LANGUAGE=PSEUDO)
        if response.status_code == 200 and "html" in response.get("Content-Type", ""):
            yield name, url, response.content.decode()


@pytest.mark.django_db
def test_every_page_is_marked_for_translation(client, world, pseudo_locale):  # noqa: F811
    """Every role's pages in one test: a page listed as not yet translated must still show English
    to someone, so the list is checked against all roles at once."""
    english = catalogue_words()
    failures, still_english, rendered = [], set(), set()
    for role in ROLES:
        client.logout()
        if role != "anonymous":
            user = world["users"][role]
            user.language = PSEUDO
            user.save(update_fields=["language"])
            client.force_login(user)
        names, texts = stored_data()
        for name, url, html in html_pages(client, world, role):
            rendered.add(name)
            left = untranslated_words(html, english, names, texts)
            if OPEN not in html:
                left.insert(0, "no translated string at all")
            if left and name not in NOT_YET_TRANSLATED:
                failures.append(
                    f"{role}: {url} ({name}): {len(left)} unmarked: " + "; ".join(left[:8])
                )
            if left:
                still_english.add(name)
    # every door was rendered: public, provider, caseworker, admin
    assert {"login", "portal:home", "workspace:queue", "register:publish"} <= rendered
    assert not failures, "\n".join(failures)
    done = (NOT_YET_TRANSLATED & rendered) - still_english
    assert not done, f"translated now, take them off NOT_YET_TRANSLATED: {sorted(done)}"


def test_the_pseudo_translation_brackets_every_marked_string(tmp_path: Path):
    from django.utils import translation

    write_pseudo_mo(tmp_path)
    with override_settings(LOCALE_PATHS=[str(tmp_path)]), translation.override(PSEUDO):
        assert translation.gettext("Language") == f"{OPEN}Language{CLOSE}"
        assert translation.ngettext("day", "days", 3) == f"{OPEN}days{CLOSE}"
    assert translation.gettext("Language") == "Language"


def test_the_words_left_outside_are_found_and_data_is_not():
    english = {"submit", "case", "deadline"}
    html = (
        f"<h1>{OPEN}Case {OPEN}deadline{CLOSE}{CLOSE} GPAI-2026-0001</h1>"
        '<p title="Deadline">Submit</p><script>var case = 1;</script>'
        f"<p>{OPEN}Case truncated…</p><p>Case Lumen</p>"
    )
    left = untranslated_words(html, english, {"lumen"}, ("Our team is away.",))
    assert [w.split()[0] for w in left] == ["'Deadline'", "'Submit'", "'Case'"]
    typed = "<p>Our team is away.</p><p>Reason: the team is away</p>"
    left = untranslated_words(typed, english, set(), ("Our team is away.",))
    assert [w.split()[0] for w in left] == ["'the'", "'is'"]
    assert outside_translations(f"a {OPEN}b {OPEN}c{CLOSE} d{CLOSE} e").split() == ["a", "e"]


def test_a_translated_sentence_holding_a_link_counts_as_translated_whole():
    html = f'<p>{OPEN}Please <a href="/r">ask to be registered</a> first{CLOSE}</p><p>Ask</p>'
    left = untranslated_words(html, {"ask", "registered", "first"}, set())
    assert [w.split()[0] for w in left] == ["'Ask'"]


def test_content_declared_in_another_language_is_not_the_pages():
    """A letter shown in its addressee's language (lang="en" on a page in another language) is
    data for the check; the page's own strings around it are still checked."""
    html = (
        '<html lang="mt"><body><p>Letter</p><div lang="en"><div><p>Dear Sir</p></div>'
        '<img lang="en" alt="Case"></div><p lang="mt">Deadline</p><p lang="mt-MT">Submit</p>'
        '<textarea lang="en">The facts</textarea><input lang="en"><p>Case</p></body></html>'
    )
    left = untranslated_words(
        html, {"letter", "dear", "deadline", "submit", "facts", "case"}, set()
    )
    assert [w.split()[0] for w in left] == ["'Letter'", "'Deadline'", "'Submit'", "'Case'"]
