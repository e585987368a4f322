"""A sample of each kind of letter is kept in docs/letters/ (a PNG of each page, made from the
PDF the tests render), so a reader sees what providers receive. ``GPAI_WRITE_LETTER_SAMPLES=1``
writes them again: ``GPAI_WRITE_LETTER_SAMPLES=1 .venv/bin/python -m pytest
tests/letters/test_letter_samples.py`` (needs pdftoppm, from poppler-utils)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from .kinds import KINDS, addressed, pdf_bytes

pytestmark = pytest.mark.django_db

SAMPLES = Path(__file__).resolve().parents[2] / "docs" / "letters"


@pytest.fixture
def w(member_a, model_a, caseworker, approver):
    addressed(model_a.provider, caseworker, approver)
    return {"member": member_a, "model": model_a, "caseworker": caseworker, "approver": approver}


@pytest.mark.parametrize("name", sorted(KINDS))
def test_a_sample_of_each_kind_is_kept_in_the_docs(w, name, tmp_path):
    letter = KINDS[name][0](w)
    if os.environ.get("GPAI_WRITE_LETTER_SAMPLES"):
        pdftoppm = shutil.which("pdftoppm")
        assert pdftoppm, "install poppler-utils to write the samples"
        pdf = tmp_path / f"{name}.pdf"
        pdf.write_bytes(pdf_bytes(letter))
        for old in SAMPLES.glob(f"{name}-*.png"):
            old.unlink()
        SAMPLES.mkdir(exist_ok=True)
        subprocess.run([pdftoppm, "-png", "-r", "70", str(pdf), str(SAMPLES / name)], check=True)
    pages = sorted(SAMPLES.glob(f"{name}-*.png"))
    assert pages, f"no sample of {name} in docs/letters/"
