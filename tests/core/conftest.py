"""Fixtures of the core tests."""

from __future__ import annotations

import pytest
from django.test import override_settings

FRAGMENT_CACHE = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "d"},
    "fragments": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "f"},
}


@pytest.fixture
def fragments():
    """The fragment cache switched on (the test settings switch it off), empty."""
    from django.core.cache import caches

    with override_settings(CACHES=FRAGMENT_CACHE):
        caches["fragments"].clear()
        yield caches["fragments"]
        caches["fragments"].clear()
