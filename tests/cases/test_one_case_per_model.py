"""docs/rules.md § one-case-per-model: no new notification while the model has an open
notification or ex officio case, or an active designation — refused in words naming the case or
the designation, by the service, the portal and the API; and a second designation of a model is
refused in words (the guard first, the database constraint behind it), never a 500."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from gpai_cases.cases import rules, services
from gpai_cases.cases.models import Case, Decision, Designation, State
from gpai_cases.cases.services import ActionRefused

from ..conftest import file_draft_notification

pytestmark = pytest.mark.django_db

DECIDED = datetime.datetime(2026, 3, 20, 9, tzinfo=datetime.UTC)


def under_assessment(member, model, caseworker) -> Case:
    case = file_draft_notification(member, model)
    services.case_submit(actor=member, case=case)
    return services.case_take_up(actor=caseworker, case=case)


def designate(case: Case, caseworker, approver) -> Designation:
    with time_machine.travel(DECIDED):
        services.decision_propose(actor=caseworker, case=case, outcome="designate", reasoning="R")
        services.decision_approve(actor=approver, case=case)
    return Designation.objects.get(case=case)


def second_case_as_before_the_rule(monkeypatch, member, model) -> Case:
    """A second notification of the same model, as could be filed before this rule existed."""
    with monkeypatch.context() as m:
        m.setattr(rules, "notify_blockers", lambda model: [])
        return file_draft_notification(member, model)


# ---- the notification is refused ----------------------------------------------------------------


def test_a_second_notification_is_refused_while_the_first_is_a_draft_naming_the_case(
    member_a, model_a
):
    first = file_draft_notification(member_a, model_a)
    with pytest.raises(ActionRefused) as refused:
        file_draft_notification(member_a, model_a)
    assert f"already has an open notification, case {first.reference} (draft)" in str(refused.value)
    assert Case.objects.filter(model=model_a).count() == 1


def test_a_second_notification_is_refused_while_the_first_is_under_assessment(
    member_a, model_a, caseworker
):
    first = under_assessment(member_a, model_a, caseworker)
    with pytest.raises(ActionRefused, match=f"case {first.reference} \\(under assessment\\)"):
        file_draft_notification(member_a, model_a)


def test_a_notification_is_refused_while_an_ex_officio_case_is_open(member_a, model_a, caseworker):
    ex_officio = services.case_open_ex_officio(actor=caseworker, model=model_a, basis="ex_officio")
    with pytest.raises(ActionRefused) as refused:
        file_draft_notification(member_a, model_a)
    assert f"ex officio procedure on {model_a} is open (case {ex_officio.reference})" in str(
        refused.value
    )


def test_a_notification_is_refused_for_a_designated_model_naming_the_designation_date(
    member_a, model_a, caseworker, approver
):
    case = under_assessment(member_a, model_a, caseworker)
    designate(case, caseworker, approver)
    with pytest.raises(ActionRefused) as refused:
        file_draft_notification(member_a, model_a)
    assert (
        f"is designated as a GPAI model with systemic risk since 20 March 2026 (case "
        f"{case.reference})" in str(refused.value)
    )


def test_a_withdrawn_case_no_longer_blocks_a_new_notification(member_a, model_a):
    first = file_draft_notification(member_a, model_a)
    services.case_withdraw(actor=member_a, case=first, reason="Filed too early")
    second = file_draft_notification(member_a, model_a)
    assert second.state == State.DRAFT


def test_can_notify_answers_as_the_blockers_do_through_draft_assessment_designation_and_withdrawal(
    member_a, model_a, model_b, caseworker, approver
):
    """The portal's list asks ``can_notify`` of each model; it reads the same conditions as the
    sentences the service refuses with."""

    def both(model):
        model.refresh_from_db()
        return rules.can_notify(model), not rules.notify_blockers(model)

    assert both(model_a) == (True, True)
    draft = file_draft_notification(member_a, model_a)
    assert both(model_a) == (False, False)
    services.case_withdraw(actor=member_a, case=draft, reason="Filed too early")
    assert both(model_a) == (True, True)
    designate(under_assessment(member_a, model_a, caseworker), caseworker, approver)
    assert both(model_a) == (False, False)
    assert both(model_b) == (True, True)
    services.case_open_ex_officio(actor=caseworker, model=model_b, basis="ex_officio")
    assert both(model_b) == (False, False)


def test_the_api_refuses_a_second_notification_with_409_naming_the_case(member_a, model_a):
    first = file_draft_notification(member_a, model_a)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=member_a).key}")
    response = client.post(
        "/api/v1/cases/",
        {
            "kind": "notification",
            "model": model_a.pk,
            "trigger_type": "met",
            "trigger_date": "2026-03-02",
            "compute_method": "hardware",
            "compute_flop": "3.2e25",
        },
        format="json",
    )
    assert response.status_code == 409
    assert first.reference in response.json()["reasons"][0]


# ---- a second designation: refused in words, never a 500 ---------------------------------------


def test_approving_a_second_designation_is_refused_by_the_guard_naming_the_designation(
    monkeypatch, member_a, model_a, caseworker, approver
):
    first = under_assessment(member_a, model_a, caseworker)
    second = second_case_as_before_the_rule(monkeypatch, member_a, model_a)
    services.case_submit(actor=member_a, case=second)
    services.case_take_up(actor=caseworker, case=second)
    services.decision_propose(actor=caseworker, case=second, outcome="designate", reasoning="R")
    designate(first, caseworker, approver)
    expected = f"is already designated since 20 March 2026 (case {first.reference})"
    assert any(expected in r for r in rules.approve_blockers(second, user=approver))
    with pytest.raises(ActionRefused, match=expected.replace("(", "\\(").replace(")", "\\)")):
        services.decision_approve(actor=approver, case=second)
    second.refresh_from_db()
    assert second.state == State.DECISION_PROPOSED
    assert not Decision.objects.filter(case=second, status="approved").exists()
    # and the proposal itself is refused once the model is designated
    services.decision_return(actor=approver, case=second, comment="Designated meanwhile.")
    with pytest.raises(ActionRefused, match="cannot be designated a second time"):
        services.decision_propose(actor=caseworker, case=second, outcome="designate", reasoning="R")


def test_the_unique_designation_constraint_at_approval_becomes_a_refusal_in_words(
    monkeypatch, member_a, model_a, caseworker, approver
):
    """The approval that used to end in `UNIQUE constraint failed: cases_designation.model_id`."""
    first = under_assessment(member_a, model_a, caseworker)
    second = second_case_as_before_the_rule(monkeypatch, member_a, model_a)
    services.case_submit(actor=member_a, case=second)
    services.case_take_up(actor=caseworker, case=second)
    services.decision_propose(actor=caseworker, case=second, outcome="designate", reasoning="R")
    designate(first, caseworker, approver)
    monkeypatch.setattr("gpai_cases.cases.rules.outcomes.already_designated", lambda case: [])
    with pytest.raises(ActionRefused) as refused:
        services.decision_approve(actor=approver, case=second)
    assert refused.value.reasons == [
        "The model has meanwhile been designated by another decision; it cannot be designated a "
        "second time. Return the proposal."
    ]
    second.refresh_from_db()
    assert second.state == State.DECISION_PROPOSED  # nothing half done
    assert not Decision.objects.filter(case=second, status="approved").exists()
    assert Designation.objects.filter(model=model_a).count() == 1


@pytest.mark.parametrize("guard", ["on", "off"])
def test_the_workspace_approval_of_a_second_designation_answers_in_words_not_a_500(
    monkeypatch, client, guard, member_a, model_a, caseworker, approver
):
    first = under_assessment(member_a, model_a, caseworker)
    second = second_case_as_before_the_rule(monkeypatch, member_a, model_a)
    services.case_submit(actor=member_a, case=second)
    services.case_take_up(actor=caseworker, case=second)
    services.decision_propose(actor=caseworker, case=second, outcome="designate", reasoning="R")
    designate(first, caseworker, approver)
    if guard == "off":
        monkeypatch.setattr("gpai_cases.cases.rules.outcomes.already_designated", lambda case: [])
    client.force_login(approver)
    response = client.post(
        reverse("workspace:approve", args=[second.reference]), {"confirm": "yes"}, follow=True
    )
    assert response.status_code == 200
    assert "designated a second time" in response.content.decode()  # in the error summary
    assert Case.objects.get(pk=second.pk).state == State.DECISION_PROPOSED


# ---- the portal says what applies to each model -------------------------------------------------


def test_the_portal_home_says_per_model_what_applies_now_instead_of_a_badge_on_every_row(
    client, member_a, provider_a, caseworker, approver
):
    from ..factories import GPAIModelFactory

    fresh = GPAIModelFactory(provider=provider_a, name="Fresh", training_compute_flop="3.2e25")
    small = GPAIModelFactory(provider=provider_a, name="Small", training_compute_flop="5e24")
    notified = GPAIModelFactory(provider=provider_a, name="Notified")
    designated = GPAIModelFactory(provider=provider_a, name="Designated")
    case = file_draft_notification(member_a, notified)
    services.case_submit(actor=member_a, case=case)
    designate(under_assessment(member_a, designated, caseworker), caseworker, approver)
    client.force_login(member_a)
    with time_machine.travel(datetime.datetime(2026, 5, 4, 9, tzinfo=datetime.UTC)):
        body = client.get(reverse("portal:home")).content.decode().split("Your models")[1]
    rows = {
        m.name: body.split(f"<td>{m}</td>")[1].split("</tr>")[0]
        for m in (fresh, small, notified, designated)
    }
    assert (
        "above the threshold: notify" in rows["Fresh"] and "Notify the Commission" in rows["Fresh"]
    )
    assert "above the threshold" not in rows["Small"] and "Notify the Commission" in rows["Small"]
    assert f"notified: case {case.reference}" in rows["Notified"]
    assert reverse("portal:case", args=[case.reference]) in rows["Notified"]
    assert "Notify the Commission" not in rows["Notified"]
    assert "designated since 20 March 2026" in rows["Designated"]
    assert "reassessment possible from 21 September 2026" in rows["Designated"]
    assert "Notify the Commission" not in rows["Designated"]
    with time_machine.travel(datetime.datetime(2026, 9, 21, 9, tzinfo=datetime.UTC)):
        body = client.get(reverse("portal:home")).content.decode()
    assert "Request a reassessment" in body


def test_the_notify_page_says_why_not_and_a_refused_post_keeps_the_values(
    client, member_a, model_a
):
    first = file_draft_notification(member_a, model_a)
    client.force_login(member_a)
    url = reverse("portal:notify", args=[model_a.pk])
    page = client.get(url).content.decode()
    assert "You cannot notify this model now" in page and first.reference in page
    assert 'disabled aria-disabled="true"' in page
    refused = client.post(url, {"trigger_type": "met", "trigger_date": "2026-03-05"})
    assert refused.status_code == 200
    body = refused.content.decode()
    assert "There is a problem" in body and first.reference in body
    assert 'value="2026-03-05"' in body  # the values are kept
    assert Case.objects.filter(model=model_a).count() == 1
