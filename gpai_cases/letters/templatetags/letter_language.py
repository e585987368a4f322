"""``{% letter_language_warning provider %}``: on the pages where a letter is previewed or sent,
tell the caseworker before it goes that it will be in English because the provider's language
has no complete translation (:func:`gpai_cases.letters.languages.fallback_warning`)."""

from __future__ import annotations

from typing import Any

from django import template

from gpai_cases.letters.languages import fallback_warning

register = template.Library()

#: The workspace pages whose action sends a letter (the preview shows one).
LETTER_PAGES = frozenset(
    {
        "letter_preview",
        "approve",
        "request_information",
        "request_withdraw",
        "request_extend",
        "extension_decide",
        "ex_officio",
        "open_reassessment",
    }
)


@register.inclusion_tag("includes/letter_language.html", takes_context=True)
def letter_language_warning(context: Any, provider: Any) -> dict[str, Any]:
    request = context.get("request")
    match = getattr(request, "resolver_match", None)
    page = getattr(match, "url_name", None)
    shown = provider is not None and (page is None or page in LETTER_PAGES)
    return {"warning": fallback_warning(provider) if shown else None}
