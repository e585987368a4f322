"""The workspace's pages for requests over time: the case page shows each request's state, due
date with its rule, extensions and pending requests for more time; withdrawing asks for a
confirmation; refused forms come back with what was typed and the reasons."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.urls import reverse

from gpai_cases.cases import services
from gpai_cases.cases.models import InformationRequest, RequestExtension

pytestmark = pytest.mark.django_db

D = datetime.date


def at(day: datetime.date):
    return time_machine.travel(datetime.datetime.combine(day, datetime.time(9), datetime.UTC))


def send(caseworker, case, on: datetime.date, **kwargs):
    kwargs.setdefault("questions", ["Which chips?"])
    with at(on):
        return services.information_request_send(actor=caseworker, case=case, **kwargs)


def page(client, case) -> str:
    response = client.get(reverse("workspace:case", args=[case.reference]))
    assert response.status_code == 200, (response.status_code, response.get("Location"))
    return response.content.decode()


def test_the_case_page_shows_every_state_of_a_request(client, assessing_a, caseworker, member_a):
    answered = send(caseworker, assessing_a, D(2026, 12, 1))
    lapsed = send(caseworker, assessing_a, D(2026, 12, 1), questions=["Q2"])
    withdrawn = send(caseworker, assessing_a, D(2026, 12, 1), questions=["Q3"])
    extended = send(caseworker, assessing_a, D(2026, 12, 1), due_date=D(2026, 12, 12))
    with at(D(2026, 12, 3)):
        services.information_request_answer(actor=member_a, request=answered, response="A.")
        services.information_request_withdraw(
            actor=caseworker, request=withdrawn, reason="Sent by mistake."
        )
        services.extension_request(
            actor=member_a, request=extended, reason="Team away.", proposed_due_date=D(2027, 1, 8)
        )
    services.information_requests_lapse(today=D(2026, 12, 16))
    with at(D(2026, 12, 16)):
        client.force_login(caseworker)  # sessions expire: sign in on the day
        body = page(client, assessing_a)
    assert "answered on 3 Dec 2026" in body
    assert "lapsed on 16 Dec 2026 — not answered" in body
    assert "withdrawn on 3 Dec 2026: Sent by mistake." in body
    # the typed Saturday, moved to the Monday, with its rule behind the date
    assert "due Mon 14 Dec 2026" in body and "Sat 12 Dec 2026, not a working day" in body
    assert "The provider asks for more time, until Fri 8 Jan 2027." in body
    ext = RequestExtension.objects.get(request=extended)
    assert reverse("workspace:extension_decide", args=[assessing_a.reference, ext.pk]) in body
    assert "awaiting a decision" in body
    # withdraw and extend are offered on none of these: each is closed or waits for a decision
    for r in (answered, lapsed, withdrawn):
        assert reverse("workspace:request_withdraw", args=[assessing_a.reference, r.pk]) not in body
    assert reverse("workspace:request_withdraw", args=[assessing_a.reference, extended.pk]) in body


def test_withdrawing_asks_for_a_confirmation_and_keeps_the_reason(client, assessing_a, caseworker):
    request = send(caseworker, assessing_a, D(2026, 12, 1))
    url = reverse("workspace:request_withdraw", args=[assessing_a.reference, request.pk])
    with at(D(2026, 12, 2)):
        client.force_login(caseworker)
        body = page(client, assessing_a)
        assert url in body
        shown = client.get(url).content.decode()
        assert "Withdraw the request for information?" in shown and "I confirm" in shown
        unconfirmed = client.post(url, {"reason": "Wrong provider."})
        assert unconfirmed.status_code == 200
        assert "There is a problem" in unconfirmed.content.decode()
        assert "Wrong provider." in unconfirmed.content.decode()  # kept
        assert InformationRequest.objects.get(pk=request.pk).status == "open"
        done = client.post(url, {"reason": "Wrong provider.", "confirm": "on"}, follow=True)
    assert "The request has been withdrawn" in done.content.decode()
    assert InformationRequest.objects.get(pk=request.pk).status == "withdrawn"


def test_a_refused_extension_form_comes_back_with_the_date_and_the_reason_typed(
    client, assessing_a, caseworker
):
    request = send(caseworker, assessing_a, D(2026, 12, 1))  # due Tue 15 Dec 2026
    url = reverse("workspace:request_extend", args=[assessing_a.reference, request.pk])
    with at(D(2026, 12, 2)):
        client.force_login(caseworker)
        refused = client.post(url, {"due_date": "2026-12-10", "reason": "Complex questions."})
        body = refused.content.decode()
        assert refused.status_code == 200
        assert "The new due date must be later than the current one, Tue 15 Dec 2026." in body
        assert 'value="2026-12-10"' in body and "Complex questions." in body
        done = client.post(url, {"due_date": "2026-12-19", "reason": "Complex."}, follow=True)
    assert "The due date has been extended" in done.content.decode()
    request.refresh_from_db()
    assert request.due_date == D(2026, 12, 21)


def test_a_caseworker_refuses_or_grants_more_time_on_its_own_page(
    client, assessing_a, caseworker, member_a
):
    request = send(caseworker, assessing_a, D(2026, 12, 1))
    with at(D(2026, 12, 8)):
        asked = services.extension_request(
            actor=member_a, request=request, reason="Team away.", proposed_due_date=D(2027, 1, 8)
        )
    url = reverse("workspace:extension_decide", args=[assessing_a.reference, asked.pk])
    with at(D(2026, 12, 9)):
        client.force_login(caseworker)
        shown = client.get(url).content.decode()
        assert "Team away." in shown and 'value="2027-01-08"' in shown  # the date asked for
        refused = client.post(url, {"decision": "refuse", "note": ""}).content.decode()
        assert "Say why more time is refused." in refused
        assert 'value="refuse" id="id_decision_1" required checked' in refused  # kept
        done = client.post(url, {"decision": "grant", "due_date": "2027-01-08"}, follow=True)
    assert "Decided" in done.content.decode()
    request.refresh_from_db()
    assert request.due_date == D(2027, 1, 8)
    with at(D(2026, 12, 10)):
        again = client.get(url).content.decode()
    assert "This request for more time has already been decided." in again
