"""The provider's decided case page states the outcome, the date from which systemic risk applies,
the earliest reassessment date with its rule, and leads to the provider's own reassessment request."""

from __future__ import annotations

import pytest
from django.urls import reverse

from gpai_cases.cases import services

pytestmark = pytest.mark.django_db


def _page(client, member_a, case) -> str:
    client.force_login(member_a)
    return client.get(reverse("portal:case", args=[case.reference])).content.decode()


def test_the_decided_case_page_states_outcome_dates_and_rule(client, member_a, designation_a):
    page = _page(client, member_a, designation_a.case)
    section = page.split('id="outcome-h"')[1].split("</section>")[0]
    assert "Designate as GPAI model with systemic risk" in section
    assert "decided on 15 September 2026" in section
    start = designation_a.systemic_risk_since or designation_a.decided_on
    assert f"{start:%A} {start.day} {start:%B %Y}" in section  # long form with the weekday
    earliest = designation_a.reassessment_earliest
    assert f"{earliest:%A} {earliest.day} {earliest:%B %Y}" in section
    assert str(designation_a.reassessment_rule) in section
    assert reverse("portal:reassessment", args=[designation_a.pk]) in section


def test_an_existing_reassessment_request_is_linked_instead_of_a_new_one(
    client, member_a, designation_a
):
    draft = services.case_create_reassessment(
        actor=member_a, designation=designation_a, reasons="New evaluations."
    )
    section = _page(client, member_a, designation_a.case).split('id="outcome-h"')[1]
    section = section.split("</section>")[0]
    assert reverse("portal:case", args=[draft.reference]) in section and "state: Draft" in section
    assert reverse("portal:reassessment", args=[designation_a.pk]) not in section


def test_a_draft_reassessment_request_is_continued_and_submitted_not_a_dead_end(
    client, member_a, designation_a
):
    import datetime

    import time_machine

    from gpai_cases.cases.models import Case

    from ..conftest import pdf_upload

    draft = services.case_create_reassessment(
        actor=member_a, designation=designation_a, reasons="New evaluations."
    )
    client.force_login(member_a)
    case_page = client.get(reverse("portal:case", args=[draft.reference])).content.decode()
    url = reverse("portal:reassessment", args=[designation_a.pk])
    assert url in case_page and "Continue and submit this request" in case_page
    with time_machine.travel(datetime.datetime(2027, 3, 16, 9, tzinfo=datetime.UTC)):
        client.force_login(member_a)  # a new sign-in: the session of September has expired
        page = client.get(url).content.decode()
        assert "New evaluations." in page and "Submit the draft request" in page
        client.post(url, {"reasons": "New evaluations, and a new benchmark.", "file": pdf_upload()})
    draft.refresh_from_db()
    assert draft.state == "submitted" and draft.reasons == "New evaluations, and a new benchmark."
    assert Case.objects.filter(kind="reassessment").count() == 1  # the draft, not a second case
