"""Sending e-mails from a worker: the reminder sweep, the outbox of event messages and the
invitations hand their e-mails over here in batches, to a worker (SMTP is slow and may be down;
the worker retries) or, when the broker cannot be reached, at once. Each message is a plain dict,
so that it travels through the broker. In core, so that every app may send without importing
the reminders (which import the cases)."""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.template.loader import get_template
from django.utils import translation

from gpai_cases.core.queueing import queue_or

logger = logging.getLogger(__name__)


def message(
    *, subject: str, text: str, reference: str, to: list[str], language: str = ""
) -> dict[str, Any]:
    """One e-mail as a plain dict; ``language`` is its reader's, in which the HTML frame around
    the text (already written in that language) is rendered by the worker."""
    return {
        "subject": subject,
        "text": text,
        "reference": reference,
        "to": to,
        "language": language or settings.LANGUAGE_CODE,
    }


def send(messages: list[dict[str, Any]]) -> int:
    """Send the batch over one connection (an SMTP error propagates: the task retries it)."""
    html = get_template("reminders/email.html")
    emails = []
    for m in messages:
        email = EmailMultiAlternatives(
            m["subject"], m["text"], settings.DEFAULT_FROM_EMAIL, m["to"]
        )
        with translation.override(m.get("language") or settings.LANGUAGE_CODE):
            email.attach_alternative(html.render(m), "text/html")
        emails.append(email)
    with get_connection() as connection:
        return connection.send_messages(emails) or 0


def hand_over(messages: list[dict[str, Any]]) -> None:
    """Queue the batch for a worker; if the broker cannot take it, send it now."""
    from .tasks import send_emails

    if not messages:
        return
    # broker down: the e-mails must still go out; a mail error is logged (what they say stays
    # recorded: in the inboxes, or as an open invitation)
    queue_or(
        send_emails,
        messages,
        otherwise=lambda: send(messages),
        what=f"e-mailing {len(messages)} messages",
    )
