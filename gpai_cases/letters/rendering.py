"""HTML letter templates → PDF with WeasyPrint. Fonts come from ``static/fonts``; nothing is
fetched from the network while rendering (the URL fetcher allows only our own static files)."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone
from weasyprint import HTML
from weasyprint.urls import URLFetcher

from gpai_cases.cases import deadlines

from .models import Letter, LetterKind
from .receipts import RECEIPTS, receipt_context
from .wording import legal_basis

STATIC_DIR = Path(settings.BASE_DIR) / "static"


class LocalOnlyFetcher(URLFetcher):
    """Serve files below ``static/`` and refuse everything else (no network fetches)."""

    def __init__(self) -> None:
        super().__init__(allowed_protocols={"file"}, fail_on_errors=True)

    def fetch(self, url: str, headers: Any = None) -> Any:
        prefix = STATIC_DIR.resolve().as_uri() + "/"
        if not url.startswith(prefix):
            raise ValueError(f"Letters may only use files under static/: {url}")
        return super().fetch(url, headers)


def letter_context(letter: Letter) -> dict[str, Any]:
    case = letter.case
    context: dict[str, Any] = {
        "letter": letter,
        "case": case,
        "model": case.model,
        "provider": case.model.provider,
        "letter_date": deadlines.format_day_long(letter.letter_date),
    }
    if letter.kind == LetterKind.ACKNOWLEDGEMENT:
        context["submitted_at"] = (
            timezone.localtime(case.submitted_at) if case.submitted_at else None
        )
        context["documents"] = list(
            case.documents.exclude(kind="letter").order_by("uploaded_at", "id")
        )
        context["claims"] = list(case.claims.all())
        context["notification"] = getattr(case, "notification", None)
    elif letter.kind == LetterKind.INFORMATION_REQUEST:
        request = letter.information_request
        context["request"] = request
        context["due"] = deadlines.format_day_long(request.due_date) if request else ""
    elif letter.kind in RECEIPTS:
        context.update(receipt_context(letter))
    elif letter.kind in (LetterKind.DECISION, LetterKind.REASSESSMENT_OUTCOME):
        decision = letter.decision
        context["decision"] = decision
        context["legal_basis"] = legal_basis(case, decision.outcome) if decision else ""
        context["cited_claims"] = (
            list(decision.cited_claims.order_by("filed_at", "id"))
            if decision and decision.pk
            else []
        )
        designation = case.designation if case.kind == "reassessment" else None
        designation = designation or getattr(case, "resulting_designation", None)
        context["designation"] = designation
        if designation is not None:
            context["reassessment_earliest"] = deadlines.format_day_long(
                designation.reassessment_earliest
            )
        if decision and decision.decided_on:
            context["decided_on"] = deadlines.format_day_long(decision.decided_on)
    return context


def render_html(letter: Letter) -> str:
    return render_to_string(f"letters/{letter.kind}.html", letter_context(letter))


def render_pdf(letter: Letter) -> bytes:
    delay = float(getattr(settings, "GPAI_LETTER_RENDER_DELAY_SECONDS", 0) or 0)
    if delay:  # fault injection for the worker-killed test only (settings.worker_test)
        time.sleep(delay)
    html = render_html(letter)
    return HTML(
        string=html, base_url=str(STATIC_DIR) + "/", url_fetcher=LocalOnlyFetcher()
    ).write_pdf()  # the <title> of the letter becomes the PDF title
