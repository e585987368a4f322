"""The caseworkers' workspace through its views: who may enter, and the queue with its filters,
badges and CSV export. The case page and its actions: test_case_page.py."""

from __future__ import annotations

import csv
import datetime
import io
import re

import pytest
import time_machine
from django.urls import reverse

from gpai_cases.cases import services
from gpai_cases.cases.models import Designation

from ..conftest import file_draft_notification
from ..factories import GPAIModelFactory

pytestmark = pytest.mark.django_db


# ---- who may enter ------------------------------------------------------------------------------


def test_the_queue_is_for_the_ai_office_only(client, member_a, caseworker, approver, office_admin):
    url = reverse("workspace:queue")
    assert client.get(url).status_code == 302  # anonymous → sign in
    client.force_login(member_a)
    assert client.get(url).status_code == 403
    for user in (caseworker, approver, office_admin):
        client.force_login(user)
        assert client.get(url).status_code == 200


def test_ai_office_home_is_the_queue(client, caseworker):
    client.force_login(caseworker)
    assert client.get(reverse("home"))["Location"] == reverse("workspace:queue")


# ---- queue ----------------------------------------------------------------------------------------


def make_cases(member, provider, n, trigger=datetime.date(2026, 3, 2)):
    """Submitted notifications (drafts are the provider's own: the queue does not show them)."""
    return [
        services.case_submit(
            actor=member,
            case=file_draft_notification(
                member, GPAIModelFactory(provider=provider), trigger_date=trigger
            ),
        )
        for _ in range(n)
    ]


def test_queue_query_count_does_not_grow_with_the_number_of_cases(
    client, caseworker, member_a, provider_a, django_assert_num_queries
):
    client.force_login(caseworker)
    make_cases(member_a, provider_a, 5)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        assert client.get(reverse("workspace:queue")).status_code == 200
    make_cases(member_a, provider_a, 40)
    with CaptureQueriesContext(connection) as many:
        response = client.get(reverse("workspace:queue"))
    assert len(many.captured_queries) == len(few.captured_queries)
    assert len(response.context["rows"]) == 45


def test_queue_counts_only_up_to_its_cap_and_reads_rows_as_values(
    client, caseworker, member_a, provider_a, monkeypatch
):
    from gpai_cases.workspace.views import queue as queue_views

    monkeypatch.setattr(queue_views, "COUNT_CAP", 3)
    make_cases(member_a, provider_a, 60)
    client.force_login(caseworker)
    response = client.get(reverse("workspace:queue"))
    assert response.context["page"].paginator.capped
    assert b"More than 53 cases." in response.content
    assert len(response.context["rows"]) == 50
    # rows are plain values: no model instance is built for a row
    assert all(
        isinstance(v, str | int | bool) for r in response.context["rows"] for v in r.values()
    )
    second = client.get(reverse("workspace:queue"), {"page": "2"})
    assert len(second.context["rows"]) == 10 and not second.context["page"].paginator.capped
    assert b"Page 2 of 2" in second.content


def test_queue_filters_search_sort_and_badges(
    client, caseworker, member_a, member_b, provider_a, model_b, assessing_a
):
    late = file_draft_notification(member_b, model_b, trigger_date=datetime.date(2026, 1, 5))
    draft = file_draft_notification(member_a, GPAIModelFactory(provider=provider_a))
    with time_machine.travel(datetime.datetime(2026, 3, 2, 9, tzinfo=datetime.UTC)):
        services.case_submit(actor=member_b, case=late)  # due 19 Jan: late
        services.information_request_send(
            actor=caseworker, case=late, questions=["Q"], due_date=datetime.date(2026, 3, 10)
        )
        make_cases(member_a, provider_a, 2, trigger=datetime.date(2026, 3, 2))
    client.force_login(caseworker)
    with time_machine.travel(datetime.datetime(2026, 3, 14, 9, tzinfo=datetime.UTC)):
        page = client.get(reverse("workspace:queue"), {"sort": "deadline"})
        refs = [r["reference"] for r in page.context["rows"]]
        assert refs[0] == late.reference  # earliest deadline first
        assert draft.reference not in refs  # a draft is the provider's own
        assert page.context["rows"][0]["overdue"] is True and page.context["rows"][0]["late"]
        assert b"overdue" in page.content
        overdue = client.get(reverse("workspace:queue"), {"overdue": "1"})
        assert [r["reference"] for r in overdue.context["rows"]] == [late.reference]
    mine = client.get(reverse("workspace:queue"), {"mine": "1"})
    assert [r["reference"] for r in mine.context["rows"]] == [assessing_a.reference]
    me = client.get(reverse("workspace:queue"), {"assignee": "me"})
    assert [r["reference"] for r in me.context["rows"]] == [assessing_a.reference]
    by_id = client.get(reverse("workspace:queue"), {"assignee": str(caseworker.pk)})
    assert [r["reference"] for r in by_id.context["rows"]] == [assessing_a.reference]
    assert f'<option value="{caseworker.pk}" selected>'.encode() in by_id.content
    nobody = client.get(reverse("workspace:queue"), {"assignee": "none"})
    assert assessing_a.reference not in [r["reference"] for r in nobody.context["rows"]]
    assert len(nobody.context["rows"]) == 3
    by_state = client.get(reverse("workspace:queue"), {"state": "under_assessment"})
    assert [r["reference"] for r in by_state.context["rows"]] == [assessing_a.reference]
    search = client.get(reverse("workspace:queue"), {"q": "beta intell"})
    assert [r["reference"] for r in search.context["rows"]] == [late.reference]
    by_provider = client.get(reverse("workspace:queue"), {"provider": str(model_b.provider_id)})
    assert [r["reference"] for r in by_provider.context["rows"]] == [late.reference]
    assert client.get(reverse("workspace:queue"), {"state": "draft"}).context["rows"] == []
    nonsense = client.get(
        reverse("workspace:queue"),
        {"state": "nonsense", "provider": "x'; drop", "page": "999", "assignee": "-1 or 1=1"},
    )
    assert nonsense.status_code == 200


def test_a_reassessment_shows_in_the_queue_with_the_decision_it_reviews(
    client, caseworker, approver, member_a, assessing_a
):
    services.decision_propose(
        actor=caseworker, case=assessing_a, outcome="designate", reasoning="R"
    )
    with time_machine.travel(datetime.datetime(2026, 1, 31, 9, tzinfo=datetime.UTC)):
        services.decision_approve(actor=approver, case=assessing_a)
    designation = Designation.objects.get(case=assessing_a)
    reassessment = services.reassessment_open(
        actor=caseworker, designation=designation, reasons="New evaluations."
    )
    client.force_login(caseworker)
    page = client.get(reverse("workspace:queue"), {"kind": "reassessment"})
    [row] = page.context["rows"]
    assert row["reference"] == reassessment.reference and row["original"] == assessing_a.reference
    original_url = reverse("workspace:case", args=[assessing_a.reference])
    assert f'of <a href="{original_url}"'.encode() in page.content
    case_page = client.get(reverse("workspace:case", args=[reassessment.reference]))
    assert f'href="{original_url}"'.encode() in case_page.content
    # the decided case shows its designation and the earliest reassessment date with its rule
    decided = client.get(original_url).content.decode()
    designation_part = decided.split('id="designation-h"')[1].split("</section>")[0]
    assert "Saturday 1 August 2026" in designation_part
    assert str(designation.reassessment_rule) in designation_part
    assert "presumption applies" in decided.split('id="model-h"')[1].split("</section>")[0]


def test_queue_csv_export_follows_the_filters(client, caseworker, assessing_a, member_b, model_b):
    file_draft_notification(member_b, model_b)
    client.force_login(caseworker)
    response = client.get(reverse("workspace:queue_csv"), {"state": "under_assessment"})
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0][0] == "reference"
    assert [r[0] for r in rows[1:]] == [assessing_a.reference]


def test_queue_csv_gives_codes_and_iso_dates_with_the_words_in_the_readers_language(
    client, caseworker, assessing_a
):
    from gpai_cases.cases.models import Case

    Case.objects.filter(pk=assessing_a.pk).update(next_deadline=datetime.date(2026, 12, 1))
    caseworker.language = "fr"
    caseworker.save(update_fields=["language"])
    client.force_login(caseworker)
    response = client.get(reverse("workspace:queue_csv"))
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    row = next(r for r in rows if r["reference"] == assessing_a.reference)
    assert row["state"] == "under_assessment"  # the code, for filters and formulas
    from django.utils import translation

    from gpai_cases.cases.models import State

    with translation.override("fr"):
        french = str(State.UNDER_ASSESSMENT.label)
    assert french != "Under assessment" and row["state_label"] == french
    assert row["next_deadline"] == "2026-12-01"  # ISO 8601: sorts as a date in any spreadsheet
    assert row["next_deadline_day"] == "mardi 1 décembre 2026"


def test_the_queue_writes_a_filtered_state_and_kind_into_its_sql(client, caseworker, assessing_a):
    """A state and a kind are statements of their own, planned once (bound as parameters,
    PostgreSQL planned the filtered queue again on every request)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(caseworker)
    with CaptureQueriesContext(connection) as ctx:
        page = client.get(reverse("workspace:queue") + "?state=under_assessment&kind=notification")
    assert [r["reference"] for r in page.context["rows"]] == [assessing_a.reference]
    rows_sql = [
        q["sql"] for q in ctx.captured_queries if 'AS "model__provider__legal_name"' in q["sql"]
    ]
    literal = re.compile(r"\"state\" = \(?'under_assessment'.*\"kind\" = \(?'notification'")
    assert rows_sql and all(literal.search(sql) for sql in rows_sql)
    other = client.get(reverse("workspace:queue") + "?state=decided&kind=notification")
    assert other.context["rows"] == []


def test_what_providers_typed_is_escaped_in_the_rows_of_the_queue_and_of_the_portal_home(
    client, caseworker, member_a, assessing_a
):
    """The rows are printed by Jinja2 from plain values (docs/adr/0026): a provider's name and a
    model's name with markup in them come out as text on both sides."""
    provider = assessing_a.model.provider
    provider.legal_name = '<b onclick="x">Evil & Co</b>'
    provider.save()
    model = assessing_a.model
    model.name = "<i>Model</i> & <script>alert(1)</script>"
    model.save()
    client.force_login(caseworker)
    queue_html = client.get(reverse("workspace:queue")).content.decode()
    assert "&lt;b onclick=&#34;x&#34;&gt;Evil &amp; Co&lt;/b&gt;" in queue_html
    assert "&lt;i&gt;Model&lt;/i&gt; &amp; &lt;script&gt;alert(1)&lt;/script&gt;" in queue_html
    assert "<script>alert" not in queue_html and "<b onclick" not in queue_html
    client.force_login(member_a)
    portal_html = client.get(reverse("portal:home")).content.decode()
    assert "&lt;i&gt;Model&lt;/i&gt; &amp; &lt;script&gt;alert(1)&lt;/script&gt;" in portal_html
    assert "<script>alert" not in portal_html
