"""Letters: produced once per event, rendered to PDF, read back, never lost when the broker is down."""

from __future__ import annotations

import datetime
import io
from unittest import mock

import pytest
import time_machine
from celery.exceptions import Retry
from pypdf import PdfReader

from gpai_cases.cases import services
from gpai_cases.cases.models import CaseEvent, Claim
from gpai_cases.documents.models import Document
from gpai_cases.letters import services as letter_services
from gpai_cases.letters.models import Letter, LetterStatus
from gpai_cases.letters.rendering import LocalOnlyFetcher

from ..conftest import file_draft_notification

pytestmark = pytest.mark.django_db


def pdf_text(letter: Letter) -> str:
    letter.refresh_from_db()
    assert letter.status == LetterStatus.RENDERED, letter.last_error
    with letter.document.file.open("rb") as fh:
        reader = PdfReader(io.BytesIO(fh.read()))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def test_submission_produces_an_acknowledgement_with_time_and_hashes(
    draft_a, member_a, django_capture_on_commit_callbacks
):
    with (
        time_machine.travel(datetime.datetime(2026, 3, 10, 9, 30, tzinfo=datetime.UTC)),
        django_capture_on_commit_callbacks(execute=True),
    ):
        case = services.case_submit(actor=member_a, case=draft_a)
    letter = Letter.objects.get(case=case)
    text = pdf_text(letter)
    assert letter.reference == f"{case.reference}/L01"
    assert letter.reference in text
    assert "Alpha Labs SE" in text  # addressee
    assert "Acknowledgement of receipt" in text
    assert "Tuesday 10 March 2026, 10:30" in text  # Brussels time
    evidence = case.documents.get(kind="evidence")
    assert evidence.sha256 in text.replace(" ", "")
    assert "Page 1 of" in text
    assert letter.document.sha256 and letter.document.content_type == "application/pdf"
    assert CaseEvent.objects.filter(case=case, action="letter_issued").count() == 1


def test_a_designation_decision_letter_states_outcome_reasoning_basis_and_dates(
    assessing_a, caseworker, approver, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.decision_propose(
            actor=caseworker,
            case=assessing_a,
            outcome="designate",
            reasoning="Compute of 3.2e25 FLOP.",
        )
        with time_machine.travel(datetime.datetime(2026, 1, 31, 9, tzinfo=datetime.UTC)):
            decision = services.decision_approve(actor=approver, case=assessing_a)
    letter = Letter.objects.get(decision=decision)
    text = pdf_text(letter)
    assert "is designated as a general-purpose AI model with systemic risk" in text
    # no reasoning drafted: the generated draft, in prose (the proposal's own field stays internal)
    assert "Compute of 3.2e25 FLOP." not in text
    assert "The Commission therefore designates Alpha-1 2026-01" in text
    assert "since Monday 2 March 2026" in text  # the trigger date
    assert "Articles 51(1)(a), 51(2) and 52(1)" in text
    assert "Saturday 31 January 2026" in text  # decided on
    assert "Saturday 1 August 2026" in text  # earliest reassessment


def test_a_decision_rejecting_the_arguments_lists_the_claims_found_not_substantiated(
    member_a, model_a, caseworker, approver, django_capture_on_commit_callbacks
):
    case = file_draft_notification(member_a, model_a)
    services.claims_file(
        actor=member_a,
        case=case,
        claims=[
            {"text": "Scores below the frontier", "basis": "capability"},
            {"text": "Access is restricted", "basis": "mitigation"},
        ],
    )
    services.case_submit(actor=member_a, case=case)
    services.case_take_up(actor=caseworker, case=case)
    hearing = services.information_request_send(
        actor=caseworker, case=case, kind="hearing", draft_reasoning="Draft."
    )
    services.information_request_answer(actor=member_a, request=hearing, response="No.")
    capability, mitigation = Claim.objects.filter(case=case).order_by("pk")
    services.claim_review(actor=caseworker, claim=capability, review="substantiated", note="Ok.")
    services.claim_review(
        actor=caseworker, claim=mitigation, review="not_substantiated", note="Not a valid ground."
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.decision_propose(
            actor=caseworker, case=case, outcome="designate", reasoning="Rejected."
        )
        decision = services.decision_approve(actor=approver, case=case)
    text = pdf_text(Letter.objects.get(decision=decision))
    # each claim once, quoted whole, with the Commission's finding; never the internal note
    assert text.count("Access is restricted") == 1
    assert "The Commission finds this argument not substantiated." in text
    assert "Not a valid ground." not in text
    assert text.count("Scores below the frontier") == 1
    assert "The Commission finds this argument substantiated." in text


def test_a_hearing_letter_carries_the_draft_reasoning_and_due_date(
    assessing_a, caseworker, django_capture_on_commit_callbacks
):
    with (
        time_machine.travel(datetime.datetime(2026, 4, 20, 9, tzinfo=datetime.UTC)),
        django_capture_on_commit_callbacks(execute=True),
    ):
        request = services.information_request_send(
            actor=caseworker,
            case=assessing_a,
            kind="hearing",
            draft_reasoning="We intend to designate.",
        )
    text = pdf_text(Letter.objects.get(information_request=request))
    assert "Right to be heard" in text
    assert "We intend to designate." in text
    assert "Monday 4 May 2026" in text


def test_an_ex_officio_notice_is_sent(caseworker, model_b, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        case = services.case_open_ex_officio(
            actor=caseworker, model=model_b, basis="scientific_panel_alert", alert_reference="SP-9"
        )
    text = pdf_text(Letter.objects.get(case=case))
    assert "Notice of a procedure under Article 52(4)" in text
    assert "SP-9" in text
    assert "Beta Intelligence Inc." in text


def test_a_maintained_designation_letter_gives_the_next_earliest_date(
    assessing_a, member_a, caseworker, approver, django_capture_on_commit_callbacks
):
    from ..conftest import pdf_upload

    with time_machine.travel(datetime.datetime(2026, 9, 15, 9, tzinfo=datetime.UTC)):
        services.decision_propose(
            actor=caseworker, case=assessing_a, outcome="designate", reasoning="R"
        )
        services.decision_approve(actor=approver, case=assessing_a)
    designation = assessing_a.resulting_designation
    with time_machine.travel(datetime.datetime(2027, 3, 16, 9, tzinfo=datetime.UTC)):
        case = services.case_create_reassessment(
            actor=member_a, designation=designation, reasons="New"
        )
        services.document_add(actor=member_a, case=case, uploaded_file=pdf_upload())
        services.case_submit(actor=member_a, case=case)
        services.case_take_up(actor=caseworker, case=case)
        services.decision_propose(
            actor=caseworker, case=case, outcome="maintain", reasoning="Still."
        )
        with django_capture_on_commit_callbacks(execute=True):
            decision = services.decision_approve(actor=approver, case=case)
    text = pdf_text(Letter.objects.get(decision=decision))
    assert "Maintain the designation" in text
    assert "Friday 17 September 2027" in text  # six months after 16 Mar 2027 end 16 Sep; next day


def test_a_letter_is_requested_and_rendered_only_once_per_event(
    draft_a, member_a, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        case = services.case_submit(actor=member_a, case=draft_a)
    letter = Letter.objects.get(case=case)
    again = letter_services.letter_request(
        case=case, kind="acknowledgement", trigger_key=letter.trigger_key
    )
    assert again.pk == letter.pk
    letter_services.letter_render(letter_id=letter.pk)  # a duplicate message / retry
    assert Letter.objects.filter(case=case).count() == 1
    assert Document.objects.filter(case=case, kind="letter").count() == 1


def test_broker_down_at_submission_keeps_the_submission_and_the_sweep_issues_the_letter(
    draft_a, member_a, django_capture_on_commit_callbacks
):
    from gpai_cases.letters.tasks import render_letter

    with (
        mock.patch.object(render_letter, "delay", side_effect=OSError("Connection refused")),
        django_capture_on_commit_callbacks(execute=True),
    ):
        case = services.case_submit(actor=member_a, case=draft_a)
    case.refresh_from_db()
    assert case.state == "submitted"
    letter = Letter.objects.get(case=case)
    assert letter.status == LetterStatus.PENDING
    assert letter_services.letters_queue_missing(older_than=datetime.timedelta(0)) == 1
    letter.refresh_from_db()
    assert letter.status == LetterStatus.RENDERED
    assert letter_services.letters_queue_missing(older_than=datetime.timedelta(0)) == 0


def test_a_letter_that_keeps_failing_is_marked_failed_and_can_be_regenerated(
    draft_a, member_a, caseworker, django_capture_on_commit_callbacks
):
    from gpai_cases.letters.tasks import render_letter

    with mock.patch("gpai_cases.letters.rendering.HTML", side_effect=RuntimeError("font missing")):
        with django_capture_on_commit_callbacks(execute=True):
            services.case_submit(actor=member_a, case=draft_a)  # the submission itself succeeds
        letter = Letter.objects.get(case=draft_a)
        assert (letter.status, letter.attempts) == (LetterStatus.PENDING, 1)  # retry scheduled
        for retries in (1, 2):  # what the worker runs after each backoff
            with pytest.raises(Retry):
                render_letter.apply(args=[letter.pk], retries=retries)
        with pytest.raises(RuntimeError, match="font missing"):  # the last retry gives up
            render_letter.apply(args=[letter.pk], retries=3)
    letter.refresh_from_db()
    assert letter.status == LetterStatus.FAILED
    assert letter.attempts == 4  # first try + 3 retries
    assert "font missing" in letter.last_error
    assert not Document.objects.filter(case=draft_a, kind="letter").exists()
    with django_capture_on_commit_callbacks(execute=True):
        letter_services.letter_regenerate(actor=caseworker, letter=letter)
    letter.refresh_from_db()
    assert letter.status == LetterStatus.RENDERED


def test_only_caseworkers_regenerate_letters(draft_a, member_a):
    letter = Letter(
        case=draft_a, kind="acknowledgement", sequence=1, reference="x", trigger_key="x"
    )
    with pytest.raises(Exception, match="caseworker"):
        letter_services.letter_regenerate(actor=member_a, letter=letter)


def test_rendering_never_fetches_from_the_network():
    fetcher = LocalOnlyFetcher()
    with pytest.raises(ValueError, match="only use files under static"):
        fetcher.fetch("https://fonts.example.com/font.ttf")
    with pytest.raises(ValueError):
        fetcher.fetch("file:///etc/passwd")


def test_the_second_letter_of_a_case_gets_the_next_sequence(
    assessing_a, caseworker, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        request = services.information_request_send(
            actor=caseworker, case=assessing_a, questions=["Q"]
        )
    letters = list(Letter.objects.filter(case=assessing_a).order_by("sequence"))
    assert [(x.kind, x.sequence) for x in letters] == [
        ("acknowledgement", 1),
        ("information_request", 2),
    ]
    assert letters[1].information_request == request
    assert letters[1].reference.endswith("/L02")
