"""The suite runs with the caches production runs with (issue 21): the same backends, places,
timeouts and limits, the fragment cache on. Only the default cache's key prefix differs, so that
parallel test processes sharing one Redis database keep apart (settings/test.py)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from django.conf import settings

from gpai_cases.settings.base import env_bool

SHOWN = ("BACKEND", "LOCATION", "TIMEOUT", "OPTIONS")


def _production_caches() -> dict:
    """CACHES as production settings compute them from this environment, in a fresh process."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("GPAI_TEST_", "PYTEST_")) and k != "DJANGO_SETTINGS_MODULE"
    }
    env |= {
        "DJANGO_SETTINGS_MODULE": "gpai_cases.settings.production",
        "DJANGO_SECRET_KEY": "caches-check-" + "k" * 50,
    }
    code = (
        "import json, django; from django.conf import settings; "
        "print(json.dumps(settings.CACHES, default=str))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def _shape(caches: dict) -> dict:
    return {
        alias: {k: json.loads(json.dumps(conf.get(k), default=str)) for k in SHOWN}
        for alias, conf in caches.items()
    }


@pytest.mark.skipif(
    not env_bool("GPAI_TEST_FRAGMENT_CACHE", True), reason="fragment cache switched off on purpose"
)
def test_the_suite_runs_the_caches_production_runs_with():
    production = _production_caches()
    assert _shape(settings.CACHES) == _shape(production)
    assert "Dummy" not in settings.CACHES["fragments"]["BACKEND"]


@pytest.mark.skipif(
    not env_bool("GPAI_REQUIRE_REDIS", False), reason="the PostgreSQL + Redis pass of .ci/run"
)
def test_the_redis_pass_caches_in_redis_as_production_does():
    assert settings.CACHES["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    assert settings.CACHES["default"]["LOCATION"] == os.environ["REDIS_URL"]
