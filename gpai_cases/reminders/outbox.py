"""Sending the e-mails of event messages, each once.

A message is e-mailed by the worker that holds its row: the row is locked, the e-mail sent, the
row marked sent and the lock released, one message at a time — so a retried or duplicated task
finds it sent and sends nothing. An SMTP error leaves the message pending with its error; the
task retries, and the periodic sweep (:func:`deliver_pending`) picks up whatever is still pending
(broker down when it was recorded, worker gone), so an e-mail is delayed, never dropped.
"""

from __future__ import annotations

import datetime
import logging
from collections import defaultdict
from typing import Any

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext

from gpai_cases.accounts.language import language_of
from gpai_cases.core.queueing import queue_or

from . import delivery
from .models import EmailState, InboxMessage

logger = logging.getLogger(__name__)

__all__ = ["absolute", "deliver", "deliver_pending", "send_digests"]


def absolute(path: str) -> str:
    """A link for an e-mail: the site's address and the path."""
    return f"{settings.GPAI_SITE_URL.rstrip('/')}{path}" if path else ""


def _email(message: InboxMessage) -> dict[str, Any]:
    address = message.user.email if message.user_id else message.email_to
    text = message.body
    if message.link:
        with translation.override(language_of(message.user)):  # the reader's language
            where = gettext("Where to act: {link}").format(link=absolute(message.link))
        text += f"\n\n{where}"
    return delivery.message(
        subject=message.subject,
        text=text,
        reference=message.case.reference if message.case_id else "",
        to=[address],
    )


def deliver(ids: list[int]) -> int:
    """E-mail these messages if they are still pending; returns how many were sent. Raises the
    last SMTP error after trying every message (the task then retries the rest)."""
    sent, error = 0, None
    for pk in ids:
        with transaction.atomic():
            message = (
                # the row alone is locked (PostgreSQL cannot lock the nullable side of a join)
                InboxMessage.objects.select_for_update(skip_locked=True, of=("self",))
                .select_related("user", "case")
                .filter(pk=pk, email_state=EmailState.PENDING)
                .first()
            )
            if message is None:
                continue  # sent already, or another worker holds it
            try:
                delivery.send([_email(message)])
            except Exception as exc:
                message.email_attempts += 1
                message.email_error = f"{type(exc).__name__}: {exc}"[:2000]
                message.save(update_fields=["email_attempts", "email_error"])
                error = exc
                continue
            message.email_state = EmailState.SENT
            message.emailed_at = timezone.now()
            message.email_attempts += 1
            message.email_error = ""
            message.save(
                update_fields=["email_state", "emailed_at", "email_attempts", "email_error"]
            )
            sent += 1
    if error is not None:
        raise error
    return sent


def deliver_pending(*, older_than: datetime.timedelta = datetime.timedelta(seconds=30)) -> int:
    """Queue every message still pending (the broker was down, a worker died); returns how many."""
    from .tasks import deliver_messages

    cutoff = timezone.now() - older_than
    ids = list(
        InboxMessage.objects.filter(email_state=EmailState.PENDING, created_at__lte=cutoff)
        .order_by("pk")
        .values_list("pk", flat=True)[:5000]
    )
    for start in range(0, len(ids), 100):
        batch = ids[start : start + 100]
        queue_or(deliver_messages, batch, otherwise=lambda b=batch: deliver(b), what="messages")
    return len(ids)


def send_digests() -> int:
    """One e-mail per person with the messages they asked to receive in a daily digest."""
    waiting: dict[int, list[InboxMessage]] = defaultdict(list)
    for m in InboxMessage.objects.filter(email_state=EmailState.DIGEST).select_related(
        "user", "case"
    ):
        waiting[m.user_id].append(m)
    sent = 0
    for messages in waiting.values():
        user = messages[0].user
        with transaction.atomic():
            ids = [m.pk for m in messages]
            claimed = list(
                InboxMessage.objects.select_for_update(skip_locked=True)
                .filter(pk__in=ids, email_state=EmailState.DIGEST)
                .values_list("pk", flat=True)
            )
            if not claimed:
                continue
            today = timezone.localdate()
            items = [m for m in messages if m.pk in claimed]
            text = render_to_string(
                "reminders/digest.txt",
                {"items": [(m, absolute(m.link)) for m in items], "today": today},
            )
            delivery.send(
                [
                    delivery.message(
                        subject=f"GPAI Cases: {len(items)} message(s) of {today:%d %B %Y}",
                        text=text,
                        reference="",
                        to=[user.email],
                    )
                ]
            )
            InboxMessage.objects.filter(pk__in=claimed).update(
                email_state=EmailState.DIGESTED, emailed_at=timezone.now()
            )
            sent += 1
    return sent
