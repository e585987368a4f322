"""Uploads are accepted by content, refused with a clear message, and never written outside the
media root."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile

from gpai_cases.cases import services
from gpai_cases.documents.models import Document
from gpai_cases.documents.validation import UploadRefused, clean_filename

from ..conftest import PDF_BYTES

pytestmark = pytest.mark.django_db


def upload(actor, case, name: str, content: bytes):
    return services.document_add(
        actor=actor, case=case, uploaded_file=SimpleUploadedFile(name, content)
    )


def xlsx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/workbook.xml", "<workbook/>")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("evidence.pdf", PDF_BYTES, "application/pdf"),
        ("notes.txt", b"Training ran for 90 days on 10,000 H100.\n", "text/plain"),
        ("phases.csv", b"phase,chips,days\npre-training,10000,90\nrl,2000,10\n", "text/csv"),
        ("compute.json", json.dumps({"flop": "3.2e25"}).encode(), "application/json"),
        (
            "compute.xlsx",
            xlsx_bytes(),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
    ],
)
def test_accepted_types_are_recognised_by_content(draft_a, member_a, name, content, content_type):
    document = upload(member_a, draft_a, name, content)
    assert document.content_type == content_type
    assert len(document.sha256) == 64
    assert document.size == len(content)


def test_a_renamed_executable_is_refused_naming_the_file(draft_a, member_a):
    elf = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 200
    with pytest.raises(UploadRefused, match=r"“report\.pdf” is not an accepted type"):
        upload(member_a, draft_a, "report.pdf", elf)
    windows = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 100
    with pytest.raises(UploadRefused, match="not an accepted type"):
        upload(member_a, draft_a, "data.csv", windows)


def test_an_empty_file_is_refused(draft_a, member_a):
    with pytest.raises(UploadRefused, match="is empty"):
        upload(member_a, draft_a, "empty.pdf", b"")


def test_an_oversized_file_is_refused(draft_a, member_a, settings):
    settings.GPAI_UPLOAD_MAX_BYTES = 1024
    with pytest.raises(UploadRefused, match="larger than the"):
        upload(member_a, draft_a, "big.pdf", PDF_BYTES + b"0" * 2048)


def test_a_zip_bomb_is_refused(draft_a, member_a):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("zeros.bin", b"\x00" * (20 * 1024 * 1024))  # 20 MB of zeros → ~20 kB
    with pytest.raises(UploadRefused, match="zip bomb"):
        upload(member_a, draft_a, "evidence.zip", buffer.getvalue())


def test_a_damaged_zip_is_refused(draft_a, member_a):
    with pytest.raises(UploadRefused, match="not a readable ZIP"):
        upload(member_a, draft_a, "evidence.zip", b"PK\x03\x04garbage")


@pytest.mark.parametrize(
    "name",
    [
        "../../../etc/passwd.pdf",
        "..\\..\\windows\\evil.pdf",
        "/abs/path.pdf",
        "bad\x00name\x07.pdf",
        "line\nbreak.pdf",
    ],
)
def test_filenames_with_paths_or_control_characters_are_cleaned_and_stay_in_the_media_root(
    draft_a, member_a, name
):
    document = upload(member_a, draft_a, name, PDF_BYTES)
    assert "/" not in document.original_name and "\\" not in document.original_name
    assert all(ch.isprintable() for ch in document.original_name)
    stored = Path(document.file.path).resolve()
    assert stored.is_relative_to(Path(settings.MEDIA_ROOT).resolve())
    assert stored.read_bytes() == PDF_BYTES


def test_clean_filename_keeps_a_readable_name():
    assert clean_filename("../../x/Compute Log (v2).pdf") == "Compute Log (v2).pdf"
    assert clean_filename("\x00\x01") == "upload"


def test_a_refused_upload_writes_nothing(draft_a, member_a):
    before = Document.objects.count()
    with pytest.raises(UploadRefused):
        upload(member_a, draft_a, "x.pdf", b"\x7fELF" + b"\x00" * 10)
    assert Document.objects.count() == before


def test_a_document_is_never_overwritten_or_deleted(draft_a, member_a):
    from gpai_cases.documents.models import ImmutableError

    document = upload(member_a, draft_a, "a.pdf", PDF_BYTES)
    document.title = "changed"
    with pytest.raises(ImmutableError):
        document.save()
    with pytest.raises(ImmutableError):
        document.delete()
