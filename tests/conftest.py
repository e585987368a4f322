"""Shared fixtures: people in every role, two providers, and a way to file a complete notification."""

from __future__ import annotations

import datetime
import os

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from hypothesis import settings as hypothesis_settings

from gpai_cases.accounts.models import AI_OFFICE_ROLES, Role
from gpai_cases.cases import services

from .factories import GPAIModelFactory, ProviderFactory, UserFactory

# CI runs the property tests with fixed examples (a run is repeatable, a red run is a real bug);
# `make fuzz` explores new random examples, many more of them.
hypothesis_settings.register_profile("ci", derandomize=True, print_blob=True)
hypothesis_settings.register_profile("explore", max_examples=500, print_blob=True)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def pytest_configure(config: pytest.Config) -> None:
    # In the PostgreSQL pass of .ci/run, tests marked "postgres" must run, never be skipped.
    if os.environ.get("GPAI_REQUIRE_POSTGRES") == "1":
        url = os.environ.get("DATABASE_URL", "")
        if not url.startswith(("postgres://", "postgresql://")):
            raise pytest.UsageError("GPAI_REQUIRE_POSTGRES=1 but DATABASE_URL is not PostgreSQL")
    if os.environ.get("GPAI_REQUIRE_REDIS") == "1" and not os.environ.get(
        "REDIS_URL", ""
    ).startswith("redis://"):
        raise pytest.UsageError("GPAI_REQUIRE_REDIS=1 but REDIS_URL is not a Redis URL")


def verify_second_factor(client: Client, user) -> None:
    """Mark the client's session as verified with the user's authenticator app, as the
    second-factor page does after a right code."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()


class SignedInClient(Client):
    """``force_login`` signs AI Office staff in as they really sign in: password and a verified
    second factor (the second factor is on in the tests). ``password_only`` stops half-way."""

    def force_login(self, user, backend=None) -> None:
        super().force_login(user, backend)
        if user.role in AI_OFFICE_ROLES:
            verify_second_factor(self, user)

    def password_only(self, user) -> None:
        super().force_login(user)


@pytest.fixture
def client() -> SignedInClient:
    return SignedInClient()


@pytest.fixture
def provider_a(db):
    return ProviderFactory(legal_name="Alpha Labs SE", country="FR")


@pytest.fixture
def provider_b(db):
    return ProviderFactory(
        legal_name="Beta Intelligence Inc.", country="US", eu_representative="Beta EU BV, Amsterdam"
    )


@pytest.fixture
def member_a(provider_a):
    return UserFactory(role=Role.PROVIDER, email="alice@alpha.example", provider=provider_a)


@pytest.fixture
def member_b(provider_b):
    return UserFactory(role=Role.PROVIDER, email="bob@beta.example", provider=provider_b)


@pytest.fixture
def caseworker(db):
    return UserFactory(role=Role.CASEWORKER, email="carla@ai-office.example")


@pytest.fixture
def caseworker2(db):
    return UserFactory(role=Role.CASEWORKER, email="cem@ai-office.example")


@pytest.fixture
def approver(db):
    return UserFactory(role=Role.APPROVER, email="anna@ai-office.example")


@pytest.fixture
def approver2(db):
    return UserFactory(role=Role.APPROVER, email="arno@ai-office.example")


@pytest.fixture
def office_admin(db):
    return UserFactory(role=Role.ADMIN, email="adam@ai-office.example", is_staff=True)


@pytest.fixture
def model_a(provider_a):
    return GPAIModelFactory(provider=provider_a, name="Alpha-1", version="2026-01")


@pytest.fixture
def model_b(provider_b):
    return GPAIModelFactory(provider=provider_b, name="Beta-XL", version="1.0")


def pdf_upload(name: str = "compute-evidence.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF_BYTES, content_type="application/pdf")


def file_draft_notification(actor, model, *, trigger_date=datetime.date(2026, 3, 2), evidence=True):
    case = services.case_create_notification(
        actor=actor,
        model=model,
        trigger_type="met",
        trigger_date=trigger_date,
        compute_flop="3.2e25",
        compute_method="hardware",
        compute_inputs={
            "accelerators": 10000,
            "peak_flops": "9.89e14",
            "utilisation": "0.4",
            "hours": 2160,
        },
        architecture_description="Dense decoder-only transformer.",
        intended_uses="General assistant.",
    )
    if evidence:
        services.document_add(
            actor=actor, case=case, uploaded_file=pdf_upload(), title="Compute log"
        )
    return case


@pytest.fixture
def draft_a(member_a, model_a):
    return file_draft_notification(member_a, model_a)


@pytest.fixture
def submitted_a(draft_a, member_a):
    return services.case_submit(actor=member_a, case=draft_a)


@pytest.fixture
def assessing_a(submitted_a, caseworker):
    return services.case_take_up(actor=caseworker, case=submitted_a)


@pytest.fixture
def designation_a(assessing_a, caseworker, approver):
    """Alpha-1 designated on Tue 15 Sep 2026 (a notification without arguments)."""
    from gpai_cases.cases.models import Designation

    with time_machine.travel(datetime.datetime(2026, 9, 15, 9, tzinfo=datetime.UTC)):
        services.decision_propose(
            actor=caseworker, case=assessing_a, outcome="designate", reasoning="R"
        )
        services.decision_approve(actor=approver, case=assessing_a)
    return Designation.objects.get(case=assessing_a)


# ---- a real Celery worker -------------------------------------------------------------------------


def _database_url_for_worker() -> str:
    from django.db import connection

    s = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{s['NAME']}"
    auth = s["USER"] + (f":{s['PASSWORD']}" if s.get("PASSWORD") else "")
    return f"postgres://{auth}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


def worker_env(queue: str, **extra_env: str) -> dict[str, str]:
    """The environment of a separate process (worker, or a web process) on the test database."""
    from django.conf import settings

    from gpai_cases.celery import app

    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env.update(
        DJANGO_SETTINGS_MODULE="gpai_cases.settings.worker_test",
        DATABASE_URL=_database_url_for_worker(),
        GPAI_CELERY_QUEUE=queue,
        GPAI_TEST_MEDIA_ROOT=str(settings.MEDIA_ROOT),
        **extra_env,
    )
    if not settings.REDIS_URL:
        env["GPAI_BROKER_DIR"] = os.path.dirname(
            app.conf.broker_transport_options["data_folder_in"]
        )
    return env


def run_in_django_process(code: str, queue: str, **extra_env: str) -> str:
    """Run Python code in a fresh Django process (as a web process would), return its stdout."""
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup()\n{code}"],
        env=worker_env(queue, **extra_env),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def start_celery_worker(queue: str, log_path, **extra_env: str):
    """Start a real `celery worker` process consuming ``queue``; return it once it is ready."""
    import subprocess
    import sys
    import time

    env = worker_env(queue, **extra_env)
    with open(log_path, "wb") as out:
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "gpai_cases",
                "worker",
                "-Q",
                queue,
                "--pool",
                "solo",
                "--without-heartbeat",
                "--without-gossip",
                "--without-mingle",
                "-l",
                "info",
                "-n",
                f"{queue}@%h",
            ],
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    deadline = time.monotonic() + 60
    while b"ready." not in log_path.read_bytes():
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            raise RuntimeError(f"Celery worker did not start:\n{log_path.read_text()}")
        time.sleep(0.2)
    return proc


@pytest.fixture(scope="session")
def _celery_worker_process(django_db_setup, django_db_blocker, tmp_path_factory):
    """One real `celery worker` process per test session, on the real broker (Redis when
    REDIS_URL is set, else the filesystem broker of settings.test), reading the test database."""
    import subprocess
    import uuid

    queue = f"gpai-test-{uuid.uuid4().hex[:8]}"
    proc = start_celery_worker(queue, tmp_path_factory.mktemp("worker") / "worker.log")
    yield proc, queue
    proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()


@pytest.fixture
def celery_worker(_celery_worker_process):
    """Send this test's tasks to the real worker (only this test's: others stay eager). Tests using
    it need committed data: mark them ``django_db(transaction=True)``."""
    from gpai_cases.celery import app

    proc, queue = _celery_worker_process
    old = (app.conf.task_always_eager, app.conf.task_default_queue)
    app.conf.task_always_eager = False
    app.conf.task_default_queue = queue
    try:
        yield proc
    finally:
        app.conf.task_always_eager, app.conf.task_default_queue = old


def wait_for(predicate, *, timeout: float = 30.0, interval: float = 0.2):
    import time

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(f"condition not met within {timeout} s")


def _clear_own_keys(cache) -> None:
    """Empty a cache; in Redis only this process's keys (``clear()`` would flush the database
    that the other test process and the Celery broker use too)."""
    from django.core.cache.backends.redis import RedisCache

    if not isinstance(cache, RedisCache):
        cache.clear()
        return
    client = cache._cache.get_client(write=True)
    keys = list(client.scan_iter(match=f"{cache.key_prefix}:*", count=1000))
    if keys:
        client.delete(*keys)


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test starts with empty caches (publication numbers restart in every test database)."""
    from django.core.cache import caches

    from gpai_cases.core import freshness
    from gpai_cases.register.views import responses

    for c in caches.all():
        _clear_own_keys(c)
    responses.clear()
    freshness.forget_uncommitted()  # what the previous test's rolled-back transaction changed
    yield
    for c in caches.all():
        _clear_own_keys(c)
    responses.clear()


@pytest.fixture(autouse=True)
def _service_language():
    """Each test starts in the service's language: a request in French leaves French active in
    its thread (as Django's LocaleMiddleware does), which must not leak into the next test."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)
