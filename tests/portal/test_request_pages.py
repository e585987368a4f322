"""The portal's side of requests over time: the case page shows each request's state and due
date with its rule, offers "ask for more time" on an open request, and a refused request for
more time comes back with what was typed and the reasons."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.urls import reverse

from gpai_cases.cases import services
from gpai_cases.cases.models import RequestExtension

pytestmark = pytest.mark.django_db

D = datetime.date


def at(day: datetime.date):
    return time_machine.travel(datetime.datetime.combine(day, datetime.time(9), datetime.UTC))


def send(caseworker, case, on: datetime.date, **kwargs):
    kwargs.setdefault("questions", ["Which chips?"])
    with at(on):
        return services.information_request_send(actor=caseworker, case=case, **kwargs)


def test_the_portal_shows_each_request_and_offers_more_time_on_an_open_one(
    client, assessing_a, caseworker, member_a
):
    open_one = send(caseworker, assessing_a, D(2026, 12, 1))
    lapsed = send(
        caseworker, assessing_a, D(2026, 12, 1), questions=["Q2"], due_date=D(2026, 12, 4)
    )
    withdrawn = send(caseworker, assessing_a, D(2026, 12, 1), questions=["Q3"])
    with at(D(2026, 12, 2)):
        services.information_request_withdraw(
            actor=caseworker, request=withdrawn, reason="Sent by mistake."
        )
    services.information_requests_lapse(today=D(2026, 12, 5))
    case_url = reverse("portal:case", args=[assessing_a.reference])
    more_time = reverse("portal:extension_request", args=[assessing_a.reference, open_one.pk])
    with at(D(2026, 12, 5)):
        client.force_login(member_a)
        body = client.get(case_url).content.decode()
    assert "Waiting for your answer" in body
    assert more_time in body
    assert reverse("portal:extension_request", args=[assessing_a.reference, lapsed.pk]) not in body
    assert "lapsed on 5 Dec 2026 — not answered" in body
    assert "the request lapsed, and the assessment continues" in body
    assert "withdrawn on 2 Dec 2026: Sent by mistake." in body
    assert "Answer by Tuesday 15 December 2026, 23:59 Brussels time" in body
    assert str(open_one.due_rule) in body  # the rule behind the date


def test_asking_for_more_time_keeps_what_was_typed_when_refused(
    client, assessing_a, caseworker, member_a
):
    request = send(caseworker, assessing_a, D(2026, 12, 1))  # due Tue 15 Dec 2026
    url = reverse("portal:extension_request", args=[assessing_a.reference, request.pk])
    with at(D(2026, 12, 8)):
        client.force_login(member_a)
        assert "Ask for more time to answer" in client.get(url).content.decode()
        refused = client.post(url, {"proposed_due_date": "2026-12-14", "reason": "Team away."})
        body = refused.content.decode()
        assert refused.status_code == 200
        assert "The new due date must be later than the current one, Tue 15 Dec 2026." in body
        assert 'value="2026-12-14"' in body and "Team away." in body
        assert not RequestExtension.objects.exists()
        done = client.post(
            url, {"proposed_due_date": "2027-01-08", "reason": "Team away."}, follow=True
        )
        body = done.content.decode()
    assert "Your request for more time has been sent" in body
    assert "You asked on 8 December 2026 for more time, until Friday 8 January 2027" in body
    assert RequestExtension.objects.get(request=request).status == "pending"
    with at(D(2026, 12, 8)):
        again = client.get(url).content.decode()
    assert "already asked for more time" in again


def test_a_lapsed_request_cannot_be_answered_in_the_portal(
    client, assessing_a, caseworker, member_a
):
    request = send(caseworker, assessing_a, D(2026, 12, 1))
    url = reverse("portal:respond", args=[assessing_a.reference, request.pk])
    with at(D(2026, 12, 16)):
        client.force_login(member_a)
        body = client.get(url).content.decode()
        assert "This request lapsed: its due date, Tue 15 Dec 2026, passed unanswered." in body
        posted = client.post(url, {"response": "Late answer."}).content.decode()
    assert "passed unanswered" in posted
    request.refresh_from_db()
    assert request.status == "open" and request.response == ""
