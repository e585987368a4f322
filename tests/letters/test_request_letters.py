"""The letters of requests over time, rendered to PDF and read back: a hearing has its own letter;
a withdrawal, an extension and a refused extension each say what changed, the due date with its
rule, and the legal basis of the request."""

from __future__ import annotations

import datetime

import pytest
import time_machine

from gpai_cases.accounts.models import Role
from gpai_cases.cases import services
from gpai_cases.letters.models import Letter, LetterKind

from ..factories import UserFactory
from .test_letters import pdf_text

pytestmark = pytest.mark.django_db

D = datetime.date


def at(day: datetime.date):
    return time_machine.travel(datetime.datetime.combine(day, datetime.time(9), datetime.UTC))


@pytest.fixture
def rossi(db):
    return UserFactory(
        role=Role.CASEWORKER, email="c.rossi@ai-office.example", full_name="C. Rossi"
    )


@pytest.fixture
def question(assessing_a, rossi, django_capture_on_commit_callbacks):
    with at(D(2026, 12, 1)), django_capture_on_commit_callbacks(execute=True):
        return services.information_request_send(
            actor=rossi, case=assessing_a, questions=["Which chips?"]
        )


def letter(request, kind) -> str:
    return pdf_text(Letter.objects.get(information_request=request, kind=kind))


def test_a_hearing_has_its_own_letter_with_the_draft_reasoning_and_the_time_to_comment(
    assessing_a, rossi, django_capture_on_commit_callbacks
):
    with at(D(2026, 12, 1)), django_capture_on_commit_callbacks(execute=True):
        hearing = services.information_request_send(
            actor=rossi,
            case=assessing_a,
            kind="hearing",
            draft_reasoning="We intend to designate the model.",
            draft_outcome="designate",
        )
    text = letter(hearing, LetterKind.HEARING)
    assert "Hearing on a draft decision" in text
    assert "We intend to designate the model." in text
    assert "Time to comment" in text and "Tuesday 15 December 2026, 23:59 Brussels time" in text
    assert "Article 41(2)(a) of the Charter" in text
    assert not Letter.objects.filter(kind=LetterKind.INFORMATION_REQUEST).exists()


def test_a_request_letter_cites_its_legal_basis(question):
    text = letter(question, LetterKind.INFORMATION_REQUEST)
    assert "Article 91 of Regulation (EU) 2024/1689" in text


def test_the_withdrawal_letter_gives_the_reason_and_says_no_answer_is_needed(
    question, rossi, django_capture_on_commit_callbacks
):
    with at(D(2026, 12, 3)), django_capture_on_commit_callbacks(execute=True):
        services.information_request_withdraw(
            actor=rossi, request=question, reason="Sent to the wrong provider."
        )
    text = letter(question, LetterKind.REQUEST_WITHDRAWN)
    assert "Withdrawal of a request for information" in text
    assert "On Thursday 3 December 2026 the AI Office withdrew" in text
    assert "Sent to the wrong provider." in text and "You need not answer it." in text
    assert "Article 91 of Regulation (EU) 2024/1689" in text


def test_the_extension_letter_gives_the_new_due_date_with_its_rule(
    question, rossi, django_capture_on_commit_callbacks
):
    with at(D(2026, 12, 3)), django_capture_on_commit_callbacks(execute=True):
        services.information_request_extend(
            actor=rossi, request=question, due_date=D(2026, 12, 19), reason="Complex questions."
        )
    text = letter(question, LetterKind.DUE_DATE_EXTENDED)
    assert "Extension of a due date" in text and "Of its own motion" in text
    assert "Tuesday 15 December 2026" in text  # the previous due date
    assert "Monday 21 December 2026, 23:59 Brussels time" in text
    assert "Due date extended by C. Rossi: Sat 19 Dec 2026, not a working day" in text
    assert "Complex questions." in text and "Article 91" in text


def test_the_letters_on_the_providers_request_for_more_time_granted_or_refused(
    question, rossi, member_a, django_capture_on_commit_callbacks
):
    with at(D(2026, 12, 8)):
        asked = services.extension_request(
            actor=member_a, request=question, reason="Team away.", proposed_due_date=D(2027, 1, 8)
        )
    with at(D(2026, 12, 9)), django_capture_on_commit_callbacks(execute=True):
        services.extension_refuse(actor=rossi, extension=asked, note="The questions are short.")
    refused = letter(question, LetterKind.EXTENSION_REFUSED)
    assert "Refusal of an extension" in refused
    assert "You asked on 8 December 2026 for more time" in refused
    assert "until Friday 8 January 2027" in refused
    assert "The questions are short." in refused
    assert "The due date stays Tuesday 15 December 2026" in refused
    with at(D(2026, 12, 10)):
        again = services.extension_request(
            actor=member_a, request=question, reason="Still away.", proposed_due_date=D(2027, 1, 8)
        )
    with at(D(2026, 12, 11)), django_capture_on_commit_callbacks(execute=True):
        services.extension_grant(actor=rossi, extension=again, due_date=D(2026, 12, 22))
    granted = letter(question, LetterKind.DUE_DATE_EXTENDED)
    assert "You asked on 10 December 2026" in granted
    assert "grants your request, with the due date below" in granted
    assert "Tuesday 22 December 2026, 23:59 Brussels time" in granted
    assert "extended on the provider's request by C. Rossi" in granted
