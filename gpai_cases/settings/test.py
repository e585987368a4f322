"""Settings for the test suite: fast hashing, mail kept in memory, files in a temporary folder."""

import os
import tempfile
from pathlib import Path

from .base import *  # noqa: F403
from .base import DATABASES, REDIS_URL, env_bool

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # speed only; prod uses Argon2
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = Path(os.environ.get("GPAI_TEST_MEDIA_ROOT", tempfile.mkdtemp(prefix="gpai-media-")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Without Redis, the filesystem broker of this test process lives in its own folder, shared only
# with the real worker processes that the suite starts (fixture ``celery_worker``).
if not REDIS_URL:
    _broker_dir = Path(os.environ.get("GPAI_BROKER_DIR") or tempfile.mkdtemp(prefix="gpai-broker-"))
    for _sub in ("queue", "processed", "control"):
        (_broker_dir / _sub).mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_broker_dir / "queue"),
        "data_folder_out": str(_broker_dir / "queue"),
        "processed_folder": str(_broker_dir / "processed"),
        "control_folder": str(_broker_dir / "control"),
        "store_processed": False,
    }

# Tasks run in-process unless a test asks for the real worker (fixture ``celery_worker``).
CELERY_TASK_ALWAYS_EAGER = True
CELERY_TASK_EAGER_PROPAGATES = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {"timeout": 20}
    # A file, not memory, so that a real Celery worker process can open the same test database.
    DATABASES["default"]["TEST"] = {
        "NAME": os.path.join(tempfile.mkdtemp(prefix="gpai-testdb-"), "test.sqlite3")
    }

# The fragment cache is on, as in production: a test's writes stay uncommitted (its transaction
# is rolled back at the end), and a transaction with uncommitted changes never reads nor fills
# the cache (core/freshness.py), so every page a test renders after a change is fresh.
# GPAI_TEST_FRAGMENT_CACHE=0 turns it off, to tell a cache bug from any other.
if not env_bool("GPAI_TEST_FRAGMENT_CACHE", True):
    CACHES = {**CACHES, "fragments": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}  # noqa: F405
if REDIS_URL:
    # The Redis database is shared by the parallel test processes and the broker: each process
    # keeps its keys under its own prefix and empties only those (tests/conftest.py).
    CACHES["default"] = {
        **CACHES["default"],
        "KEY_PREFIX": f"gpai-test-{os.environ.get('PYTEST_XDIST_WORKER', 'main')}",
    }

# Tests sign users in with force_login, which for AI Office staff also verifies a second factor
# (tests/conftest.py), as the sign-in pages do: the second factor is ON, as users run it. The
# tests of throttling switch axes on explicitly (tests/accounts/).
AXES_ENABLED = False
GPAI_REQUIRE_SECOND_FACTOR = True
AXES_VERBOSE = False

# Every query compiled once (core/compiled.py) is also built for real on each call and compared.
GPAI_CHECK_COMPILED = True
