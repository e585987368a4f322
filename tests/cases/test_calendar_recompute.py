"""A holiday-calendar change recomputes every dependent date of open cases — submitted
notifications' due dates and late flags included — and the audit trail says what moved
(docs/rules.md § periods; DOMAIN.md clarifications, December 2026). The date arithmetic of a typed
due date: the pure tests at the end."""

from __future__ import annotations

import datetime

import pytest

from gpai_cases.accounts.models import Role
from gpai_cases.cases import deadlines, services
from gpai_cases.cases.models import CalendarYear, Case, CaseEvent, InformationRequest, PublicHoliday

from ..conftest import file_draft_notification
from ..factories import UserFactory
from .deadline_helpers import holiday_names, holidays
from .test_requests_over_time import D, at, send

pytestmark = pytest.mark.django_db


def holiday(day: datetime.date, callbacks, name: str = "Extra") -> PublicHoliday:
    with callbacks(execute=True):
        return PublicHoliday.objects.create(
            calendar_year=CalendarYear.objects.get(year=day.year), date=day, name=name
        )


def submitted_late(member, model) -> Case:
    """DOMAIN.md's worked example: threshold met Mon 2 Mar 2026, due Mon 16 Mar 2026; notified
    Tue 17 Mar 2026, one day late."""
    with at(D(2026, 3, 17)):
        case = file_draft_notification(member, model, trigger_date=D(2026, 3, 2))
        return services.case_submit(actor=member, case=case)


def test_a_holiday_on_the_due_day_moves_a_submitted_notification_and_clears_its_late_flag(
    member_a, model_a, django_capture_on_commit_callbacks
):
    case = submitted_late(member_a, model_a)
    assert case.notification.notification_due == D(2026, 3, 16) and case.late
    holiday(D(2026, 3, 16), django_capture_on_commit_callbacks)
    case.refresh_from_db()
    case.notification.refresh_from_db()
    assert case.notification.notification_due == D(2026, 3, 17)
    assert "a public holiday → next working day: Tue 17 Mar 2026" in (
        case.notification.notification_due_rule
    )
    assert case.late is False
    flag = CaseEvent.objects.get(case=case, action="late_flag_changed")
    assert (flag.payload["old"], flag.payload["new"]) == (True, False)
    assert "on time" in flag.payload["reason"] and "2026-03-16 Extra" in flag.payload["reason"]
    moved = CaseEvent.objects.get(case=case, action="dates_recomputed")
    assert moved.payload["moved"] == [
        {
            "field": "notification_due",
            "old": "2026-03-16",
            "new": "2026-03-17",
            "rule": case.notification.notification_due_rule,
        }
    ]


def test_removing_that_holiday_makes_the_notification_late_again(
    member_a, model_a, caseworker, django_capture_on_commit_callbacks
):
    case = submitted_late(member_a, model_a)
    services.case_take_up(actor=caseworker, case=case)  # under assessment: still recomputed
    extra = holiday(D(2026, 3, 16), django_capture_on_commit_callbacks)
    assert Case.objects.get(pk=case.pk).late is False
    with django_capture_on_commit_callbacks(execute=True):
        extra.delete()
    case.refresh_from_db()
    assert case.late is True
    assert case.notification.notification_due == D(2026, 3, 16)
    flags = CaseEvent.objects.filter(case=case, action="late_flag_changed").order_by("pk")
    assert [(e.payload["old"], e.payload["new"]) for e in flags] == [(True, False), (False, True)]


def test_a_decided_case_keeps_its_dates(
    member_a, model_a, caseworker, approver, django_capture_on_commit_callbacks
):
    case = submitted_late(member_a, model_a)
    services.case_take_up(actor=caseworker, case=case)
    with at(D(2026, 3, 20)):
        services.decision_propose(actor=caseworker, case=case, outcome="designate", reasoning="R")
        services.decision_approve(actor=approver, case=case)
    holiday(D(2026, 3, 16), django_capture_on_commit_callbacks)
    case.refresh_from_db()
    assert case.late and case.notification.notification_due == D(2026, 3, 16)


def test_an_extended_due_date_moves_with_the_calendar_and_the_next_deadline_follows(
    member_a, model_a, django_capture_on_commit_callbacks
):
    rossi = UserFactory(role=Role.CASEWORKER, email="rossi@ai-office.example", full_name="C. Rossi")
    with at(D(2026, 11, 30)):
        case = file_draft_notification(member_a, model_a, trigger_date=D(2026, 11, 23))
        services.case_submit(actor=member_a, case=case)
        services.case_take_up(actor=rossi, case=case)
    request = send(rossi, case, D(2026, 12, 1))
    with at(D(2026, 12, 2)):
        services.information_request_extend(
            actor=rossi, request=request, due_date=D(2026, 12, 17), reason="More time."
        )
    holiday(D(2026, 12, 17), django_capture_on_commit_callbacks)
    request.refresh_from_db()
    assert request.due_date == D(2026, 12, 18)
    assert str(request.due_rule).startswith("Due date extended by C. Rossi: Thu 17 Dec 2026")
    case.refresh_from_db()
    assert case.next_deadline == D(2026, 12, 18)
    moved = CaseEvent.objects.get(case=case, action="dates_recomputed")
    assert moved.payload["moved"][0]["request"] == request.pk
    assert moved.payload["field"] == f"request {request.pk} due_date"


def test_recomputing_twice_changes_nothing_the_second_time(
    member_a, model_a, caseworker, django_capture_on_commit_callbacks
):
    case = submitted_late(member_a, model_a)
    services.case_take_up(actor=caseworker, case=case)
    send(caseworker, case, D(2026, 3, 18))
    holiday(D(2026, 3, 16), django_capture_on_commit_callbacks)
    assert services.dates_recompute(reason="daily check") == 0
    assert InformationRequest.objects.get(case=case).due_date == D(2026, 4, 1)


# ---- the pure arithmetic of a typed due date --------------------------------------------------------


def test_due_date_set_by_moves_a_saturday_to_the_monday_and_says_so():
    due = deadlines.due_date_set_by("C. Rossi", D(2026, 12, 12), D(2026, 12, 1), holidays(2026))
    assert due.value == D(2026, 12, 14)
    assert due.rule == (
        "Due date set by C. Rossi: Sat 12 Dec 2026, not a working day (a Saturday;"
        " Reg. 1182/71 Art 3(4)) → Mon 14 Dec 2026"
    )


def test_due_date_set_by_names_the_commission_holiday_it_moves_off():
    due = deadlines.due_date_set_by(
        "C. Rossi", D(2026, 12, 24), D(2026, 12, 1), holiday_names(2026, 2027)
    )
    assert due.value == D(2027, 1, 4)
    assert "a public holiday (Christmas Eve)" in due.rule


def test_due_date_set_by_keeps_two_working_days_in_a_period_of_two_days_or_more():
    # sent Thu 24 Dec 2026 → typed Mon 4 Jan 2027: a working day, but the only one in the period
    due = deadlines.due_date_set_by(
        "C. Rossi", D(2027, 1, 4), D(2026, 12, 24), holidays(2026, 2027)
    )
    assert due.value == D(2027, 1, 5)
    assert str(due.rule).endswith("(Reg. 1182/71 Art 3(5)) → Tue 5 Jan 2027")
    # a period of one day needs no two working days
    one_day = deadlines.due_date_set_by("X", D(2026, 12, 2), D(2026, 12, 1), holidays(2026))
    assert one_day.value == D(2026, 12, 2)


def test_due_date_set_by_says_how_the_date_was_set_and_refuses_a_date_not_after_sending():
    due = deadlines.due_date_set_by("X", D(2026, 12, 15), D(2026, 12, 1), (), how="extended")
    assert due.rule == "Due date extended by X: Tue 15 Dec 2026"
    with pytest.raises(ValueError):
        deadlines.due_date_set_by("X", D(2026, 12, 1), D(2026, 12, 1), ())
