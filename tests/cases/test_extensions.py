"""Extensions of a request's due date over a moving clock — of the AI Office's own motion, on the
provider's reasoned request granted or refused — and due dates a caseworker types, which follow
Reg. 1182/71 (docs/rules.md § requests, § periods)."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from gpai_cases.accounts.models import Role
from gpai_cases.cases import services
from gpai_cases.cases.models import CaseEvent, ClockStop, InformationRequest, RequestExtension
from gpai_cases.cases.services import ActionRefused
from gpai_cases.letters.models import Letter, LetterKind

from ..conftest import file_draft_notification
from ..factories import UserFactory
from .test_requests_over_time import D, assessing, at, lapse_on, send

pytestmark = pytest.mark.django_db


@pytest.fixture
def rossi(db):
    return UserFactory(
        role=Role.CASEWORKER, email="c.rossi@ai-office.example", full_name="C. Rossi"
    )


@pytest.fixture
def case(member_a, model_a, rossi):
    return assessing(member_a, model_a, rossi, on=D(2026, 11, 30))


# ---- typed due dates ------------------------------------------------------------------------------


def test_a_typed_due_date_on_a_saturday_moves_to_the_monday(case, rossi):
    request = send(rossi, case, D(2026, 12, 1), due_date=D(2026, 12, 12))
    assert request.due_date_set == D(2026, 12, 12)
    assert request.due_date == D(2026, 12, 14)
    assert request.period_days is None
    assert str(request.due_rule).startswith(
        "Due date set by C. Rossi: Sat 12 Dec 2026, not a working day"
    )
    assert str(request.due_rule).endswith("→ Mon 14 Dec 2026")
    case.refresh_from_db()
    assert case.next_deadline == D(2026, 12, 14)


def test_a_typed_due_date_on_24_december_moves_past_the_commission_holidays(case, rossi):
    request = send(rossi, case, D(2026, 12, 1), due_date=D(2026, 12, 24))
    # 24–31 Dec and 1–2 Jan are Commission holidays, 3 Jan 2027 a Sunday
    assert request.due_date == D(2027, 1, 4)
    assert "Thu 24 Dec 2026, not a working day (a public holiday" in request.due_rule
    assert str(request.due_rule).endswith("→ Mon 4 Jan 2027")


def test_a_typed_period_of_two_days_or_more_has_two_working_days(case, rossi):
    # sent Fri 11 Dec, due Mon 14 Dec: Sat and Sun count, but only one working day is inside
    request = send(rossi, case, D(2026, 12, 11), due_date=D(2026, 12, 14))
    assert request.due_date == D(2026, 12, 15)
    assert "at least two working days" in request.due_rule


def test_a_typed_working_day_stays_as_typed(case, rossi):
    request = send(rossi, case, D(2026, 12, 1), due_date=D(2026, 12, 15))
    assert request.due_date == D(2026, 12, 15)
    assert request.due_rule == "Due date set by C. Rossi: Tue 15 Dec 2026"


# ---- of the AI Office's own motion ----------------------------------------------------------------


def test_an_extension_of_own_motion_recomputes_the_due_date_and_the_next_deadline(
    case, rossi, django_capture_on_commit_callbacks
):
    request = send(rossi, case, D(2026, 12, 1))
    assert request.due_date == D(2026, 12, 15)
    with at(D(2026, 12, 10)), django_capture_on_commit_callbacks(execute=True):
        extension = services.information_request_extend(
            actor=rossi, request=request, due_date=D(2026, 12, 19), reason="Complex questions."
        )
    request.refresh_from_db()
    assert (request.due_date_set, request.due_date) == (D(2026, 12, 19), D(2026, 12, 21))
    assert str(request.due_rule).startswith("Due date extended by C. Rossi: Sat 19 Dec 2026")
    assert request.period_days is None
    assert extension.status == "granted" and extension.origin == "own_motion"
    assert (extension.old_due_date, extension.new_due_date) == (D(2026, 12, 15), D(2026, 12, 21))
    case.refresh_from_db()
    assert case.next_deadline == D(2026, 12, 21)
    assert ClockStop.objects.get(case=case).ended_on is None  # the stop stays open
    event = CaseEvent.objects.get(case=case, action="due_date_extended")
    assert (event.payload["old"], event.payload["new"]) == ("2026-12-15", "2026-12-21")
    assert event.payload["request"] == request.pk
    letter = Letter.objects.get(case=case, kind=LetterKind.DUE_DATE_EXTENDED)
    assert letter.information_request == request
    assert lapse_on(D(2026, 12, 16)) == 0  # the old due date no longer counts
    assert lapse_on(D(2026, 12, 22)) == 1


def test_only_an_open_request_is_extended_to_a_later_date(case, rossi, member_a):
    request = send(rossi, case, D(2026, 12, 1))
    with at(D(2026, 12, 2)), pytest.raises(ActionRefused) as refused:
        services.information_request_extend(
            actor=rossi, request=request, due_date=D(2026, 12, 10), reason="R"
        )
    assert refused.value.reasons == [
        "The new due date must be later than the current one, Tue 15 Dec 2026."
    ]
    with pytest.raises(PermissionDenied):
        services.information_request_extend(
            actor=member_a, request=request, due_date=D(2026, 12, 30), reason="R"
        )
    with at(D(2026, 12, 3)):
        services.information_request_answer(actor=member_a, request=request, response="A.")
    with at(D(2026, 12, 4)), pytest.raises(ActionRefused) as refused:
        services.information_request_extend(
            actor=rossi, request=request, due_date=D(2026, 12, 30), reason="R"
        )
    assert "answered" in str(refused.value)


def test_a_lapsed_request_cannot_be_extended(case, rossi):
    request = send(rossi, case, D(2026, 12, 1))
    with at(D(2026, 12, 16)), pytest.raises(ActionRefused) as refused:
        services.information_request_extend(
            actor=rossi, request=request, due_date=D(2026, 12, 30), reason="R"
        )
    assert "lapsed" in str(refused.value)


# ---- on the provider's request --------------------------------------------------------------------


def ask(member, request, on, until, reason="Our compute team is on leave."):
    with at(on):
        return services.extension_request(
            actor=member, request=request, reason=reason, proposed_due_date=until
        )


def test_the_provider_asks_for_more_time_and_the_caseworker_grants_the_date_asked(
    case, rossi, member_a, django_capture_on_commit_callbacks
):
    request = send(rossi, case, D(2026, 12, 1))
    asked = ask(member_a, request, D(2026, 12, 8), D(2027, 1, 8))
    assert asked.status == "pending" and asked.origin == "provider_request"
    assert CaseEvent.objects.get(case=case, action="extension_requested").payload["extension"] == (
        asked.pk
    )
    with at(D(2026, 12, 9)), django_capture_on_commit_callbacks(execute=True):
        services.extension_grant(actor=rossi, extension=asked)
    request.refresh_from_db()
    assert request.due_date == D(2027, 1, 8)
    assert request.due_rule == (
        "Due date extended on the provider's request by C. Rossi: Fri 8 Jan 2027"
    )
    asked.refresh_from_db()
    assert asked.status == "granted" and asked.decided_by == rossi
    assert Letter.objects.get(case=case, kind=LetterKind.DUE_DATE_EXTENDED)


def test_the_caseworker_grants_another_date_than_the_one_asked(case, rossi, member_a):
    request = send(rossi, case, D(2026, 12, 1))
    asked = ask(member_a, request, D(2026, 12, 8), D(2027, 1, 8))
    with at(D(2026, 12, 9)):
        services.extension_grant(
            actor=rossi, extension=asked, due_date=D(2026, 12, 19), note="A week is enough."
        )
    request.refresh_from_db()
    assert request.due_date == D(2026, 12, 21)  # Sat 19 Dec → Mon 21 Dec
    asked.refresh_from_db()
    assert asked.new_due_date == D(2026, 12, 21) and asked.decision_note == "A week is enough."


def test_a_refused_extension_keeps_the_due_date_and_sends_a_letter(
    case, rossi, member_a, django_capture_on_commit_callbacks
):
    request = send(rossi, case, D(2026, 12, 1))
    asked = ask(member_a, request, D(2026, 12, 8), D(2027, 1, 8))
    with at(D(2026, 12, 9)), pytest.raises(ActionRefused) as refused:
        services.extension_refuse(actor=rossi, extension=asked, note="")
    assert refused.value.reasons == ["Say why more time is refused."]
    with at(D(2026, 12, 9)), django_capture_on_commit_callbacks(execute=True):
        services.extension_refuse(actor=rossi, extension=asked, note="The questions are short.")
    request.refresh_from_db()
    assert request.due_date == D(2026, 12, 15) and request.status == "open"
    event = CaseEvent.objects.get(case=case, action="extension_refused")
    assert event.payload["note"] == "The questions are short."
    assert Letter.objects.get(case=case, kind=LetterKind.EXTENSION_REFUSED)
    with at(D(2026, 12, 10)), pytest.raises(ActionRefused) as refused:
        services.extension_grant(actor=rossi, extension=asked)
    assert refused.value.reasons == ["This request for more time has already been decided."]


def test_a_pending_request_for_more_time_keeps_the_request_from_lapsing_until_decided(
    case, rossi, member_a
):
    request = send(rossi, case, D(2026, 12, 1))
    asked = ask(member_a, request, D(2026, 12, 15), D(2027, 1, 15))  # on the due date itself
    assert lapse_on(D(2026, 12, 16)) == 0
    with at(D(2026, 12, 16)), pytest.raises(ActionRefused) as refused:
        services.decision_propose(actor=rossi, case=case, outcome="designate", reasoning="R")
    assert "still open" in str(refused.value)
    with at(D(2026, 12, 17)):
        services.extension_refuse(actor=rossi, extension=asked, note="No reasons given.")
    request.refresh_from_db()
    assert request.status == "lapsed" and request.lapsed_on == D(2026, 12, 17)
    assert ClockStop.objects.get(case=case).ended_on == D(2026, 12, 15)


def test_the_provider_asks_once_with_reasons_a_later_date_and_only_while_open(
    case, rossi, member_a, member_b
):
    request = send(rossi, case, D(2026, 12, 1))
    with pytest.raises(PermissionDenied):
        ask(member_b, request, D(2026, 12, 8), D(2027, 1, 8))
    with pytest.raises(PermissionDenied):
        ask(rossi, request, D(2026, 12, 8), D(2027, 1, 8))
    with pytest.raises(ActionRefused) as refused:
        ask(member_a, request, D(2026, 12, 8), D(2026, 12, 14), reason="")
    assert refused.value.reasons == [
        "Give your reasons for asking for more time.",
        "The new due date must be later than the current one, Tue 15 Dec 2026.",
    ]
    ask(member_a, request, D(2026, 12, 8), D(2027, 1, 8))
    with pytest.raises(ActionRefused) as refused:
        ask(member_a, request, D(2026, 12, 9), D(2027, 1, 9))
    assert "already asked for more time" in str(refused.value)
    with pytest.raises(ActionRefused) as refused, at(D(2026, 12, 9)):
        services.information_request_extend(
            actor=rossi, request=request, due_date=D(2027, 1, 20), reason="R"
        )
    assert "grant or refuse that request" in str(refused.value)
    assert RequestExtension.objects.filter(request=request).count() == 1
    lapsed = send(rossi, case, D(2026, 12, 1), questions=["Q2"])
    with pytest.raises(ActionRefused) as refused:
        ask(member_a, lapsed, D(2026, 12, 16), D(2027, 1, 8))
    assert "lapsed" in str(refused.value)
    assert InformationRequest.objects.get(pk=lapsed.pk).status == "open"  # not yet swept


def test_no_more_time_on_a_request_of_a_case_the_provider_withdrew(member_a, model_a, rossi):
    with at(D(2026, 11, 30)):
        case = services.case_submit(actor=member_a, case=file_draft_notification(member_a, model_a))
    request = send(rossi, case, D(2026, 12, 1))
    with at(D(2026, 12, 2)):
        services.case_withdraw(actor=member_a, case=case, reason="Wrong model.")
    with pytest.raises(ActionRefused) as refused:
        ask(member_a, request, D(2026, 12, 3), D(2027, 1, 8))
    assert refused.value.reasons == ["You cannot ask for more time: the case has been withdrawn."]
