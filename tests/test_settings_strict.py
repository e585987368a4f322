"""An environment boolean with an unknown spelling stops start-up with an error naming the
variable: a mistyped GPAI_REQUIRE_SECOND_FACTOR must never mean "off"."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured

from gpai_cases.settings.base import env_bool


def _start(**env: str) -> subprocess.CompletedProcess[str]:
    environ = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    environ.update(DJANGO_SETTINGS_MODULE="gpai_cases.settings.base", **env)
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        env=environ,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_a_mistyped_second_factor_switch_stops_start_up_naming_the_variable():
    started = _start(GPAI_REQUIRE_SECOND_FACTOR="ture")
    assert started.returncode != 0
    assert "ImproperlyConfigured" in started.stderr
    assert "GPAI_REQUIRE_SECOND_FACTOR='ture' is not a boolean" in started.stderr


@pytest.mark.parametrize(
    ("value", "expected"),
    [("1", True), ("TRUE", True), (" yes ", True), ("on", True), ("0", False), ("off", False)],
)
def test_known_spellings_are_read(monkeypatch, value, expected):
    monkeypatch.setenv("GPAI_X", value)
    assert env_bool("GPAI_X", not expected) is expected


@pytest.mark.parametrize("value", ["ture", "2", "enabled", "nein"])
def test_unknown_spellings_are_refused(monkeypatch, value):
    monkeypatch.setenv("GPAI_X", value)
    with pytest.raises(ImproperlyConfigured, match="GPAI_X"):
        env_bool("GPAI_X", True)


def test_an_unset_or_empty_variable_takes_the_default(monkeypatch):
    monkeypatch.delenv("GPAI_X", raising=False)
    assert env_bool("GPAI_X", True) is True
    monkeypatch.setenv("GPAI_X", "")
    assert env_bool("GPAI_X", False) is False
