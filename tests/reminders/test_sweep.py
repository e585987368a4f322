"""Reminders and escalations: each sent exactly once, at the right stage, to the right people."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.core import mail

from gpai_cases.cases import services
from gpai_cases.reminders.models import InboxMessage, Reminder
from gpai_cases.reminders.sweep import sweep

from ..conftest import file_draft_notification

pytestmark = pytest.mark.django_db

D = datetime.date


def run(day: datetime.date, capture) -> int:
    with capture(execute=True):
        return sweep(day)


def drafts(member, provider, n: int, prefix: str) -> None:
    """``n`` draft notifications due Mon 16 Mar 2026, each for a model of its own."""
    from ..factories import GPAIModelFactory

    for i in range(n):
        file_draft_notification(
            member,
            GPAIModelFactory(provider=provider, name=f"{prefix}{i}"),
            trigger_date=D(2026, 3, 2),
            evidence=False,
        )


def test_draft_notification_reminders_at_7_2_0_days_then_escalation(
    member_a, model_a, django_capture_on_commit_callbacks, settings
):
    case = file_draft_notification(member_a, model_a, trigger_date=D(2026, 3, 2))  # due Mon 16 Mar
    assert run(D(2026, 3, 8), django_capture_on_commit_callbacks) == 0  # 8 days left
    assert run(D(2026, 3, 9), django_capture_on_commit_callbacks) == 1  # 7 days left
    assert run(D(2026, 3, 9), django_capture_on_commit_callbacks) == 0  # the same sweep again
    assert run(D(2026, 3, 14), django_capture_on_commit_callbacks) == 1  # 2 days left
    assert run(D(2026, 3, 16), django_capture_on_commit_callbacks) == 1  # due today
    assert run(D(2026, 3, 17), django_capture_on_commit_callbacks) == 1  # overdue → caseworkers
    assert run(D(2026, 3, 18), django_capture_on_commit_callbacks) == 0
    stages = list(
        Reminder.objects.filter(case=case).order_by("sent_at", "id").values_list("stage", flat=True)
    )
    assert stages == ["due-7", "due-2", "due-0", "overdue"]
    assert [m.to for m in mail.outbox[:3]] == [[member_a.email]] * 3
    assert "7 days left" in mail.outbox[0].subject
    assert mail.outbox[0].alternatives[0][1] == "text/html"
    assert mail.outbox[3].to == [settings.GPAI_CASEWORKER_MAILBOX]
    assert "Overdue notification" in mail.outbox[3].subject
    assert mail.outbox[3].subject.endswith("was due on 16 March 2026")
    assert "It was due on Monday 16 March 2026." in mail.outbox[3].body
    case.refresh_from_db()
    assert case.overdue_escalated is True
    assert InboxMessage.objects.filter(user=member_a).count() == 3


def test_a_missed_stage_is_caught_up_with_the_most_urgent_one(
    member_a, model_a, django_capture_on_commit_callbacks
):
    case = file_draft_notification(member_a, model_a, trigger_date=D(2026, 3, 2))
    assert run(D(2026, 3, 15), django_capture_on_commit_callbacks) == 1  # first sweep: 1 day left
    assert list(Reminder.objects.filter(case=case).values_list("stage", flat=True)) == ["due-2"]


def test_submitted_notifications_get_no_reminders(submitted_a, django_capture_on_commit_callbacks):
    assert run(D(2026, 3, 16), django_capture_on_commit_callbacks) == 0


def test_request_for_information_reminders_and_overdue_escalation(
    assessing_a, caseworker, member_a, django_capture_on_commit_callbacks
):
    with time_machine.travel(datetime.datetime(2026, 4, 20, 9, tzinfo=datetime.UTC)):
        request = services.information_request_send(
            actor=caseworker, case=assessing_a, questions=["Q"]
        )
    assert request.due_date == D(2026, 5, 4)
    assert run(D(2026, 4, 30), django_capture_on_commit_callbacks) == 0
    assert run(D(2026, 5, 1), django_capture_on_commit_callbacks) == 1  # 3 days before
    assert run(D(2026, 5, 4), django_capture_on_commit_callbacks) == 1  # due date
    assert run(D(2026, 5, 5), django_capture_on_commit_callbacks) == 1  # overdue
    assert mail.outbox[-1].to[1:] == [caseworker.email]  # mailbox + the assigned caseworker
    assert "request for information of 20 April 2026" in mail.outbox[-1].body
    assert "It was due on Monday 4 May 2026." in mail.outbox[-1].body
    # the hourly lapse (docs/rules.md § requests) closes it: nothing more to remind of
    assert services.information_requests_lapse(today=D(2026, 5, 6)) == 1
    assert run(D(2026, 5, 6), django_capture_on_commit_callbacks) == 0


def test_assessment_clock_at_80_and_100_percent_excluding_stopped_time(
    assessing_a, caseworker, member_a, settings, django_capture_on_commit_callbacks
):
    settings.GPAI_ASSESSMENT_TARGET_DAYS = 10
    start = assessing_a.assessment_started_on
    with time_machine.travel(
        datetime.datetime.combine(start, datetime.time(9), tzinfo=datetime.UTC)
    ):
        request = services.information_request_send(
            actor=caseworker, case=assessing_a, questions=["Q"]
        )
    with time_machine.travel(
        datetime.datetime.combine(
            start + datetime.timedelta(days=3), datetime.time(9), tzinfo=datetime.UTC
        )
    ):
        services.information_request_answer(actor=member_a, request=request, response="A")
    # Days 1-3 were stopped: 8 days used on day 11, 10 on day 13.
    assert (
        run(start + datetime.timedelta(days=10), django_capture_on_commit_callbacks) == 0
    )  # 7 used
    assert (
        run(start + datetime.timedelta(days=11), django_capture_on_commit_callbacks) == 1
    )  # 8 used: 80 %
    assert run(start + datetime.timedelta(days=12), django_capture_on_commit_callbacks) == 0
    assert (
        run(start + datetime.timedelta(days=13), django_capture_on_commit_callbacks) == 1
    )  # 10: 100 %
    assert mail.outbox[-1].to == [caseworker.email]
    assert "100 %" in mail.outbox[-1].subject


def test_provider_is_told_when_its_earliest_reassessment_date_arrives(
    assessing_a, caseworker, approver, member_a, django_capture_on_commit_callbacks
):
    with time_machine.travel(datetime.datetime(2026, 1, 30, 9, tzinfo=datetime.UTC)):
        services.decision_propose(
            actor=caseworker, case=assessing_a, outcome="designate", reasoning="R"
        )
        services.decision_approve(actor=approver, case=assessing_a)  # earliest: 31 Jul 2026
    told = Reminder.objects.filter(kind="reassessment_open")  # (its model report is told too)
    run(D(2026, 7, 30), django_capture_on_commit_callbacks)
    assert told.count() == 0
    mail.outbox.clear()
    run(D(2026, 7, 31), django_capture_on_commit_callbacks)
    run(D(2026, 8, 1), django_capture_on_commit_callbacks)
    assert told.count() == 1
    assert "reassessment" in mail.outbox[-1].subject
    assert "From Friday 31 July 2026 you may request" in mail.outbox[-1].body
    assert mail.outbox[-1].to == [member_a.email]


def test_the_sweep_uses_a_constant_number_of_queries(
    member_a, provider_a, django_assert_max_num_queries, django_capture_on_commit_callbacks
):
    drafts(member_a, provider_a, 30, "M")
    run(D(2026, 3, 9), django_capture_on_commit_callbacks)  # sends 30
    # nothing new: no per-case queries (2 of them find the model reports due)
    with django_assert_max_num_queries(10):
        assert sweep(D(2026, 3, 9)) == 0


def test_reminders_are_sent_in_batches_once_each_even_when_another_sweep_got_there_first(
    member_a, provider_a, monkeypatch, django_capture_on_commit_callbacks
):
    from gpai_cases.cases.models import CaseEvent
    from gpai_cases.reminders import sweep as sweep_module

    drafts(member_a, provider_a, 17, "B")
    monkeypatch.setattr(sweep_module, "BATCH", 5)
    # another sweep records the reminder of one case between our finding and our sending
    find = sweep_module.due_notifications

    def find_then_race(today):
        dues = find(today)
        Reminder.objects.create(
            kind=dues[7].kind, case=dues[7].case, ref_id=dues[7].ref_id, stage=dues[7].stage
        )
        return dues

    monkeypatch.setattr(sweep_module, "FINDERS", (find_then_race, *sweep_module.FINDERS[1:]))
    mail.outbox.clear()
    assert run(D(2026, 3, 9), django_capture_on_commit_callbacks) == 16
    assert Reminder.objects.filter(kind="notification_due", stage="due-7").count() == 17
    assert len(mail.outbox) == 16 and all(m.to == [member_a.email] for m in mail.outbox)
    events = CaseEvent.objects.filter(action="reminder_sent")
    assert events.count() == 16 and {e.payload["stage"] for e in events} == {"due-7"}
    assert InboxMessage.objects.filter(user=member_a).count() == 16
    monkeypatch.setattr(sweep_module, "FINDERS", (find, *sweep_module.FINDERS[1:]))
    assert run(D(2026, 3, 9), django_capture_on_commit_callbacks) == 0


@pytest.mark.parametrize("threshold, analysed", [(3, True), (4, False)])
def test_a_large_catch_up_refreshes_the_planner_statistics_on_postgresql(
    member_a, provider_a, monkeypatch, threshold, analysed, django_capture_on_commit_callbacks
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from gpai_cases.reminders import sweep as sweep_module

    if connection.vendor != "postgresql":
        pytest.skip("ANALYZE is run on PostgreSQL only (CI's second pass)")
    drafts(member_a, provider_a, 3, "S")
    monkeypatch.setattr(sweep_module, "ANALYZE_AFTER", threshold)
    with CaptureQueriesContext(connection) as ctx:
        assert run(D(2026, 3, 9), django_capture_on_commit_callbacks) == 3
    statements = [q["sql"] for q in ctx.captured_queries if q["sql"].startswith("ANALYZE")]
    assert statements == (['ANALYZE "reminders_reminder"'] if analysed else [])


def test_reminder_e_mails_go_out_at_once_when_the_broker_is_down(
    member_a, model_a, monkeypatch, django_capture_on_commit_callbacks
):
    from gpai_cases.core import tasks

    def broker_down(*args, **kwargs):
        raise OSError("Connection refused")

    monkeypatch.setattr(tasks.send_emails, "delay", broker_down)
    case = file_draft_notification(member_a, model_a, trigger_date=D(2026, 3, 2))
    mail.outbox.clear()
    assert run(D(2026, 3, 9), django_capture_on_commit_callbacks) == 1
    [email] = mail.outbox
    assert email.to == [member_a.email] and case.reference in email.subject
    html, mimetype = email.alternatives[0]
    assert mimetype == "text/html" and f"Case {case.reference}." in html
