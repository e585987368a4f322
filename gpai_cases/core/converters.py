"""URL path converters that accept only well-formed references and ids: anything else (a NUL
byte, a control character, a number too large for the database) is "not found" before any view
or query runs."""

from __future__ import annotations

from django.urls import register_converter


class _Text:
    regex = ""

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: object) -> str:
        return str(value)


class Id:
    """A primary key: 1 to 18 digits, no leading zero (fits a 64-bit integer column)."""

    regex = "[1-9][0-9]{0,17}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: object) -> str:
        return str(value)


class Reference(_Text):
    """A case reference: ``GPAI-2026-0042``."""

    regex = "GPAI-[0-9]{4}-[0-9]{4,6}"


class EntryId(_Text):
    """A public list entry: ``GPAI-SR-0001``."""

    regex = "GPAI-SR-[0-9]{4,9}"


class Slug(_Text):
    """A step of the wizard: lower-case letters."""

    regex = "[a-z]{1,30}"


class Token(_Text):
    """A secret of a URL (a calendar feed): URL-safe base64."""

    regex = "[A-Za-z0-9_-]{8,64}"


def register() -> None:
    register_converter(Id, "id")
    register_converter(Reference, "ref")
    register_converter(EntryId, "entry")
    register_converter(Slug, "step")
    register_converter(Token, "token")
