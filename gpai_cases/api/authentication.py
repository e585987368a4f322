"""Token authentication that, like the pages' middleware, answers in the caller's language.

A token is read by the view, after the middleware: without this, a German account's API calls
would be answered in the Accept-Language's language (English by default), refusals included.
"""

from __future__ import annotations

from typing import Any

from django.utils import translation
from rest_framework.authentication import TokenAuthentication

from gpai_cases.accounts.language import LANGUAGE_CODES


class LanguageTokenAuthentication(TokenAuthentication):
    def authenticate(self, request: Any) -> tuple[Any, Any] | None:
        result = super().authenticate(request)
        if result is not None and getattr(result[0], "language", "") in LANGUAGE_CODES:
            translation.activate(result[0].language)
            request.LANGUAGE_CODE = result[0].language
        return result
