"""Letters are requested inside the transaction of the event that calls for them and rendered
after commit by a Celery task. If the broker is down, the letter stays pending, never queued, and
the sweep (``letters_queue_missing``, every minute) queues it as soon as the broker is back; a
letter whose worker died while rendering it is queued again by the same sweep. A letter is
never lost, and a render that crashed leaves no file behind (``documents.cleanup``)."""

from __future__ import annotations

import datetime
import hashlib
import logging
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from gpai_cases.cases import access
from gpai_cases.cases.audit import Action, record
from gpai_cases.core.queueing import queue_or
from gpai_cases.documents.models import Document, DocumentKind

from .models import Letter, LetterStatus

__all__ = [
    "letter_regenerate",
    "letter_render",
    "letter_request",
    "letters_queue_missing",
]

logger = logging.getLogger(__name__)


#: A letter queued this long ago and not begun: its message was lost (a broker restart).
LOST_AFTER = datetime.timedelta(minutes=5)
#: A letter begun this long ago and not finished: its worker died (a render takes seconds).
CRASHED_AFTER = datetime.timedelta(seconds=90)


def _queue(letter_id: int) -> None:
    """Queue the rendering; when the broker is down, the letter stays pending and unqueued, and
    the sweep queues it once the broker is back."""
    from .tasks import render_letter

    if queue_or(render_letter, letter_id, what=f"letter {letter_id} (left for the sweep)"):
        Letter.objects.filter(pk=letter_id).update(queued_at=timezone.now())


def letter_render_started(*, letter_id: int) -> None:
    """A worker begins to render the letter (committed at once: if the worker dies, the sweep
    sees a render that began and never finished)."""
    Letter.objects.filter(pk=letter_id, status=LetterStatus.PENDING).update(
        render_started_at=timezone.now()
    )


def letter_request(
    *,
    case: Any,
    kind: str,
    trigger_key: str,
    information_request: Any = None,
    decision: Any = None,
    actor: Any = None,
) -> Letter:
    """Record that a letter is due (call inside the triggering transaction, case row locked),
    with its verification code and signatory (``actor``: who acted, for a letter that is not a
    decision)."""
    from .signatory import signatory_for
    from .verification import new_code

    existing = Letter.objects.filter(trigger_key=trigger_key).first()
    if existing is not None:
        return existing
    sequence = (Letter.objects.filter(case=case).aggregate(m=Max("sequence"))["m"] or 0) + 1
    name, function = signatory_for(decision=decision, actor=actor, case=case)
    letter = Letter.objects.create(
        verification_code=new_code(),
        signatory_name=name,
        signatory_function=function,
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
        try:
            document.save()
        except BaseException:
            # the row is not written: neither is the file (a crash that kills the process before
            # this runs leaves a file that documents.cleanup removes)
            document.file.delete(save=False)
            raise
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
    access.require(access.may_regenerate_letter, actor, letter.case)
    with transaction.atomic():
        letter = Letter.objects.select_for_update().get(pk=letter.pk)
        if letter.status != LetterStatus.FAILED:
            return letter
        letter.status = LetterStatus.PENDING
        letter.last_error = ""
        letter.save(update_fields=["status", "last_error"])
        transaction.on_commit(lambda: _queue(letter.pk))
    return letter


def letters_queue_missing(*, older_than: datetime.timedelta | None = None) -> int:
    """Queue every letter that is due and will not be rendered otherwise: never queued (the
    broker was down when it was requested), queued long ago and never begun (the message was
    lost), or begun and never finished (the worker died). Runs every minute (core/schedule.py),
    so a letter follows within a minute of the broker's return. ``older_than`` treats every
    pending letter older than that as lost (a manual catch-up)."""
    from django.db.models import Q

    now = timezone.now()
    pending = Letter.objects.filter(status=LetterStatus.PENDING)
    if older_than is not None:
        pending = pending.filter(created_at__lte=now - older_than)
    else:
        pending = pending.filter(
            Q(queued_at__isnull=True)
            | Q(render_started_at__isnull=True, queued_at__lte=now - LOST_AFTER)
            | Q(render_started_at__lte=now - CRASHED_AFTER)
        )
    ids = list(pending.values_list("pk", flat=True))
    for letter_id in ids:
        _queue(letter_id)
    return len(ids)
