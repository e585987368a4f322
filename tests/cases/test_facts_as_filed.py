"""docs/rules.md § facts-as-filed: at submission a notification keeps a snapshot of what the case
relies on; the case pages, the scorecard's provider figures and the letters show it; later edits
of the model are versioned (core.RecordChange) and recorded and flagged on its open cases."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse

from gpai_cases.assessment.services import provider_figures
from gpai_cases.cases import facts, services
from gpai_cases.cases.models import CaseEvent
from gpai_cases.core.models import RecordChange
from gpai_cases.letters.models import Letter
from gpai_cases.letters.rendering import render_html

from ..conftest import file_draft_notification

pytestmark = pytest.mark.django_db

SUBMITTED = datetime.datetime(2026, 3, 10, 9, 30, tzinfo=datetime.UTC)
LATER = datetime.datetime(2026, 5, 5, 9, tzinfo=datetime.UTC)


def edit_users(member, model, users: int, **more):
    """The provider edits the model in the portal's way (through the service)."""
    with time_machine.travel(LATER, tick=False):
        return services.model_update(
            actor=member, model=model, via="portal", eu_business_users=users, **more
        )


def test_submission_keeps_a_snapshot_of_the_notification_and_the_models_figures(draft_a, member_a):
    with time_machine.travel(SUBMITTED, tick=False):
        case = services.case_submit(actor=member_a, case=draft_a)
    filed = case.notification.filed
    assert filed["filed_at"] == "2026-03-10T09:30:00+00:00"
    assert filed["notification"] == {
        "trigger_type": "met",
        "trigger_date": "2026-03-02",
        "compute_flop": "32000000000000000000000000",
        "compute_method": "hardware",
        "compute_inputs": {
            "accelerators": 10000,
            "peak_flops": "9.89e14",
            "utilisation": "0.4",
            "hours": 2160,
        },
    }
    assert filed["model"] == {
        "training_compute_flop": "32000000000000000000000000",
        "parameter_count": "400000000000",
        "training_tokens": "15000000000000",
        "modalities": "text, code",
        "eu_business_users": "12000",
        "eu_end_users": "3000000",
        "release_mode": "api",
        "eu_market_date": "",
        "planned_release_date": "",
    }


def test_a_draft_shows_the_current_figures_and_a_submitted_case_the_figures_as_filed(
    draft_a, member_a
):
    edit_users(member_a, draft_a.model, 11_000)
    assert facts.case_facts(draft_a).shown("eu_business_users") == "11,000"
    assert facts.case_facts(draft_a).as_filed is False
    case = services.case_submit(actor=member_a, case=draft_a)
    edit_users(member_a, case.model, 9_999)
    case.refresh_from_db()
    assert facts.case_facts(case).as_filed is True
    assert facts.case_facts(case).shown("eu_business_users") == "11,000"


def test_a_model_edit_after_submission_leaves_the_decided_case_as_filed_and_is_flagged_on_an_open_case(
    member_a, model_a, caseworker, approver, client, provider_a
):
    from ..factories import GPAIModelFactory

    decided = file_draft_notification(member_a, model_a)
    with time_machine.travel(SUBMITTED, tick=False):
        services.case_submit(actor=member_a, case=decided)
    services.case_take_up(actor=caseworker, case=decided)
    services.decision_propose(actor=caseworker, case=decided, outcome="designate", reasoning="R")
    services.decision_approve(actor=approver, case=decided)
    other_model = GPAIModelFactory(provider=provider_a, name="Alpha-2")
    open_case = file_draft_notification(member_a, other_model)
    services.case_submit(actor=member_a, case=open_case)

    edit_users(member_a, model_a, 9_999, parameter_count="5e11")
    edit_users(member_a, other_model, 9_999)

    # the decided case: its figures as filed, on the page and in the scorecard's provider figures
    assert provider_figures(decided)["f"].startswith("12,000 registered EU business users")
    assert provider_figures(decided)["a"] == "4 × 10^11"
    client.force_login(caseworker)
    page = client.get(reverse("workspace:case", args=[decided.reference])).content.decode()
    assert "12,000" in page and "9,999" not in page
    assert "as filed with the notification on 10 March 2026" in page
    assert not CaseEvent.objects.filter(case=decided, action="model_changed").exists()
    # the open case: recorded with old and new values, and flagged on its page
    event = CaseEvent.objects.get(case=open_case, action="model_changed")
    assert event.payload["changes"] == {"eu_business_users": ["12000", "9999"]}
    assert event.payload["by"] == "provider" and event.payload["via"] == "portal"
    page = client.get(reverse("workspace:case", args=[open_case.reference])).content.decode()
    assert "Changed by the provider after submission — EU business users: 12,000 → 9,999" in page
    assert "5 May 2026" in page
    assert provider_figures(open_case)["f"].startswith("12,000")  # the figure relied on


def test_every_model_edit_is_a_recorded_version_with_old_and_new_values_as_text(member_a, model_a):
    edit_users(member_a, model_a, 9_999)
    services.model_update(
        actor=member_a, model=model_a, via="api", reason="Typo", eu_business_users=9_998
    )
    services.model_update(actor=member_a, model=model_a, eu_business_users=9_998)  # no change
    versions = list(
        RecordChange.objects.filter(record_type="providers.GPAIModel", record_id=model_a.pk)
    )
    assert [(v.version, v.changes, v.via, v.reason) for v in versions] == [
        (2, {"eu_business_users": ["12000", "9999"]}, "portal", ""),
        (3, {"eu_business_users": ["9999", "9998"]}, "api", "Typo"),
    ]
    assert versions[0].actor == member_a


def test_registering_a_model_records_its_first_version(member_a, provider_a):
    model = services.model_register(
        actor=member_a, provider=provider_a, via="portal", name="New", training_compute_flop="2e25"
    )
    (first,) = RecordChange.objects.filter(record_type="providers.GPAIModel", record_id=model.pk)
    assert first.version == 1
    assert first.changes["training_compute_flop"] == ["", "20000000000000000000000000"]


def test_an_edit_in_the_admin_is_versioned_and_recorded_on_the_open_cases(client, submitted_a):
    from gpai_cases.accounts.models import Role

    from ..factories import UserFactory

    admin = UserFactory(
        role=Role.ADMIN, email="root@ai-office.example", is_staff=True, is_superuser=True
    )
    model = submitted_a.model
    client.force_login(admin)
    url = reverse("admin:providers_gpaimodel_change", args=[model.pk])
    form = client.get(url).context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None}
    data.update(
        provider=model.provider_id,
        modalities='["text", "code"]',
        eu_business_users=8000,
        release_mode="api",
    )
    response = client.post(url, data)
    assert response.status_code == 302, response.content
    change = RecordChange.objects.get(record_id=model.pk, version=2)
    assert change.via == "admin" and change.changes["eu_business_users"] == ["12000", "8000"]
    event = CaseEvent.objects.get(case=submitted_a, action="model_changed")
    assert event.payload["by"] == "ai_office"


def test_the_api_edits_a_model_as_a_recorded_version(member_a, submitted_a):
    from rest_framework.authtoken.models import Token
    from rest_framework.test import APIClient

    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=member_a).key}")
    response = client.patch(
        f"/api/v1/models/{submitted_a.model_id}/",
        {"eu_business_users": 9999, "reason": "Recount"},
        format="json",
    )
    assert response.status_code == 200 and response.json()["eu_business_users"] == 9999
    submitted_a.model.refresh_from_db()
    assert submitted_a.model.training_compute_flop == Decimal("3.2e25")  # untouched
    event = CaseEvent.objects.get(case=submitted_a, action="model_changed")
    assert event.payload["via"] == "api" and event.payload["reason"] == "Recount"


def test_the_letters_show_the_figures_as_filed(draft_a, member_a, caseworker, approver):
    with time_machine.travel(SUBMITTED, tick=False):
        case = services.case_submit(actor=member_a, case=draft_a)
    edit_users(member_a, case.model, 9_999)
    acknowledgement = Letter.objects.get(case=case, kind="acknowledgement")
    html = render_html(acknowledgement)
    assert "What you notified" in html and "12,000" in html and "9,999" not in html
    services.case_take_up(actor=caseworker, case=case)
    decision = services.decision_propose(
        actor=caseworker, case=case, outcome="designate", reasoning="R"
    )
    services.decision_approve(actor=approver, case=case)
    html = render_html(Letter.objects.get(decision=decision))
    assert "The facts notified" in html and "12,000" in html and "9,999" not in html
