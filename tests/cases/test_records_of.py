"""rules.records_of: the guards read a case's requests and claims as a page prefetched them, or
none without a query where the page found there are none (the case page's presence query)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from gpai_cases.cases import rules, services
from gpai_cases.cases.models import Case

from ..conftest import file_draft_notification

pytestmark = pytest.mark.django_db


def test_a_relation_said_absent_reads_as_empty_without_a_query_and_otherwise_is_read(
    member_a, model_a
):
    case = file_draft_notification(member_a, model_a)
    services.claims_file(
        actor=member_a, case=case, claims=[{"text": "Below frontier", "basis": "capability"}]
    )
    case = Case.objects.get(pk=case.pk)
    assert [c.text for c in rules.arguments(case)] == ["Below frontier"]
    case.absent_relations = {"claims", "information_requests"}
    with CaptureQueriesContext(connection) as ctx:
        assert rules.arguments(case) == []
        assert rules.open_requests(case) == []
    assert ctx.captured_queries == []


def test_the_case_page_of_a_case_without_requests_or_claims_reads_neither(
    client, caseworker, assessing_a
):
    client.force_login(caseworker)
    with CaptureQueriesContext(connection) as ctx:
        page = client.get(reverse("workspace:case", args=[assessing_a.reference]))
    assert page.status_code == 200
    sql = " ".join(q["sql"] for q in ctx.captured_queries)
    assert '"cases_informationrequest"."id"' not in sql and '"cases_claim"."id"' not in sql
    # the guards still answer: with no open request, a request can be sent
    assert reverse("workspace:request_information", args=[assessing_a.reference]) in (
        page.content.decode()
    )
