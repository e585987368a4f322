"""The API's JSON parser: bounded nesting and every error of the parser a 400 (problem+json)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser

from gpai_cases.core import jsonsafe


class SafeJSONParser(JSONParser):
    def parse(self, stream: Any, media_type: Any = None, parser_context: Any = None) -> Any:
        encoding = (parser_context or {}).get("encoding", settings.DEFAULT_CHARSET)
        try:
            return jsonsafe.loads(stream.read().decode(encoding))
        except jsonsafe.TooDeep as exc:
            raise ParseError(str(exc)) from exc
        except (ValueError, UnicodeError) as exc:
            raise ParseError(f"The body is not valid JSON: {exc}") from exc
