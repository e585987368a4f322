"""E-mailing reminders: the sweep records them and fills the inbox, then hands the e-mails over
here in batches, to a worker (SMTP is slow and may be down) or, when the broker cannot be
reached, at once. Each message is a plain dict, so that it travels through the broker."""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.template.loader import get_template

from gpai_cases.core.queueing import queue_or

logger = logging.getLogger(__name__)


def message(*, subject: str, text: str, reference: str, to: list[str]) -> dict[str, Any]:
    return {"subject": subject, "text": text, "reference": reference, "to": to}


def send(messages: list[dict[str, Any]]) -> int:
    """Send the batch over one connection (an SMTP error propagates: the task retries it)."""
    html = get_template("reminders/email.html")
    emails = []
    for m in messages:
        email = EmailMultiAlternatives(
            m["subject"], m["text"], settings.DEFAULT_FROM_EMAIL, m["to"]
        )
        email.attach_alternative(html.render(m), "text/html")
        emails.append(email)
    with get_connection() as connection:
        return connection.send_messages(emails) or 0


def hand_over(messages: list[dict[str, Any]]) -> None:
    """Queue the batch for a worker; if the broker cannot take it, send it now."""
    from .tasks import deliver_reminders

    if not messages:
        return
    # broker down: the reminders must still go out; a mail error is logged, and the reminders
    # stay in the inboxes
    queue_or(
        deliver_reminders,
        messages,
        otherwise=lambda: send(messages),
        what=f"e-mailing {len(messages)} reminders",
    )
