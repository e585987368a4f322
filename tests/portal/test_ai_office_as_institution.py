"""Providers see the AI Office as an institution: the provider-facing timeline (portal page and
API) names "the AI Office", never a staff member's name or e-mail address, and leaves out the AI
Office's internal steps (assignment, claim reviews, scorecards, returned proposals, clock)."""

from __future__ import annotations

import pytest
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from gpai_cases.accounts.models import Role
from gpai_cases.assessment.services import scorecard_save
from gpai_cases.cases import services

from ..factories import UserFactory

pytestmark = pytest.mark.django_db
INTERNAL = {"assigned", "claim_reviewed", "assessment_saved", "decision_returned", "clock_stopped"}


@pytest.fixture
def worked_on(member_a, model_a, caseworker, approver):
    from ..conftest import file_draft_notification

    case = file_draft_notification(member_a, model_a)
    services.claims_file(actor=member_a, case=case, claims=[{"text": "Small", "basis": "reach"}])
    case = services.case_submit(actor=member_a, case=case)
    case = services.case_take_up(actor=caseworker, case=case)
    other = UserFactory(role=Role.CASEWORKER, email="cem@ai-office.example", full_name="Cem Ek")
    services.case_assign(actor=approver, case=case, assignee=other, reason="Workload")
    from gpai_cases.cases.models import Claim

    services.claim_review(
        actor=other, claim=Claim.objects.get(case=case), review="not_substantiated", note="No data"
    )
    scorecard_save(actor=other, case=case, criteria={}, risks={})
    services.information_request_send(actor=other, case=case, questions=["Which chips?"])
    return case, [caseworker, approver, other]


def test_the_portal_timeline_names_the_ai_office_and_hides_internal_steps(
    client, worked_on, member_a
):
    case, staff = worked_on
    client.force_login(member_a)
    page = client.get(reverse("portal:case", args=[case.reference])).content.decode()
    timeline = page.split('id="timeline-h"')[1]
    for person in staff:
        assert person.email not in page and person.full_name not in timeline
    assert "by the AI Office" in timeline
    for step in ("Assigned", "Claim reviewed", "Assessment saved", "Clock stopped"):
        assert step not in timeline


def test_the_api_tells_a_provider_the_ai_office_not_its_staff(worked_on, member_a, caseworker):
    case, staff = worked_on
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=member_a).key}")
    events = api.get(reverse("api:case-events", args=[case.reference])).content.decode()
    detail = api.get(reverse("api:case", args=[case.reference])).json()
    for person in staff:
        assert person.email not in events and person.email not in str(detail)
    assert '"actor":"AI Office"' in events
    assert detail["assignee"] == "AI Office"
    actions = {
        e["action"]
        for e in api.get(reverse("api:case-events", args=[case.reference])).json()["results"]
    }
    assert not actions & INTERNAL
    # the AI Office itself still sees who did what
    office = APIClient()
    office.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=caseworker).key}")
    full = office.get(reverse("api:case-events", args=[case.reference])).json()["results"]
    assert {"assigned", "claim_reviewed", "assessment_saved"} <= {e["action"] for e in full}
    assert caseworker.email in {e["actor"] for e in full}


def test_a_due_date_set_by_hand_shows_its_rule_and_no_staff_address(
    client, assessing_a, caseworker, member_a
):
    import datetime

    from django.utils import timezone

    services.information_request_send(
        actor=caseworker,
        case=assessing_a,
        questions=["Q"],
        due_date=timezone.localdate() + datetime.timedelta(days=20),
    )
    client.force_login(member_a)
    page = client.get(reverse("portal:case", args=[assessing_a.reference])).content.decode()
    # the rule names who set the date, as a letter is signed by its official; never an address
    assert "Due date set by" in page and caseworker.email not in page
