"""Corrections of a submitted notification (docs/rules.md § facts-as-filed, § systemic-risk-since):
dated filings with a reason and evidence; the original stays as filed; the dates and flags that
follow are recomputed; a "will be met" confirmation dates the systemic risk; a receipt follows."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from gpai_cases.cases import services
from gpai_cases.cases.models import CaseEvent, Designation, NotificationCorrection
from gpai_cases.cases.services import ActionRefused
from gpai_cases.documents.models import Document
from gpai_cases.letters.models import Letter
from gpai_cases.letters.rendering import render_html

from ..conftest import file_draft_notification, pdf_upload

pytestmark = pytest.mark.django_db


def at(day: datetime.date) -> time_machine.travel:
    return time_machine.travel(
        datetime.datetime.combine(day, datetime.time(9), tzinfo=datetime.UTC), tick=False
    )


def submitted(member, model, *, on=datetime.date(2026, 3, 10), **kwargs):
    case = file_draft_notification(member, model, **kwargs)
    with at(on):
        return services.case_submit(actor=member, case=case)


def evidence(member, case, title="Final compute log"):
    return services.document_add(actor=member, case=case, uploaded_file=pdf_upload(), title=title)


def test_a_correction_of_the_compute_changes_the_figures_and_keeps_the_original_as_filed(
    member_a, model_a
):
    case = submitted(member_a, model_a)
    doc = evidence(member_a, case)
    with at(datetime.date(2026, 4, 1)):
        correction = services.notification_correct(
            actor=member_a,
            case=case,
            reason="The fine-tuning phase was left out.",
            documents=[doc],
            compute_flop="3.9e25",
            compute_method="architecture",
        )
    case.notification.refresh_from_db()
    assert case.notification.compute_flop == Decimal("3.9e25")
    assert case.notification.compute_method == "architecture"
    assert case.notification.filed["notification"]["compute_flop"] == "32000000000000000000000000"
    assert correction.changes == {
        "compute_flop": ["32000000000000000000000000", "39000000000000000000000000"],
        "compute_method": ["hardware", "architecture"],
    }
    assert list(correction.documents.all()) == [doc]
    event = CaseEvent.objects.get(case=case, action="notification_corrected")
    assert event.payload["changes"] == correction.changes
    assert event.payload["reason"] == "The fine-tuning phase was left out."


def test_a_corrected_trigger_date_recomputes_the_due_date_and_the_late_flag(member_a, model_a):
    case = submitted(member_a, model_a)  # trigger 2 Mar 2026, due 16 Mar, submitted 10 Mar
    assert case.late is False
    with at(datetime.date(2026, 4, 1)):
        services.notification_correct(
            actor=member_a,
            case=case,
            reason="The threshold was met on 20 February, not 2 March.",
            documents=[evidence(member_a, case)],
            trigger_date=datetime.date(2026, 2, 20),
        )
    case.refresh_from_db()
    assert case.notification.notification_due == datetime.date(2026, 3, 6)
    assert case.late is True  # submitted on 10 March, after the due date of 6 March
    flag = CaseEvent.objects.get(case=case, action="late_flag_changed")
    assert (flag.payload["old"], flag.payload["new"]) == (False, True)
    assert "2026-03-02 → 2026-02-20" in flag.payload["reason"]
    correction = NotificationCorrection.objects.get(case=case)
    assert correction.changes["notification_due"] == ["2026-03-16", "2026-03-06"]


def test_a_later_corrected_trigger_date_clears_the_late_flag(member_a, model_a):
    case = submitted(member_a, model_a, on=datetime.date(2026, 3, 20))  # due 16 Mar: late
    assert case.late is True
    services.notification_correct(
        actor=member_a,
        case=case,
        reason="It became known on 9 March.",
        documents=[evidence(member_a, case)],
        trigger_date=datetime.date(2026, 3, 9),
    )
    case.refresh_from_db()
    assert case.late is False and case.notification.notification_due == datetime.date(2026, 3, 23)
    assert CaseEvent.objects.filter(case=case, action="late_flag_changed").count() == 1


def test_a_will_be_met_confirmation_dates_the_systemic_risk_from_the_day_it_was_met(
    member_a, model_a, caseworker, approver
):
    case = file_draft_notification(member_a, model_a)
    services.notification_update(actor=member_a, case=case, trigger_type="will_be_met")
    with at(datetime.date(2026, 3, 10)):
        services.case_submit(actor=member_a, case=case)
    services.case_take_up(actor=caseworker, case=case)
    with at(datetime.date(2026, 4, 20)):
        services.notification_correct(
            actor=member_a,
            case=case,
            reason="The training run finished.",
            documents=[evidence(member_a, case)],
            confirms_met=True,
            compute_flop="4.1e25",
            met_on=datetime.date(2026, 4, 15),
        )
    case.notification.refresh_from_db()
    assert case.notification.met_confirmed_on == datetime.date(2026, 4, 15)
    assert case.notification.trigger_type == "will_be_met"  # the notification stays as filed
    with at(datetime.date(2026, 6, 1)):
        services.decision_propose(actor=caseworker, case=case, outcome="designate", reasoning="R")
        services.decision_approve(actor=approver, case=case)
    assert Designation.objects.get(case=case).systemic_risk_since == datetime.date(2026, 4, 15)


def test_without_a_confirmation_a_will_be_met_designation_runs_from_the_decision_date(
    member_a, model_a, caseworker, approver
):
    case = file_draft_notification(member_a, model_a)
    services.notification_update(actor=member_a, case=case, trigger_type="will_be_met")
    services.case_submit(actor=member_a, case=case)
    services.case_take_up(actor=caseworker, case=case)
    with at(datetime.date(2026, 6, 1)):
        services.decision_propose(actor=caseworker, case=case, outcome="designate", reasoning="R")
        services.decision_approve(actor=approver, case=case)
    assert Designation.objects.get(case=case).systemic_risk_since == datetime.date(2026, 6, 1)


def test_a_correction_needs_a_reason_evidence_and_a_change(member_a, model_a):
    case = submitted(member_a, model_a)
    with pytest.raises(ActionRefused) as refused:
        services.notification_correct(actor=member_a, case=case, reason=" ", documents=[])
    assert refused.value.reasons == [
        "Say why the notification is corrected.",
        "Attach at least one document as evidence for the correction.",
        "The correction changes nothing: give a new figure, method or trigger date, or confirm "
        "that the threshold has been met.",
    ]
    with pytest.raises(ActionRefused, match="The correction changes nothing"):
        services.notification_correct(
            actor=member_a,
            case=case,
            reason="Same again",
            documents=[evidence(member_a, case)],
            compute_flop="3.2e25",
        )
    assert not NotificationCorrection.objects.exists()


def test_confirming_met_needs_a_will_be_met_notification_a_final_figure_and_a_day(
    member_a, model_a
):
    case = submitted(member_a, model_a)  # "has been met"
    with pytest.raises(ActionRefused) as refused:
        services.notification_correct(
            actor=member_a,
            case=case,
            reason="Done",
            documents=[evidence(member_a, case)],
            confirms_met=True,
        )
    assert refused.value.reasons == [
        "Only a notification that the threshold will be met can be confirmed as met.",
        "Give the final training compute with the confirmation.",
        "Give the day the threshold was met.",
    ]


def test_a_draft_or_a_proposed_decision_cannot_be_corrected(member_a, model_a, draft_a, caseworker):
    with pytest.raises(ActionRefused, match="You cannot correct the notification: the case is"):
        services.notification_correct(
            actor=member_a,
            case=draft_a,
            reason="x",
            documents=list(draft_a.documents.all()),
            compute_flop="4e25",
        )
    services.case_submit(actor=member_a, case=draft_a)
    services.case_take_up(actor=caseworker, case=draft_a)
    services.decision_propose(actor=caseworker, case=draft_a, outcome="designate", reasoning="R")
    with pytest.raises(ActionRefused, match="has a decision proposed"):
        services.notification_correct(
            actor=member_a,
            case=draft_a,
            reason="x",
            documents=list(draft_a.documents.all()),
            compute_flop="4e25",
        )


def test_only_the_provider_corrects_its_notification(submitted_a, member_b, caseworker):
    for user in (member_b, caseworker):
        with pytest.raises(PermissionDenied):
            services.notification_correct(
                actor=user, case=submitted_a, reason="x", documents=[], compute_flop="4e25"
            )


def test_a_receipt_letter_follows_the_correction(member_a, model_a):
    case = submitted(member_a, model_a)
    services.notification_correct(
        actor=member_a,
        case=case,
        reason="The fine-tuning phase was left out.",
        documents=[evidence(member_a, case)],
        compute_flop="3.9e25",
    )
    letter = Letter.objects.get(case=case, kind="correction_receipt")
    html = render_html(letter)
    assert "Acknowledgement of receipt of a correction" in html
    assert "3.2 × 10^25 FLOP" in html and "3.9 × 10^25 FLOP" in html
    assert "The fine-tuning phase was left out." in html
    assert Document.objects.get(title="Final compute log").sha256 in html


def test_the_caseworker_sees_the_correction_beside_the_original_filing(
    client, member_a, model_a, caseworker
):
    case = submitted(member_a, model_a)
    services.notification_correct(
        actor=member_a,
        case=case,
        reason="The fine-tuning phase was left out.",
        documents=[evidence(member_a, case)],
        compute_flop="3.9e25",
    )
    client.force_login(caseworker)
    page = client.get(reverse("workspace:case", args=[case.reference])).content.decode()
    assert "corrected after submission" in page
    assert "As first filed" in page and "3.2 × 10^25 FLOP" in page
    assert "3.9 × 10^25" in page and "The fine-tuning phase was left out." in page


def test_the_portal_files_a_correction_with_its_evidence_and_a_refused_one_keeps_the_values(
    client, member_a, submitted_a
):
    client.force_login(member_a)
    url = reverse("portal:correct", args=[submitted_a.reference])
    case_page = client.get(reverse("portal:case", args=[submitted_a.reference])).content.decode()
    assert url in case_page and "Your notification as filed" in case_page
    refused = client.post(url, {"compute_flop": "3.2e25", "reason": "Same", "file": pdf_upload()})
    assert refused.status_code == 200
    body = refused.content.decode()
    assert "The correction changes nothing" in body and 'value="3.2e25"' in body
    assert not NotificationCorrection.objects.exists()
    assert submitted_a.documents.count() == 1  # the refused upload was not kept
    done = client.post(
        url,
        {"compute_flop": "4.2e25", "reason": "Second run counted", "file": pdf_upload()},
        follow=True,
    )
    assert "Your correction has been filed" in done.content.decode()
    correction = NotificationCorrection.objects.get(case=submitted_a)
    assert correction.changes["compute_flop"][1] == "42000000000000000000000000"


def test_the_api_files_a_correction_and_shows_the_filing_with_its_corrections(
    member_a, submitted_a, caseworker
):
    from rest_framework.authtoken.models import Token
    from rest_framework.test import APIClient

    def api(user):
        client = APIClient()
        token = Token.objects.get_or_create(user=user)[0]
        client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
        return client

    url = f"/api/v1/cases/{submitted_a.reference}/corrections/"
    doc = evidence(member_a, submitted_a)
    refused = api(member_a).post(url, {"reason": "x", "documents": [doc.pk]}, format="json")
    assert refused.status_code == 409 and "changes nothing" in refused.json()["detail"]
    created = api(member_a).post(
        url,
        {"reason": "Recount", "documents": [doc.pk], "compute_flop": "4e25"},
        format="json",
    )
    assert created.status_code == 201, created.content
    assert created.json()["changes"]["compute_flop"][1] == "40000000000000000000000000"
    assert api(caseworker).post(url, {}, format="json").status_code == 403
    filing = api(caseworker).get(url).json()
    assert filing["filed"]["notification"]["compute_flop"] == "32000000000000000000000000"
    assert len(filing["corrections"]) == 1
