"""Letters through a real broker and real Celery worker processes."""

from __future__ import annotations

import datetime
import signal
import uuid

import pytest

from gpai_cases.cases import services
from gpai_cases.celery import app
from gpai_cases.documents.models import Document
from gpai_cases.letters import services as letter_services
from gpai_cases.letters.models import Letter, LetterStatus

from ..conftest import file_draft_notification, start_celery_worker, wait_for

pytestmark = [pytest.mark.broker, pytest.mark.django_db(transaction=True)]


def test_a_submission_produces_its_acknowledgement_pdf_through_the_worker(
    celery_worker, member_a, model_a
):
    case = file_draft_notification(member_a, model_a)
    services.case_submit(actor=member_a, case=case)
    letter = wait_for(
        lambda: Letter.objects.filter(case=case, status=LetterStatus.RENDERED).first(), timeout=60
    )
    assert letter.kind == "acknowledgement"
    with letter.document.file.open("rb") as fh:
        assert fh.read(5) == b"%PDF-"
    assert celery_worker.poll() is None


def test_a_worker_killed_while_rendering_leaves_exactly_one_letter(
    celery_worker, member_a, model_a, tmp_path
):
    slow_queue = f"gpai-slow-{uuid.uuid4().hex[:8]}"
    log = tmp_path / "slow-worker.log"
    slow = start_celery_worker(slow_queue, log, GPAI_LETTER_RENDER_DELAY_SECONDS="30")
    normal_queue = app.conf.task_default_queue
    try:
        app.conf.task_default_queue = slow_queue
        case = file_draft_notification(member_a, model_a)
        services.case_submit(actor=member_a, case=case)
        wait_for(lambda: b"render_letter" in log.read_bytes(), timeout=30)  # it has the task
        slow.send_signal(signal.SIGKILL)  # killed mid-way through rendering
        slow.wait(timeout=10)
    finally:
        app.conf.task_default_queue = normal_queue
        if slow.poll() is None:
            slow.kill()
    letter = Letter.objects.get(case=case)
    assert letter.status == LetterStatus.PENDING
    assert not Document.objects.filter(case=case, kind="letter").exists()
    # The periodic sweep queues the missing letter; a healthy worker renders it, once.
    assert letter_services.letters_queue_missing(older_than=datetime.timedelta(0)) == 1
    letter_services.letters_queue_missing(older_than=datetime.timedelta(0))  # and a duplicate
    wait_for(
        lambda: Letter.objects.filter(pk=letter.pk, status=LetterStatus.RENDERED).exists(),
        timeout=60,
    )
    import time

    time.sleep(2)  # let the duplicate message be processed too
    assert Letter.objects.filter(case=case).count() == 1
    assert Document.objects.filter(case=case, kind="letter").count() == 1
