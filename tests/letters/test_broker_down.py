"""Broker down while a provider submits: the submission is saved; once Redis is back, the
acknowledgement is produced — with a real Redis server stopped and started, and the submission made
by a separate process configured like the web server."""

from __future__ import annotations

import shutil
import socket
import subprocess
import uuid

import pytest

from gpai_cases.documents.models import Document
from gpai_cases.letters.models import Letter, LetterStatus

from ..conftest import file_draft_notification, run_in_django_process, start_celery_worker, wait_for

pytestmark = [pytest.mark.broker, pytest.mark.django_db(transaction=True)]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_redis(port: int, tmp_path) -> subprocess.Popen:
    binary = shutil.which("redis-server")
    assert binary, "redis-server is needed for this test (apt-get install redis-server)"
    proc = subprocess.Popen(
        [
            binary,
            "--bind",
            "127.0.0.1",
            "--port",
            str(port),
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(tmp_path),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    wait_for(lambda: socket.socket().connect_ex(("127.0.0.1", port)) == 0, timeout=10, interval=0.1)
    return proc


SUBMIT = """
import time
from gpai_cases.accounts.models import User
from gpai_cases.cases import services
from gpai_cases.cases.models import Case
started = time.monotonic()
case = services.case_submit(actor=User.objects.get(pk={user}), case=Case.objects.get(pk={case}))
print(case.state, round(time.monotonic() - started, 1))
"""
SWEEP = """
import datetime
from gpai_cases.letters.services import letters_queue_missing
print(letters_queue_missing(older_than=datetime.timedelta(0)))
"""


def test_submission_succeeds_with_the_broker_down_and_the_letter_follows_when_it_is_back(
    member_a, model_a, tmp_path
):
    port = free_port()
    redis_url = f"redis://127.0.0.1:{port}/0"
    queue = f"gpai-down-{uuid.uuid4().hex[:6]}"
    redis = start_redis(port, tmp_path)
    redis.terminate()  # Redis goes down
    redis.wait(timeout=10)

    case = file_draft_notification(member_a, model_a)
    out = run_in_django_process(
        SUBMIT.format(user=member_a.pk, case=case.pk), queue, REDIS_URL=redis_url
    )
    state, seconds = out.split()
    assert state == "submitted"
    assert float(seconds) < 8  # the provider is not kept waiting long
    letter = Letter.objects.get(case=case)
    assert letter.status == LetterStatus.PENDING

    redis = start_redis(port, tmp_path)  # Redis is back
    worker = start_celery_worker(queue, tmp_path / "worker.log", REDIS_URL=redis_url)
    try:
        assert run_in_django_process(SWEEP, queue, REDIS_URL=redis_url).strip() == "1"
        wait_for(
            lambda: Letter.objects.filter(pk=letter.pk, status=LetterStatus.RENDERED).exists(),
            timeout=60,
        )
    finally:
        worker.terminate()
        worker.wait(timeout=20)
        redis.terminate()
        redis.wait(timeout=10)
    assert Document.objects.filter(case=case, kind="letter").count() == 1
