"""HTML letter templates → PDF with WeasyPrint. Fonts come from ``static/fonts``; nothing is
fetched from the network while rendering (the URL fetcher allows only our own static files)."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext
from weasyprint import HTML
from weasyprint.urls import URLFetcher

from gpai_cases.cases import access, deadlines, facts
from gpai_cases.cases.models import NotificationCorrection, RequestExtension, RequestKind
from gpai_cases.providers.compute import format_flop

from .context import designation_context, frame
from .handlers import extension_of
from .languages import language_of_letters
from .models import Letter, LetterKind
from .reasoning import parts_for
from .receipts import RECEIPTS, receipt_context
from .wording import legal_basis, request_legal_basis

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


#: The PDF variant of every letter: archivable, with its fonts embedded and text extractable.
PDF_VARIANT = "pdf/a-2u"

#: The letters about a request for information or a hearing.
REQUEST_LETTERS = (
    LetterKind.INFORMATION_REQUEST,
    LetterKind.HEARING,
    LetterKind.REQUEST_WITHDRAWN,
    LetterKind.DUE_DATE_EXTENDED,
    LetterKind.EXTENSION_REFUSED,
)


def _request_context(letter: Letter) -> dict[str, Any]:
    """The request, its dates in words and its legal basis; for a decision on an extension, that
    extension (named by the letter's trigger), with the dates it changed or kept."""
    request = letter.information_request
    context: dict[str, Any] = {
        "request": request,
        "due": deadlines.format_day_long(request.due_date),
        "sent_on": deadlines.format_day_long(request.sent_on),
        "request_legal_basis": request_legal_basis(request.kind),
        "what": (
            gettext("hearing on a draft decision")
            if request.kind == RequestKind.HEARING
            else gettext("request for information")
        ),
    }
    if letter.kind == LetterKind.REQUEST_WITHDRAWN and request.withdrawn_at:
        context["withdrawn_on"] = deadlines.format_day_long(
            timezone.localdate(request.withdrawn_at)
        )
    extension_id = extension_of(letter.trigger_key)
    if letter.kind in (LetterKind.DUE_DATE_EXTENDED, LetterKind.EXTENSION_REFUSED) and extension_id:
        extension = RequestExtension.objects.filter(pk=extension_id, request=request).first()
        context["extension"] = extension
        for name in ("old_due_date", "new_due_date", "proposed_due_date"):
            value = getattr(extension, name, None)
            context[name] = deadlines.format_day_long(value) if value else ""
    return context


def letter_context(letter: Letter) -> dict[str, Any]:
    case = letter.case
    context: dict[str, Any] = {
        "letter": letter,
        "case": case,
        "model": case.model,
        "provider": case.model.provider,
        "letter_date": deadlines.format_day_long(letter.letter_date),
        # the figures the case relies on: as filed once submitted (docs/rules.md § facts-as-filed)
        "facts": facts.case_facts(case),
        **frame(letter),
    }
    n = getattr(case, "notification", None) if case.kind == "notification" else None
    if n is not None and n.compute_flop is not None:
        context["declared"] = f"{format_flop(n.compute_flop)} FLOP"
        context["corrections"] = [
            (c, facts.correction_rows(c.changes))
            for c in case.corrections.order_by("filed_at", "id")
        ]
    if letter.kind == LetterKind.ACKNOWLEDGEMENT:
        context["submitted_at"] = (
            timezone.localtime(case.submitted_at) if case.submitted_at else None
        )
        # what the letter lists is what the provider may see: never an internal document
        context["documents"] = list(
            access.documents_shared_with_provider(case)
            .exclude(kind="letter")
            .order_by("uploaded_at", "id")
        )
        context["claims"] = list(case.claims.all())
        context["notification"] = getattr(case, "notification", None)
    elif letter.kind in REQUEST_LETTERS and letter.information_request is not None:
        context.update(_request_context(letter))
    elif letter.kind == LetterKind.CORRECTION_RECEIPT:
        correction = correction_of(letter)
        context["correction"] = correction
        context["changes"] = correction_rows(correction) if correction else []
        context["filed_at"] = timezone.localtime(correction.filed_at) if correction else None
        context["documents"] = list(correction.documents.all()) if correction else []
        context["notification"] = getattr(case, "notification", None)
    elif letter.kind in RECEIPTS:
        context.update(receipt_context(letter))
    elif letter.kind in (LetterKind.DECISION, LetterKind.REASSESSMENT_OUTCOME):
        decision = letter.decision
        context["decision"] = decision
        context["legal_basis"] = legal_basis(case, decision.outcome) if decision else ""
        context["reasoning_parts"] = parts_for(case, decision.outcome) if decision else []
        designation = case.designation if case.kind == "reassessment" else None
        designation = designation or getattr(case, "resulting_designation", None)
        context["designation"] = designation
        if designation is not None:
            context["reassessment_earliest"] = deadlines.format_day_long(
                designation.reassessment_earliest
            )
        if decision and decision.decided_on:
            context["decided_on"] = deadlines.format_day_long(decision.decided_on)
        context.update(designation_context(case, decision, designation))
    return context


def correction_of(letter: Letter) -> NotificationCorrection | None:
    """The correction a receipt acknowledges: named by the letter's trigger key."""
    _, _, pk = letter.trigger_key.partition(":")
    return (
        NotificationCorrection.objects.filter(case=letter.case, pk=int(pk)).first()
        if pk.isdigit()
        else None
    )


def correction_rows(correction: NotificationCorrection) -> list[tuple[str, str, str]]:
    """(what, before, now) for each change of a correction, in words."""
    return facts.correction_rows(correction.changes)


def render_html(letter: Letter) -> str:
    """The letter in the language of its addressee (English when its letters are not complete
    in that language: :mod:`.languages`), its dates and numbers in that language's forms."""
    with translation.override(language_of_letters(letter.case.model.provider)):
        return render_to_string(f"letters/{letter.kind}.html", letter_context(letter))


def render_pdf(letter: Letter) -> bytes:
    delay = float(getattr(settings, "GPAI_LETTER_RENDER_DELAY_SECONDS", 0) or 0)
    if delay:  # fault injection for the worker-killed test only (settings.worker_test)
        time.sleep(delay)
    html = render_html(letter)
    return HTML(
        string=html, base_url=str(STATIC_DIR) + "/", url_fetcher=LocalOnlyFetcher()
    ).write_pdf(pdf_variant=PDF_VARIANT)  # title, author, subject and language from the HTML
