"""Outages degrade, never break: with Redis (the cache and the broker) unreachable, a provider
signs in, opens its pages and submits a notification — saved and answered at once; when Redis is
back, the sweep that runs every minute queues the acknowledgement and a worker renders it.
Sessions live in the database (ADR 0006)."""

from __future__ import annotations

import uuid

import pytest

from gpai_cases.documents.models import Document
from gpai_cases.letters.models import Letter, LetterStatus

from ..conftest import file_draft_notification, run_in_django_process, start_celery_worker, wait_for
from ..letters.test_broker_down import free_port, start_redis

pytestmark = [pytest.mark.broker, pytest.mark.django_db(transaction=True)]

SIGNED_IN_DURING_THE_OUTAGE = """
import time
from django.test import Client
from gpai_cases.cases.models import Case
client = Client()
login = client.post("/accounts/login/", {{"username": "{email}", "password": "{password}"}})
print("login", login.status_code, login["Location"])
print("home", client.get("/portal/").status_code)
print("case", client.get("/portal/cases/{reference}/").status_code)
print("review", client.get("/portal/cases/{reference}/notification/review/").status_code)
started = time.monotonic()
submit = client.post("/portal/cases/{reference}/notification/review/", {{}})
print("submit", submit.status_code, submit["Location"], round(time.monotonic() - started, 1))
print("submitted", client.get(submit["Location"]).status_code)
print("state", Case.objects.get(reference="{reference}").state)
"""
SWEEP_AS_BEAT_RUNS_IT = """
from gpai_cases.letters.services import letters_queue_missing
print(letters_queue_missing())
"""


def test_with_redis_down_a_provider_signs_in_opens_pages_and_submits(member_a, model_a, tmp_path):
    port = free_port()
    redis_url = f"redis://127.0.0.1:{port}/0"  # nothing listens there: cache and broker are down
    queue = f"gpai-outage-{uuid.uuid4().hex[:6]}"
    case = file_draft_notification(member_a, model_a)
    out = run_in_django_process(
        SIGNED_IN_DURING_THE_OUTAGE.format(
            email=member_a.email.upper(),  # the e-mail as typed, in any case
            password="correct horse battery staple",
            reference=case.reference,
        ),
        queue,
        REDIS_URL=redis_url,
    )
    lines = dict(line.split(" ", 1) for line in out.strip().splitlines())
    assert lines["login"].startswith("302"), out
    assert lines["home"] == "200" and lines["case"] == "200" and lines["review"] == "200", out
    status, location, seconds = lines["submit"].split()
    assert status == "302" and location.endswith("/submitted/"), out
    assert float(seconds) < 8  # answered at once, not after the broker's retries
    assert lines["submitted"] == "200" and lines["state"] == "submitted", out
    letter = Letter.objects.get(case=case)
    assert letter.status == LetterStatus.PENDING and letter.queued_at is None

    redis = start_redis(port, tmp_path)  # Redis is back
    worker = start_celery_worker(queue, tmp_path / "worker.log", REDIS_URL=redis_url)
    try:
        # the sweep beat runs every minute: the never-queued letter goes at once, no waiting
        assert (
            run_in_django_process(SWEEP_AS_BEAT_RUNS_IT, queue, REDIS_URL=redis_url).strip() == "1"
        )
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


def test_the_letter_sweep_runs_every_minute():
    from gpai_cases.core.schedule import PERIODIC_TASKS

    (cron,) = [c for task, c in PERIODIC_TASKS.values() if task.endswith("queue_missing_letters")]
    assert cron == {"minute": "*", "hour": "*"}
