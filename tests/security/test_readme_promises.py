"""The README's security section holds: each test it names exists, and its cookie statement is
what the production settings do."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
README = (ROOT / "README.md").read_text()
SECTION = README.split("## Security model")[1].split("\n## ")[0]


def test_every_test_the_security_section_names_exists():
    named = set(re.findall(r"`((?:[a-z_]+/)*test_[a-z_]+\.py)`", SECTION))
    assert len(named) >= 20
    missing = sorted(n for n in named if not (ROOT / "tests" / n).exists())
    assert missing == []


def test_the_cookie_statement_matches_the_production_settings():
    assert "the session cookie is `Secure` and `HttpOnly`" in SECTION
    assert "the CSRF cookie is `Secure` but not `HttpOnly`" in SECTION
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env.update(
        DJANGO_SETTINGS_MODULE="gpai_cases.settings.production",
        DJANGO_SECRET_KEY="x" * 50,
        DJANGO_ALLOWED_HOSTS="gpai-cases.example.eu",
    )
    probe = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.conf import settings as s; "
            "print(s.SESSION_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY, s.CSRF_COOKIE_SECURE, "
            "s.CSRF_COOKIE_HTTPONLY)",
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
    )
    assert probe.stdout.split() == ["True", "True", "True", "False"], probe.stderr
