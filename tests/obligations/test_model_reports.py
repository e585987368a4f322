"""Model reports of designated models: versioned, the first due after the designation (or before
the model is placed on the market), each update within the period kept as data; the reminder
sweep warns once when a report is missing and once per overdue update."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail

from gpai_cases.obligations import services
from gpai_cases.obligations.models import ModelReport
from gpai_cases.reminders.models import InboxMessage, Reminder
from gpai_cases.reminders.sweep import sweep

from .conftest import D, at, file_model_report

pytestmark = pytest.mark.django_db


def run(day, capture) -> int:
    """Sweep on ``day``; how many model-report reminders it sent (other kinds are left out: the
    designation's reassessment reminder comes six months after the decision)."""
    before = Reminder.objects.filter(kind="model_report").count()
    with capture(execute=True):
        sweep(day)
    return Reminder.objects.filter(kind="model_report").count() - before


def model_report_reminders(designation) -> list[tuple[int, str]]:
    return list(
        Reminder.objects.filter(kind="model_report", case=designation.case)
        .order_by("sent_at", "id")
        .values_list("ref_id", "stage")
    )


def test_the_first_report_is_due_two_weeks_after_the_designation_with_its_rule(designation_a):
    due, kind = services.report_due(designation_a, None)
    # Tue 15 Sep 2026 + 14 days = Tue 29 Sep 2026
    assert (due.value, kind) == (D(2026, 9, 29), "first")
    assert str(due.rule).startswith("14 days after Tue 15 Sep 2026 (first model report")
    assert "Commitment 7" in due.rule and "Reg. 1182/71" in due.rule


def test_a_model_not_yet_on_the_market_reports_before_it_is_placed_there(designation_a):
    designation_a.model.eu_market_date = D(2026, 10, 20)
    due, _ = services.report_due(designation_a, None)
    assert due.value == D(2026, 10, 19)
    assert str(due.rule).startswith("Before placing the model on the EU market on Tue 20 Oct 2026")


def test_a_missing_model_report_triggers_one_reminder_once(
    designation_a, member_a, settings, django_capture_on_commit_callbacks
):
    # the first report is due Tue 29 Sep 2026: nothing before the day after
    assert run(D(2026, 9, 29), django_capture_on_commit_callbacks) == 0
    mail.outbox.clear()
    assert run(D(2026, 9, 30), django_capture_on_commit_callbacks) == 1
    assert run(D(2026, 9, 30), django_capture_on_commit_callbacks) == 0  # the same sweep again
    assert run(D(2026, 10, 15), django_capture_on_commit_callbacks) == 0  # and days later
    assert model_report_reminders(designation_a) == [(designation_a.pk, "missing")]
    [email] = [m for m in mail.outbox if "Model report" in m.subject]
    assert (
        email.subject == f"Model report missing: Alpha-1 2026-01 ({designation_a.case.reference})"
    )
    assert set(email.to) == {member_a.email, settings.GPAI_CASEWORKER_MAILBOX}
    assert "It was due by Tuesday 29 September 2026." in email.body
    assert "Rule: 14 days after Tue 15 Sep 2026" in email.body
    assert InboxMessage.objects.filter(user=member_a, case=designation_a.case).count() >= 1


def test_no_reminder_once_the_report_is_filed_then_one_when_the_update_is_overdue(
    designation_a, member_a, django_capture_on_commit_callbacks
):
    with at(D(2026, 9, 20)):
        v1 = file_model_report(member_a, designation_a)
    assert (v1.version, v1.kind, v1.due_date, v1.late) == (1, "first", D(2026, 9, 29), False)
    assert run(D(2026, 10, 1), django_capture_on_commit_callbacks) == 0
    # six months after Sun 20 Sep 2026: Sat 20 Mar 2027 → Mon 22 Mar 2027
    due, kind = services.report_due(designation_a, v1)
    assert (due.value, kind) == (D(2027, 3, 22), "update")
    assert run(D(2027, 3, 22), django_capture_on_commit_callbacks) == 0
    assert run(D(2027, 3, 23), django_capture_on_commit_callbacks) == 1
    assert run(D(2027, 3, 24), django_capture_on_commit_callbacks) == 0
    assert model_report_reminders(designation_a) == [(v1.pk, "update-overdue")]
    with at(D(2027, 3, 25)):
        v2 = file_model_report(member_a, designation_a, update_reason="New evaluations.")
    assert (v2.version, v2.kind, v2.late) == (2, "update", True)
    # the next overdue update is told again, once (another report, another reminder)
    # six months after Thu 25 Mar 2027: Sat 25 Sep → due Mon 27 Sep; overdue on the 28th
    assert run(D(2027, 9, 27), django_capture_on_commit_callbacks) == 0
    assert run(D(2027, 9, 28), django_capture_on_commit_callbacks) == 1
    assert model_report_reminders(designation_a)[-1] == (v2.pk, "update-overdue")


def test_an_update_needs_its_reason_and_reports_are_never_changed(designation_a, member_a):
    file_model_report(member_a, designation_a)
    with pytest.raises(services.ActionRefused) as refused:
        file_model_report(member_a, designation_a, update_reason=" ")
    assert refused.value.reasons == [
        "Say why the model report is updated (a model update, new evaluations…)."
    ]
    assert ModelReport.objects.filter(model=designation_a.model).count() == 1


def test_a_report_gets_a_receipt_letter_and_the_caseworkers_are_told(
    designation_a, member_a, django_capture_on_commit_callbacks, settings
):
    from gpai_cases.letters.models import Letter

    with django_capture_on_commit_callbacks(execute=True):
        report = file_model_report(member_a, designation_a)
    letter = Letter.objects.get(trigger_key=f"model_report:{report.pk}")
    assert letter.kind == "model_report_receipt" and letter.status == "rendered"
    assert letter.case == designation_a.case
    assert InboxMessage.objects.filter(kind="model_report_received").exists()


def test_an_ended_designation_has_no_more_reports_nor_reminders(
    designation_a, member_a, django_capture_on_commit_callbacks
):
    designation_a.ended_on = D(2026, 9, 20)
    designation_a.save()
    with pytest.raises(services.ActionRefused) as refused:
        file_model_report(member_a, designation_a)
    assert refused.value.reasons[0].startswith("The designation of this model ended on")
    assert run(D(2026, 12, 1), django_capture_on_commit_callbacks) == 0


def test_a_model_placed_on_the_market_after_the_decision_is_reminded_once_that_day_has_come(
    designation_a, member_a, django_capture_on_commit_callbacks
):
    # decided Tue 15 Sep 2026; on the market Tue 22 Sep: the first report is due by Mon 21 Sep,
    # sooner than the 14 days after the decision (the sweep must not wait for those)
    type(designation_a.model).objects.filter(pk=designation_a.model_id).update(
        eu_market_date=D(2026, 9, 22)
    )
    assert run(D(2026, 9, 21), django_capture_on_commit_callbacks) == 0
    assert run(D(2026, 9, 22), django_capture_on_commit_callbacks) == 1
    assert run(D(2026, 9, 29), django_capture_on_commit_callbacks) == 0
    assert model_report_reminders(designation_a) == [(designation_a.pk, "missing")]


@pytest.mark.parametrize("period", [{"days": 14}, {"weeks": 2}, {"months": 1}, {"months": 6}])
def test_no_period_for_acting_ends_sooner_than_its_fewest_days(period):
    # the sweep leaves out designations decided fewer days ago: that must never hide one due
    from gpai_cases.cases.deadlines import period_for_acting
    from gpai_cases.obligations.dates import fewest_days

    day, fewest = D(2024, 1, 1), fewest_days(period)
    shortest = min(
        (period_for_acting(start, holidays=(), label="x", **period).value - start).days
        for start in (day + datetime.timedelta(days=n) for n in range(3 * 366))
    )
    assert shortest >= fewest
    # and the bound is close (within 3 days a month): it leaves out nearly all it can
    assert shortest - fewest <= 3 * max(1, period.get("months", 0))
