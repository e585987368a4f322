"""A database error in the middle of a transition leaves no state change, no orphan event, no
orphan letter and no orphan document."""

from __future__ import annotations

from pathlib import Path
from unittest import mock

import pytest
from django.conf import settings
from django.db import DatabaseError

from gpai_cases.cases import audit, services
from gpai_cases.cases.models import Case, CaseEvent, Decision, Designation
from gpai_cases.documents.models import Document
from gpai_cases.letters.models import Letter

from ..conftest import pdf_upload

pytestmark = pytest.mark.django_db


def fail_on(action: str):
    real = audit.record

    def record(**kwargs):
        if str(kwargs["action"]) == action:
            raise DatabaseError("connection lost")
        return real(**kwargs)

    return mock.patch.object(audit, "record", side_effect=record)


def test_a_failed_submission_changes_nothing(draft_a, member_a):
    events = CaseEvent.objects.filter(case=draft_a).count()
    with fail_on("submitted"), pytest.raises(DatabaseError):
        services.case_submit(actor=member_a, case=draft_a)
    case = Case.objects.get(pk=draft_a.pk)
    assert case.state == "draft" and case.submitted_at is None
    assert CaseEvent.objects.filter(case=draft_a).count() == events
    assert not Letter.objects.filter(case=draft_a).exists()


def test_a_failed_approval_leaves_no_decision_and_no_designation(assessing_a, caseworker, approver):
    services.decision_propose(
        actor=caseworker, case=assessing_a, outcome="designate", reasoning="R"
    )
    with fail_on("designation_changed"), pytest.raises(DatabaseError):
        services.decision_approve(actor=approver, case=assessing_a)
    assert Case.objects.get(pk=assessing_a.pk).state == "decision_proposed"
    assert Decision.objects.get(case=assessing_a).status == "proposed"
    assert not Designation.objects.exists()
    assert not CaseEvent.objects.filter(case=assessing_a, action="decision_approved").exists()
    services.decision_approve(actor=approver, case=assessing_a)  # and it can be done again
    assert Designation.objects.count() == 1


def test_a_failed_upload_leaves_no_row_and_no_file(draft_a, member_a):
    files_before = {p for p in Path(settings.MEDIA_ROOT).rglob("*") if p.is_file()}
    rows_before = Document.objects.count()
    with fail_on("document_uploaded"), pytest.raises(DatabaseError):
        services.document_add(actor=member_a, case=draft_a, uploaded_file=pdf_upload())
    assert Document.objects.count() == rows_before
    files_after = {p for p in Path(settings.MEDIA_ROOT).rglob("*") if p.is_file()}
    assert files_after == files_before
