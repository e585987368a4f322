"""Crashes leave no loose ends: a letter requested while the broker is down is queued by the next
sweep (every minute) without waiting; a render whose worker died is queued again after 90 s; a
render that crashed leaves no file, and files no document records are removed."""

from __future__ import annotations

import datetime
import os
import time
from pathlib import Path
from unittest import mock

import pytest
from django.conf import settings
from django.utils import timezone

from gpai_cases.cases import services
from gpai_cases.documents.cleanup import orphan_files_remove
from gpai_cases.documents.models import Document
from gpai_cases.letters import services as letters
from gpai_cases.letters.models import Letter, LetterStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def broker_down():
    with mock.patch.object(letters, "queue_or", return_value=False) as down:
        yield down


def test_a_letter_requested_while_the_broker_is_down_is_queued_by_the_next_sweep(
    draft_a, member_a, broker_down
):
    services.case_submit(actor=member_a, case=draft_a)
    letter = Letter.objects.get(case=draft_a)
    assert letter.status == LetterStatus.PENDING and letter.queued_at is None
    broker_down.return_value = True  # the broker is back
    assert letters.letters_queue_missing() == 1
    assert Letter.objects.get(pk=letter.pk).queued_at is not None
    assert letters.letters_queue_missing() == 0  # queued: not again


@pytest.mark.parametrize(
    ("queued_ago", "started_ago", "again"),
    [
        (10, None, False),  # queued, waiting for a worker
        (6 * 60, None, True),  # queued long ago and never begun: the message was lost
        (120, 30, False),  # being rendered
        (300, 120, True),  # begun two minutes ago and never finished: the worker died
    ],
)
def test_a_pending_letter_is_queued_again_only_when_it_was_lost(
    draft_a, member_a, broker_down, queued_ago, started_ago, again
):
    services.case_submit(actor=member_a, case=draft_a)
    now = timezone.now()
    Letter.objects.filter(case=draft_a).update(
        queued_at=now - datetime.timedelta(seconds=queued_ago),
        render_started_at=now - datetime.timedelta(seconds=started_ago) if started_ago else None,
    )
    assert letters.letters_queue_missing() == int(again)


def test_a_render_that_crashes_before_its_row_is_saved_leaves_no_file(submitted_a):
    before = {p for p in Path(settings.MEDIA_ROOT).rglob("*") if p.is_file()}
    pending = Letter.objects.create(
        case=submitted_a, kind="acknowledgement", sequence=9, reference="X/L09", trigger_key="t9"
    )
    with (
        mock.patch.object(Document, "save", side_effect=KeyboardInterrupt),
        pytest.raises(KeyboardInterrupt),
    ):
        letters.letter_render(letter_id=pending.pk)
    after = {p for p in Path(settings.MEDIA_ROOT).rglob("*") if p.is_file()}
    assert after == before


def test_files_that_no_document_records_are_removed_once_old(submitted_a):
    kept = Document.objects.filter(case=submitted_a).first()
    folder = Path(settings.MEDIA_ROOT) / "documents" / str(submitted_a.pk)
    folder.mkdir(parents=True, exist_ok=True)
    orphan, fresh = folder / "orphan.pdf", folder / "fresh.pdf"
    orphan.write_bytes(b"%PDF-1.4 left by a killed worker")
    fresh.write_bytes(b"%PDF-1.4 being written right now")
    an_hour_ago = time.time() - 3600
    os.utime(orphan, (an_hour_ago, an_hour_ago))
    os.utime(Path(kept.file.path), (an_hour_ago, an_hour_ago))
    removed = orphan_files_remove()
    assert f"documents/{submitted_a.pk}/orphan.pdf" in removed
    assert not orphan.exists() and fresh.exists()
    assert Path(kept.file.path).exists()
