"""The catalogues: complete for English, French and German, and compiled as committed.

``msgfmt --check`` (gettext) must count no untranslated and no fuzzy entry, and the committed .mo
must be what msgfmt makes of the .po (a machine without gettext serves the committed file).
``make messages`` rewrites both after strings change.
"""

from __future__ import annotations

import subprocess
from pathlib import Path
from shutil import which

import pytest

LOCALE = Path(__file__).resolve().parents[2] / "locale"
COMPLETE = ["en", "fr", "de"]


@pytest.mark.skipif(which("msgfmt") is None, reason="gettext's msgfmt is not installed")
@pytest.mark.parametrize("language", COMPLETE)
def test_the_catalogue_is_complete_and_compiled(language: str, tmp_path: Path):
    po = LOCALE / language / "LC_MESSAGES" / "django.po"
    result = subprocess.run(
        ["msgfmt", "--check", "--statistics", "-o", str(tmp_path / "django.mo"), str(po)],  # noqa: S607
        capture_output=True,
        text=True,
        check=True,
    )
    assert "untranslated" not in result.stderr and "fuzzy" not in result.stderr, result.stderr
    committed = (LOCALE / language / "LC_MESSAGES" / "django.mo").read_bytes()
    assert committed == (tmp_path / "django.mo").read_bytes(), "run: make messages"


def test_the_three_catalogues_hold_the_same_strings():
    from .pseudo import read_po

    ids = {
        language: {m for m, _ in read_po(LOCALE / language / "LC_MESSAGES" / "django.po")}
        for language in COMPLETE
    }
    assert ids["fr"] == ids["en"] and ids["de"] == ids["en"], "run: make messages"
