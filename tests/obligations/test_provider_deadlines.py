"""What a provider's member must act on, read in one query (a UNION ALL of the four kinds:
requests, notifications in draft, serious incidents, framework changes): the same items, in the
same order, whatever the limit — the first ``limit`` of the whole, as if every kind were read."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from gpai_cases.cases import services as case_services
from gpai_cases.reminders import deadlines_of
from tests.factories import GPAIModelFactory

from ..conftest import file_draft_notification
from .conftest import AWARE_ON, D, at, report_incident

pytestmark = pytest.mark.django_db


@pytest.fixture
def items_of_each_kind(designation_a, member_a, caseworker, provider_a):
    """An open serious incident on the designated model, drafts of three other models (two due
    on the same day: the tie is broken by the case's reference) and an open request."""
    with at(AWARE_ON):
        report_incident(member_a, designation_a)
    drafts = [
        file_draft_notification(
            member_a, GPAIModelFactory(provider=provider_a, name=f"M{i}"), trigger_date=day
        )
        for i, day in enumerate([D(2026, 10, 6), D(2026, 9, 28), D(2026, 9, 28)])
    ]
    asked = file_draft_notification(
        member_a, GPAIModelFactory(provider=provider_a, name="Asked"), trigger_date=D(2026, 9, 1)
    )
    case_services.case_submit(actor=member_a, case=asked)
    case_services.case_take_up(actor=caseworker, case=asked)
    with at(D(2026, 10, 2)):
        case_services.information_request_send(actor=caseworker, case=asked, questions=["Q?"])
    return drafts


def test_the_provider_sees_every_kind_soonest_first_in_one_query(items_of_each_kind, member_a):
    with CaptureQueriesContext(connection) as ctx:
        found = deadlines_of.for_user(member_a)
    assert len(ctx.captured_queries) == 1
    kinds = [d.uid.split("-")[0] for d in found]
    assert sorted(kinds) == ["incident", "notification", "notification", "notification", "request"]
    assert [d.date for d in found] == sorted(d.date for d in found)
    keys = [(d.date, d.case_reference) for d in found]
    assert keys == sorted(keys)
    incident = next(d for d in found if d.uid.startswith("incident-"))
    assert "serious incident" in incident.title and incident.link.startswith("/portal/incidents/")
    assert all(str(d.rule) for d in found)  # each with the rule behind its date


def test_a_limit_keeps_the_first_items_of_the_whole(items_of_each_kind, member_a):
    every = deadlines_of.for_user(member_a)
    for limit in range(1, len(every) + 2):
        assert deadlines_of.for_user(member_a, limit=limit) == every[:limit]


def test_another_providers_member_sees_none_of_them(items_of_each_kind, member_b):
    assert deadlines_of.for_user(member_b) == []
