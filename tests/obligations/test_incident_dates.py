"""Serious incidents over a moving clock: the initial report's due date comes from the kind of
harm's period kept as data (a period for acting, Reg. 1182/71); a late initial report is flagged;
a change of a period in the data recomputes the open incidents' dates, audited on their case."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from gpai_cases.cases.models import CaseEvent, PublicHoliday
from gpai_cases.obligations import services
from gpai_cases.obligations.models import IncidentKind, IncidentStage

from .conftest import D, at, report_incident

pytestmark = pytest.mark.django_db

#: The periods seeded from the Code of Practice (migration obligations/0002), as issue 20 reads them.
SEEDED = {"critical_infrastructure": 2, "cybersecurity_breach": 5, "death": 10, "serious_harm": 15}


def test_the_kinds_of_harm_are_seeded_with_their_periods_and_the_source_of_each_value():
    kinds = {k.code: k for k in IncidentKind.objects.all()}
    assert {code: k.initial_days for code, k in kinds.items()} == SEEDED
    assert [k.code for k in IncidentKind.objects.order_by("severity")] == list(SEEDED)
    for k in kinds.values():
        assert (k.intermediate_days, k.final_days) == (28, 60)
        for source in (k.initial_source, k.intermediate_source, k.final_source):
            assert "Measure 9.3" in source
            assert "Not verified" in source and "Verified in the reference texts" in source


@pytest.mark.parametrize(
    ("kind", "aware_on", "expected"),
    [
        # Thu 1 Oct 2026 + 2 days = Sat 3 Oct → Mon 5 Oct (a Saturday → next working day)
        ("critical_infrastructure", D(2026, 10, 1), D(2026, 10, 5)),
        # Mon 5 Oct + 5 days = Sat 10 Oct → Mon 12 Oct
        ("cybersecurity_breach", D(2026, 10, 5), D(2026, 10, 12)),
        # Thu 22 Oct + 10 days = Sun 1 Nov, All Saints', then All Souls' (holidays) → Tue 3 Nov
        ("death", D(2026, 10, 22), D(2026, 11, 3)),
        # Wed 9 Dec + 15 days = Thu 24 Dec, holidays to 2 Jan 2027, a Saturday → Mon 4 Jan 2027
        ("serious_harm", D(2026, 12, 9), D(2027, 1, 4)),
    ],
)
def test_an_incident_of_each_kind_gets_its_due_date_from_the_data(
    designation_a, member_a, kind, aware_on, expected
):
    with at(aware_on):
        incident = report_incident(member_a, designation_a, kind=kind, aware_on=aware_on)
    assert incident.initial_due == expected
    days = IncidentKind.objects.get(code=kind).initial_days
    words = {2: "Two", 5: "Five", 10: "Ten", 15: "15"}[days]
    assert str(incident.initial_due_rule).startswith(f"{words} days after")
    assert "Measure 9.3" in incident.initial_due_rule
    assert "Reg. 1182/71" in incident.initial_due_rule
    assert incident.initial_late is False
    # the next report: an intermediate one, 28 days after this report, as a period for acting
    assert incident.next_due_stage == IncidentStage.INTERMEDIATE
    assert incident.next_due >= D.fromordinal(aware_on.toordinal() + 28)


def test_the_due_date_follows_the_value_in_the_data_not_a_constant(
    designation_a, member_a, office_admin
):
    services.incident_kind_change(
        actor=office_admin, code="death", reason="corrected against the Code", initial_days=3
    )
    with at(D(2026, 10, 5)):  # Mon + 3 days = Thu 8 Oct
        incident = report_incident(member_a, designation_a, kind="death", aware_on=D(2026, 10, 5))
    assert incident.initial_due == D(2026, 10, 8)
    assert str(incident.initial_due_rule).startswith("Three days after Mon 5 Oct 2026")


def test_a_late_initial_report_is_accepted_and_flagged_on_both_sides(
    designation_a, member_a, client, caseworker
):
    # aware Mon 5 Oct 2026 of a critical-infrastructure disruption: due Wed 7 Oct; reported Thu 8
    with at(D(2026, 10, 8)):
        incident = report_incident(
            member_a, designation_a, kind="critical_infrastructure", aware_on=D(2026, 10, 5)
        )
    assert (incident.initial_due, incident.initial_late) == (D(2026, 10, 7), True)
    report = incident.reports.get()
    assert report.stage == IncidentStage.INITIAL and report.late
    event = CaseEvent.objects.filter(case=designation_a.case, action="incident_reported").get()
    assert event.payload["late"] is True
    with at(D(2026, 10, 8)):
        client.force_login(caseworker)
        queue = client.get("/workspace/incidents/").content.decode()
        client.force_login(member_a)
        page = client.get(f"/portal/incidents/{incident.pk}/").content.decode()
    assert "late" in queue and "Wed 7 Oct 2026" in queue
    assert "late" in page and "Wednesday 7 October 2026" in page


def test_a_report_on_the_last_day_is_on_time(designation_a, member_a):
    with at(D(2026, 10, 7), hour=21):  # 23:00 in Brussels on the due date
        incident = report_incident(
            member_a, designation_a, kind="critical_infrastructure", aware_on=D(2026, 10, 5)
        )
    assert incident.initial_late is False


def test_a_change_of_a_period_recomputes_open_incidents_and_is_audited(
    designation_a, member_a, office_admin
):
    with at(D(2026, 10, 13)):
        # aware Mon 5 Oct, 10 days → Thu 15 Oct; reported Tue 13 Oct: on time
        open_one = report_incident(member_a, designation_a, kind="death", aware_on=D(2026, 10, 5))
        closed = report_incident(member_a, designation_a, kind="death", aware_on=D(2026, 10, 5))
        services.incident_update(
            actor=member_a,
            incident=closed,
            what_happened="Resolved.",
            corrective_measures="Done.",
            resolved_on=D(2026, 10, 12),
            final=True,
        )
        other_kind = report_incident(
            member_a, designation_a, kind="serious_harm", aware_on=D(2026, 10, 5)
        )
    assert open_one.initial_due == D(2026, 10, 15)
    with at(D(2026, 10, 14)):
        services.incident_kind_change(
            actor=office_admin, code="death", reason="checked against Measure 9.3", initial_days=5
        )
    open_one.refresh_from_db()
    closed.refresh_from_db()
    other_kind.refresh_from_db()
    # Mon 5 Oct + 5 days = Sat 10 Oct → Mon 12 Oct: the report of Tue 13 Oct is now late
    assert (open_one.initial_due, open_one.initial_late) == (D(2026, 10, 12), True)
    assert str(open_one.initial_due_rule).startswith("Five days after Mon 5 Oct 2026")
    assert closed.initial_due == D(2026, 10, 15)  # closed: left as it was
    assert other_kind.initial_due == D(2026, 10, 20)  # another kind: untouched
    events = CaseEvent.objects.filter(
        case=designation_a.case, action__in=["dates_recomputed", "late_flag_changed"]
    )
    recomputed = [e.payload for e in events if e.payload.get("incident") == open_one.pk]
    assert {p["field"] for p in recomputed if "field" in p} == {
        f"serious incident {open_one.pk} initial_due"
    }
    assert any(p.get("new") is True for p in recomputed)  # the late flag, old → new
    assert all("checked against Measure 9.3" in p["reason"] for p in recomputed)
    assert not [e for e in events if e.payload.get("incident") in (closed.pk, other_kind.pk)]


def test_a_change_of_the_intermediate_period_moves_the_next_report_and_tells_the_provider(
    designation_a, member_a, office_admin
):
    from gpai_cases.reminders.models import InboxMessage

    with at(D(2026, 10, 5)):
        incident = report_incident(member_a, designation_a, kind="death", aware_on=D(2026, 10, 5))
    # 28 days after Mon 5 Oct: Mon 2 Nov 2026, All Souls' Day (a holiday) → Tue 3 Nov
    assert incident.next_due == D(2026, 11, 3)
    services.incident_kind_change(
        actor=office_admin, code="death", reason="every two weeks", intermediate_days=14
    )
    incident.refresh_from_db()
    assert incident.next_due == D(2026, 10, 19)
    message = InboxMessage.objects.get(user=member_a, kind="incident_dates_changed")
    assert message.due_date == D(2026, 10, 19)
    assert "every two weeks" in message.body


def test_intermediate_reports_until_the_final_report_which_closes_the_incident(
    designation_a, member_a
):
    with at(D(2026, 10, 5)):
        incident = report_incident(member_a, designation_a, kind="death", aware_on=D(2026, 10, 1))
    with at(D(2026, 10, 26)):
        update = services.incident_update(
            actor=member_a, incident=incident, what_happened="More", corrective_measures="More"
        )
    incident.refresh_from_db()
    assert update.stage == IncidentStage.INTERMEDIATE and update.number == 2
    assert update.due_date is not None and not update.late
    with at(D(2026, 11, 10)):
        services.incident_update(
            actor=member_a,
            incident=incident,
            what_happened="It is resolved.",
            corrective_measures="None further.",
            resolved_on=D(2026, 11, 9),
        )
    incident.refresh_from_db()
    # resolved Mon 9 Nov: the final report is due 60 days later, Fri 8 Jan 2027
    assert (incident.next_due_stage, incident.next_due) == ("final", D(2027, 1, 8))
    with at(D(2026, 12, 1)):
        final = services.incident_update(
            actor=member_a,
            incident=incident,
            what_happened="Root cause found.",
            corrective_measures="Retrained.",
            final=True,
        )
    incident.refresh_from_db()
    assert final.stage == IncidentStage.FINAL and final.due_date == D(2027, 1, 8)
    assert incident.closed_on == D(2026, 12, 1) and incident.next_due is None
    with pytest.raises(services.ActionRefused) as refused, at(D(2026, 12, 2)):
        services.incident_update(
            actor=member_a, incident=incident, what_happened="x", corrective_measures="x"
        )
    assert refused.value.reasons == [
        "This incident is closed: its final report was filed on Tue 1 Dec 2026."
    ]


def test_a_final_report_needs_the_date_of_resolution(designation_a, member_a):
    with at(D(2026, 10, 5)):
        incident = report_incident(member_a, designation_a, aware_on=D(2026, 10, 1))
        with pytest.raises(services.ActionRefused) as refused:
            services.incident_update(
                actor=member_a,
                incident=incident,
                what_happened="x",
                corrective_measures="y",
                final=True,
            )
    assert "A final report gives the date the incident was resolved." in refused.value.reasons


def test_a_holiday_added_to_the_calendar_moves_an_open_incident(
    designation_a, member_a, django_capture_on_commit_callbacks
):
    with at(D(2026, 10, 5)):
        incident = report_incident(
            member_a, designation_a, kind="critical_infrastructure", aware_on=D(2026, 10, 5)
        )
    assert incident.initial_due == D(2026, 10, 7)
    with at(D(2026, 10, 6)), django_capture_on_commit_callbacks(execute=True):
        PublicHoliday.objects.create(
            calendar_year_id=2026, date=D(2026, 10, 7), name="Extraordinary closure"
        )
    incident.refresh_from_db()
    assert incident.initial_due == D(2026, 10, 8)
    assert "a public holiday" in incident.initial_due_rule


def test_refused_reports_say_why(designation_a, member_a, member_b):
    with at(D(2026, 10, 5)), pytest.raises(services.ActionRefused) as refused:
        report_incident(
            member_a,
            designation_a,
            kind="no-such-kind",
            aware_on=D(2026, 10, 6),
            what_happened=" ",
        )
    assert refused.value.reasons == [
        "Choose the kind of harm.",
        "The date you became aware cannot be in the future.",
        "Say what happened.",
    ]
    with at(D(2026, 10, 5)), pytest.raises(PermissionDenied) as denied:
        report_incident(member_b, designation_a, aware_on=D(2026, 10, 1))
    assert (
        str(denied.value) == "Only a member of the model's provider reports its serious incidents."
    )
