"""Event messages through a real broker, a real worker and a real SMTP server: the request's
message is in the inbox at once, and its e-mail reaches the SMTP server once."""

from __future__ import annotations

import socket
import subprocess
import uuid
from email import message_from_bytes, policy

import pytest
from aiosmtpd.controller import Controller

from gpai_cases.cases import services
from gpai_cases.celery import app
from gpai_cases.reminders.models import EmailState, InboxMessage

from ..conftest import start_celery_worker, wait_for

pytestmark = [pytest.mark.broker, pytest.mark.django_db(transaction=True)]


class Received:
    """An SMTP server's handler that keeps what it received."""

    def __init__(self) -> None:
        self.envelopes: list = []

    async def handle_DATA(self, server, session, envelope):
        self.envelopes.append(envelope)
        return "250 OK"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def smtp_server():
    handler = Received()
    controller = Controller(handler, hostname="127.0.0.1", port=_free_port())
    controller.start()
    yield controller, handler
    controller.stop()


def test_a_request_is_e_mailed_once_through_the_worker_to_an_smtp_server(
    smtp_server, tmp_path, member_a, caseworker, model_a
):
    from ..conftest import file_draft_notification

    controller, handler = smtp_server
    queue = f"gpai-mail-{uuid.uuid4().hex[:8]}"
    worker = start_celery_worker(
        queue,
        tmp_path / "worker.log",
        DJANGO_EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=str(controller.port),
        EMAIL_USE_TLS="0",
    )
    old = (app.conf.task_always_eager, app.conf.task_default_queue)
    app.conf.task_always_eager, app.conf.task_default_queue = False, queue
    try:
        case = file_draft_notification(member_a, model_a)
        services.case_submit(actor=member_a, case=case)
        services.case_take_up(actor=caseworker, case=case)
        services.information_request_send(actor=caseworker, case=case, questions=["Data?"])
        message = InboxMessage.objects.get(user=member_a, kind="request_sent")  # at once
        wait_for(
            lambda: InboxMessage.objects.get(pk=message.pk).email_state == EmailState.SENT,
            timeout=60,
        )
        # the request's own e-mail (the "letter is ready" e-mail that follows names it too)
        subjects = [
            (e, str(message_from_bytes(e.content, policy=policy.default)["subject"]))
            for e in handler.envelopes
        ]
        received = [
            e
            for e, subject in subjects
            if "Request for information" in subject and "letter is ready" not in subject
        ]
        assert [e.rcpt_tos for e in received] == [[member_a.email]]
    finally:
        app.conf.task_always_eager, app.conf.task_default_queue = old
        worker.terminate()
        try:
            worker.wait(timeout=20)
        except subprocess.TimeoutExpired:
            worker.kill()
