"""Requests for information and hearings over a moving clock: every exit — answered, lapsed,
withdrawn — and what each does to the assessment clock, the next deadline and the proposal
(docs/rules.md § requests, § right-to-be-heard). Extensions: test_extensions.py."""

from __future__ import annotations

import contextlib
import datetime

import pytest
import time_machine
from django.core.exceptions import PermissionDenied

from gpai_cases.cases import deadlines, services
from gpai_cases.cases.models import Case, CaseEvent, Claim, ClockStop, InformationRequest
from gpai_cases.cases.services import ActionRefused
from gpai_cases.cases.tasks import lapse_requests
from gpai_cases.core.schedule import PERIODIC_TASKS
from gpai_cases.letters.models import Letter, LetterKind

from ..conftest import file_draft_notification
from .helpers import actions

pytestmark = pytest.mark.django_db

D = datetime.date


def at(day: datetime.date, hour: int = 9) -> contextlib.AbstractContextManager:
    """The clock at ``hour`` UTC on ``day`` (10:00 or 11:00 in Brussels)."""
    return time_machine.travel(datetime.datetime.combine(day, datetime.time(hour), datetime.UTC))


def assessing(member, model, caseworker, *, on=datetime.date(2026, 3, 2), claims=()):
    """A notification under assessment since ``on``, with ``claims``."""
    with at(on):
        case = file_draft_notification(member, model)
        if claims:
            services.claims_file(actor=member, case=case, claims=list(claims))
        services.case_submit(actor=member, case=case)
        return services.case_take_up(actor=caseworker, case=case)


def send(caseworker, case, on, **kwargs):
    kwargs.setdefault("questions", ["Which chips?"])
    with at(on):
        return services.information_request_send(actor=caseworker, case=case, **kwargs)


def lapse_on(day: datetime.date) -> int:
    with at(day):
        return services.information_requests_lapse()


def days_used(case: Case, today: datetime.date) -> int:
    stops = ClockStop.objects.filter(case=case).values_list("started_on", "ended_on")
    return deadlines.assessment_days_used(case.assessment_started_on, today, list(stops))


# ---- lapsed ---------------------------------------------------------------------------------------


def test_a_request_due_today_lapses_only_the_day_after(member_a, model_a, caseworker):
    case = assessing(member_a, model_a, caseworker)
    request = send(caseworker, case, D(2026, 3, 10))
    assert request.due_date == D(2026, 3, 24)  # 14 days after Tue 10 Mar 2026
    assert lapse_on(D(2026, 3, 24)) == 0
    request.refresh_from_db()
    assert request.status == "open"
    assert lapse_on(D(2026, 3, 25)) == 1
    request.refresh_from_db()
    assert request.status == "lapsed" and request.lapsed_on == D(2026, 3, 25)
    assert lapse_on(D(2026, 3, 26)) == 0  # idempotent
    lapsed = CaseEvent.objects.get(case=case, action="request_lapsed")
    assert lapsed.actor is None
    assert lapsed.payload["request"] == request.pk
    assert lapsed.payload["due_date"] == "2026-03-24"
    assert lapsed.payload["lapsed_on"] == "2026-03-25"
    assert actions(case)[-2:] == ["request_lapsed", "clock_restarted"]


def test_after_a_lapse_the_clock_runs_again_from_the_day_after_the_due_date(
    member_a, model_a, caseworker
):
    case = assessing(member_a, model_a, caseworker, on=D(2026, 3, 2))
    send(caseworker, case, D(2026, 3, 10))  # due Tue 24 Mar 2026
    case.refresh_from_db()
    assert (case.next_deadline, case.next_deadline_kind) == (D(2026, 3, 24), "answer due")
    lapse_on(D(2026, 3, 25))
    stop = ClockStop.objects.get(case=case)
    assert stop.ended_on == D(2026, 3, 24)  # the stop covers 11–24 March
    # 2 → 30 March: 28 days, less the 14 days stopped
    assert days_used(case, D(2026, 3, 30)) == 14
    assert days_used(case, D(2026, 3, 25)) == 9  # the 25th counts again
    case.refresh_from_db()
    # the internal target of 90 days, plus the 14 days stopped
    assert case.next_deadline_kind == "assessment target"
    assert case.next_deadline == D(2026, 3, 2) + datetime.timedelta(days=90 + 14)
    restarted = CaseEvent.objects.get(case=case, action="clock_restarted")
    assert restarted.payload["runs_from"] == "2026-03-25"


def test_the_lapse_runs_as_an_hourly_periodic_task(member_a, model_a, caseworker):
    task, cron = PERIODIC_TASKS[
        "Lapse requests whose due date passed unanswered (hourly, before the reminders)"
    ]
    assert task == "gpai_cases.cases.tasks.lapse_requests" and cron["hour"] == "*"
    case = assessing(member_a, model_a, caseworker)
    request = send(caseworker, case, D(2026, 3, 10))
    with at(D(2026, 3, 25)):
        assert lapse_requests.apply().get() == 1
        assert lapse_requests.apply().get() == 0
    assert InformationRequest.objects.get(pk=request.pk).status == "lapsed"


def test_an_answered_request_never_lapses_and_its_stop_ends_the_day_answered(
    member_a, model_a, caseworker
):
    case = assessing(member_a, model_a, caseworker)
    request = send(caseworker, case, D(2026, 3, 10))
    with at(D(2026, 3, 20)):
        services.information_request_answer(actor=member_a, request=request, response="H100s.")
    assert lapse_on(D(2026, 4, 30)) == 0
    request.refresh_from_db()
    assert request.status == "answered"
    assert ClockStop.objects.get(case=case).ended_on == D(2026, 3, 20)


def test_a_lapsed_request_can_no_longer_be_answered(member_a, model_a, caseworker):
    case = assessing(member_a, model_a, caseworker)
    request = send(caseworker, case, D(2026, 3, 10))
    with at(D(2026, 3, 25)), pytest.raises(ActionRefused) as refused:
        # the sweep has not run yet: the period ended at midnight all the same
        services.information_request_answer(actor=member_a, request=request, response="Late.")
    assert "lapsed" in str(refused.value) and "Tue 24 Mar 2026" in str(refused.value)


def test_a_lapsed_question_allows_the_proposal(member_a, model_a, caseworker):
    case = assessing(member_a, model_a, caseworker)
    send(caseworker, case, D(2026, 3, 10))
    with at(D(2026, 3, 24)), pytest.raises(ActionRefused) as refused:
        services.decision_propose(actor=caseworker, case=case, outcome="designate", reasoning="R")
    assert "still open" in str(refused.value)
    lapse_on(D(2026, 3, 25))
    with at(D(2026, 3, 26)):
        decision = services.decision_propose(
            actor=caseworker, case=case, outcome="designate", reasoning="Not answered; R."
        )
    assert decision.case.state == "decision_proposed"


def test_a_lapsed_hearing_allows_the_adverse_proposal(caseworker, model_b):
    with at(D(2026, 5, 4)):
        case = services.case_open_ex_officio(actor=caseworker, model=model_b, basis="ex_officio")
    hearing = send(caseworker, case, D(2026, 5, 4), kind="hearing", draft_reasoning="Draft.")
    assert hearing.due_date == D(2026, 5, 18)
    with at(D(2026, 5, 18)), pytest.raises(ActionRefused) as refused:
        services.decision_propose(actor=caseworker, case=case, outcome="designate", reasoning="R")
    assert "still open" in str(refused.value)
    assert lapse_on(D(2026, 5, 19)) == 1
    with at(D(2026, 5, 19)):
        services.decision_propose(actor=caseworker, case=case, outcome="designate", reasoning="R")
    assert Case.objects.get(pk=case.pk).state == "decision_proposed"


# ---- withdrawn ------------------------------------------------------------------------------------


def test_a_caseworker_withdraws_a_request_sent_by_mistake(
    member_a, model_a, caseworker, django_capture_on_commit_callbacks
):
    case = assessing(member_a, model_a, caseworker)
    request = send(caseworker, case, D(2026, 3, 10))
    with at(D(2026, 3, 12)), django_capture_on_commit_callbacks(execute=True):
        services.information_request_withdraw(
            actor=caseworker, request=request, reason="Sent to the wrong provider."
        )
    request.refresh_from_db()
    assert request.status == "withdrawn"
    assert request.withdrawn_by == caseworker
    assert request.withdrawal_reason == "Sent to the wrong provider."
    assert ClockStop.objects.get(case=case).ended_on == D(2026, 3, 12)  # runs again on the 13th
    assert days_used(case, D(2026, 3, 20)) == 18 - 2
    event = CaseEvent.objects.get(case=case, action="request_withdrawn")
    assert event.payload["reason"] == "Sent to the wrong provider."
    assert event.payload["request"] == request.pk
    letter = Letter.objects.get(case=case, kind=LetterKind.REQUEST_WITHDRAWN)
    assert letter.information_request == request
    case.refresh_from_db()
    assert case.next_deadline_kind == "assessment target"
    assert lapse_on(D(2026, 4, 30)) == 0  # a withdrawn request does not lapse


def test_withdrawing_a_request_needs_a_caseworker_a_reason_and_an_open_request(
    member_a, model_a, caseworker, approver
):
    case = assessing(member_a, model_a, caseworker)
    request = send(caseworker, case, D(2026, 3, 10))
    for who in (member_a, approver):
        with pytest.raises(PermissionDenied):
            services.information_request_withdraw(actor=who, request=request, reason="x")
    with at(D(2026, 3, 11)), pytest.raises(ActionRefused) as refused:
        services.information_request_withdraw(actor=caseworker, request=request, reason=" ")
    assert "Give the reason for withdrawing the request." in refused.value.reasons
    with at(D(2026, 3, 11)):
        services.information_request_answer(actor=member_a, request=request, response="A.")
    with at(D(2026, 3, 12)), pytest.raises(ActionRefused) as refused:
        services.information_request_withdraw(actor=caseworker, request=request, reason="x")
    assert refused.value.reasons == ["This request was answered on Wed 11 Mar 2026."]


def test_a_withdrawn_hearing_does_not_count_as_a_hearing(member_a, model_a, caseworker):
    case = assessing(
        member_a, model_a, caseworker, claims=[{"text": "Small reach", "basis": "reach"}]
    )
    claim = Claim.objects.get(case=case)
    services.claim_review(actor=caseworker, claim=claim, review="not_substantiated", note="No.")
    hearing = send(caseworker, case, D(2026, 3, 10), kind="hearing", draft_reasoning="Draft.")
    with at(D(2026, 3, 11)):
        services.information_request_withdraw(
            actor=caseworker, request=hearing, reason="Wrong draft attached."
        )
    # even once its due date has passed, a withdrawn hearing was no hearing
    with at(D(2026, 4, 30)), pytest.raises(ActionRefused) as refused:
        services.decision_propose(actor=caseworker, case=case, outcome="designate", reasoning="R")
    assert "must first be heard" in str(refused.value)
    assert "still open" not in str(refused.value)


def test_a_hearing_answered_allows_the_adverse_proposal_and_letters_it_as_a_hearing(
    member_a, model_a, caseworker, django_capture_on_commit_callbacks
):
    case = assessing(
        member_a, model_a, caseworker, claims=[{"text": "Small reach", "basis": "reach"}]
    )
    services.claim_review(
        actor=caseworker, claim=Claim.objects.get(case=case), review="not_substantiated", note="No"
    )
    with django_capture_on_commit_callbacks(execute=True):
        hearing = send(caseworker, case, D(2026, 3, 10), kind="hearing", draft_reasoning="D.")
    assert Letter.objects.get(information_request=hearing).kind == LetterKind.HEARING
    with at(D(2026, 3, 12)):
        services.information_request_answer(actor=member_a, request=hearing, response="We object.")
        services.decision_propose(actor=caseworker, case=case, outcome="designate", reasoning="R")
    assert Case.objects.get(pk=case.pk).state == "decision_proposed"
