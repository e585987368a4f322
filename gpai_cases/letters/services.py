"""Letters are requested inside the transaction of the event that calls for them and rendered
after commit by a Celery task. If the broker is down, the letter stays pending and the periodic
sweep (``letters_queue_missing``) queues it later: a letter is never lost."""

from __future__ import annotations

import datetime
import hashlib
import logging
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from gpai_cases.cases import access
from gpai_cases.cases.audit import Action, record
from gpai_cases.documents.models import Document, DocumentKind

from .models import Letter, LetterKind, LetterStatus

__all__ = [
    "letter_regenerate",
    "letter_render",
    "letter_request",
    "letters_queue_missing",
]

logger = logging.getLogger(__name__)


def _queue(letter_id: int) -> None:
    from .tasks import render_letter

    try:
        render_letter.delay(letter_id)
    except Exception:  # broker down: the sweep will queue it again
        logger.warning(
            "Letter %s not queued or not rendered now; left for the sweep", letter_id, exc_info=True
        )


def letter_request(
    *,
    case: Any,
    kind: str,
    trigger_key: str,
    information_request: Any = None,
    decision: Any = None,
) -> Letter:
    """Record that a letter is due (call inside the triggering transaction, case row locked)."""
    existing = Letter.objects.filter(trigger_key=trigger_key).first()
    if existing is not None:
        return existing
    sequence = (Letter.objects.filter(case=case).aggregate(m=Max("sequence"))["m"] or 0) + 1
    letter = Letter.objects.create(
        case=case,
        kind=kind,
        sequence=sequence,
        reference=f"{case.reference}/L{sequence:02d}",
        trigger_key=trigger_key,
        information_request=information_request,
        decision=decision,
        letter_date=timezone.localdate(),
    )
    transaction.on_commit(lambda: _queue(letter.pk))
    return letter


def letter_render(*, letter_id: int) -> Letter:
    """Render and store the letter once; a second call (retry, duplicate message) does nothing."""
    from .rendering import render_pdf

    with transaction.atomic():
        letter = (
            Letter.objects.select_for_update(of=("self",))
            .select_related("case__model__provider", "information_request", "decision")
            .get(pk=letter_id)
        )
        if letter.status == LetterStatus.RENDERED:
            return letter
        pdf = render_pdf(letter)
        name = f"{letter.reference.replace('/', '-')}.pdf"
        document = Document(
            case=letter.case,
            kind=DocumentKind.LETTER,
            title=f"{letter.get_kind_display()} {letter.reference}",
            original_name=name,
            sha256=hashlib.sha256(pdf).hexdigest(),
            size=len(pdf),
            content_type="application/pdf",
        )
        document.file.save(name, ContentFile(pdf), save=False)
        document.save()
        letter.document = document
        letter.status = LetterStatus.RENDERED
        letter.rendered_at = timezone.now()
        letter.attempts += 1
        letter.last_error = ""
        letter.save()
        record(
            case=letter.case,
            actor=None,
            action=Action.LETTER_ISSUED,
            payload={"letter": letter.reference, "kind": letter.kind, "sha256": document.sha256},
        )
    return letter


def letter_record_failure(*, letter_id: int, error: str, final: bool) -> None:
    with transaction.atomic():
        letter = Letter.objects.select_for_update().get(pk=letter_id)
        if letter.status == LetterStatus.RENDERED:
            return
        letter.attempts += 1
        letter.last_error = error[:2000]
        if final:
            letter.status = LetterStatus.FAILED
        letter.save(update_fields=["attempts", "last_error", "status"])


def letter_regenerate(*, actor: Any, letter: Letter) -> Letter:
    """A caseworker asks again for a letter whose rendering failed."""
    if not access.is_caseworker(letter.case, actor):
        raise PermissionDenied("Only a caseworker may regenerate a letter.")
    with transaction.atomic():
        letter = Letter.objects.select_for_update().get(pk=letter.pk)
        if letter.status != LetterStatus.FAILED:
            return letter
        letter.status = LetterStatus.PENDING
        letter.last_error = ""
        letter.save(update_fields=["status", "last_error"])
        transaction.on_commit(lambda: _queue(letter.pk))
    return letter


def letters_queue_missing(*, older_than: datetime.timedelta = datetime.timedelta(minutes=2)) -> int:
    """Queue every letter that is due but not yet rendered (broker was down, worker died...)."""
    cutoff = timezone.now() - older_than
    ids = list(
        Letter.objects.filter(status=LetterStatus.PENDING, created_at__lte=cutoff).values_list(
            "pk", flat=True
        )
    )
    for letter_id in ids:
        _queue(letter_id)
    return len(ids)


LEGAL_BASIS = {
    (
        "notification",
        "designate",
        True,
    ): "Article 52(3) of Regulation (EU) 2024/1689: the arguments "
    "presented under Article 52(2) are rejected; the model is a general-purpose AI model with "
    "systemic risk under Article 51(1)(a) and 51(2).",
    ("notification", "designate", False): "Articles 51(1)(a), 51(2) and 52(1) of Regulation (EU) "
    "2024/1689: the model meets the condition of Article 51(1)(a) and no arguments were presented.",
    ("notification", "not_designate", True): "Article 52(3) of Regulation (EU) 2024/1689: the "
    "arguments presented under Article 52(2) are accepted.",
    (
        "ex_officio",
        "designate",
        False,
    ): "Article 51(1)(b), Article 52(1), last sentence, and Article "
    "52(4) of Regulation (EU) 2024/1689, on the basis of the criteria of Annex XIII.",
    (
        "ex_officio",
        "not_designate",
        False,
    ): "Article 52(4) of Regulation (EU) 2024/1689 and Annex XIII.",
    ("reassessment", "maintain", False): "Article 52(5) of Regulation (EU) 2024/1689.",
    ("reassessment", "revoke", False): "Article 52(5) of Regulation (EU) 2024/1689.",
}


def legal_basis(case: Any, outcome: str) -> str:
    has_claims = case.kind == "notification" and case.claims.exists()
    return LEGAL_BASIS.get((case.kind, outcome, has_claims)) or LEGAL_BASIS.get(
        (case.kind, outcome, False), "Articles 51 and 52 of Regulation (EU) 2024/1689."
    )


LETTER_KIND_FOR_DECISION = {
    "designate": LetterKind.DECISION,
    "not_designate": LetterKind.DECISION,
    "maintain": LetterKind.REASSESSMENT_OUTCOME,
    "revoke": LetterKind.REASSESSMENT_OUTCOME,
}
