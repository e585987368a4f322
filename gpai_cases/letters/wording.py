"""The legal wording of the letters: on which articles each decision rests."""

from __future__ import annotations

from typing import Any

from django.utils import translation
from django.utils.translation import gettext_lazy as _

from gpai_cases.cases.rules import has_arguments

ARTICLE_52_5 = _("Article 52(5) of Regulation (EU) 2024/1689.")

LEGAL_BASIS = {
    (
        "notification",
        "designate",
        True,
    ): _(
        "Article 52(3) of Regulation (EU) 2024/1689: the arguments presented under Article 52(2) "
        "are rejected; the model is a general-purpose AI model with systemic risk under Article "
        "51(1)(a) and 51(2)."
    ),
    ("notification", "designate", False): _(
        "Articles 51(1)(a), 51(2) and 52(1) of Regulation (EU) 2024/1689: the model meets the "
        "condition of Article 51(1)(a) and no arguments were presented."
    ),
    ("notification", "not_designate", True): _(
        "Article 52(3) of Regulation (EU) 2024/1689: the arguments presented under Article 52(2) "
        "are accepted."
    ),
    (
        "ex_officio",
        "designate",
        False,
    ): _(
        "Article 51(1)(b), Article 52(1), last sentence, and Article 52(4) of Regulation (EU) "
        "2024/1689, on the basis of the criteria of Annex XIII."
    ),
    (
        "ex_officio",
        "not_designate",
        False,
    ): _("Article 52(4) of Regulation (EU) 2024/1689 and Annex XIII."),
    ("reassessment", "maintain", False): ARTICLE_52_5,
    ("reassessment", "revoke", False): ARTICLE_52_5,
    ("reassessment", "not_reassessed", False): ARTICLE_52_5,
}


def legal_basis(case: Any, outcome: str) -> str:
    # the Art 52(2) arguments: supplementary claims alone are none (docs/rules.md § arguments)
    has_claims = has_arguments(case)
    found = LEGAL_BASIS.get((case.kind, outcome, has_claims)) or LEGAL_BASIS.get(
        (case.kind, outcome, False)
    )
    return str(found or _("Articles 51 and 52 of Regulation (EU) 2024/1689."))


def wording(key: str, language: str | None = None) -> tuple[str, str]:
    """(text, source) of a legal statement in ``language`` (the active one: a letter is rendered
    in its language), as the AI Office keeps it (admin → Letter wordings); the English row when
    the language has none, the first wording when no row exists."""
    from .models import LetterWording
    from .wording_data import DEFAULT_WORDING

    lang = (language or translation.get_language() or "en").split("-")[0]
    rows = {r.language: r for r in LetterWording.objects.filter(key=key, language__in=[lang, "en"])}
    row = rows.get(lang) or rows.get("en")
    if row is not None:
        return row.text, row.source
    return DEFAULT_WORDING[key]


def wording_lines(key: str) -> list[str]:
    """A wording kept one item a line (the obligations)."""
    text, _ = wording(key)
    return [line.strip() for line in text.splitlines() if line.strip()]


def request_legal_basis(kind: str) -> str:
    """On what a request for information or a hearing rests (docs/rules.md § requests,
    § right-to-be-heard); every letter about a request cites it."""
    return wording("hearing_basis" if kind == "hearing" else "rfi_basis")[0]
