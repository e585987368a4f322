"""Dates a user types must be plausible: a year-9999 trigger date is refused with a message, in the
rules, the portal form and the API, and never reaches the deadline arithmetic."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from gpai_cases.cases import rules, services
from gpai_cases.cases.models import Case

TODAY = datetime.date(2026, 11, 23)


@pytest.mark.parametrize(
    "value, ok",
    [
        (datetime.date(2014, 12, 31), False),
        (datetime.date(2015, 1, 1), True),
        (TODAY, True),
        (datetime.date(2031, 11, 23), True),
        (datetime.date(2031, 12, 1), False),
        (datetime.date(9999, 12, 31), False),
        (datetime.date(1, 1, 1), False),
    ],
)
def test_trigger_date_range(value, ok):
    assert (rules.trigger_date_problems(value, today=TODAY) == []) is ok


def test_request_due_date_must_be_after_today_and_within_a_year():
    check = rules.request_due_date_problems
    assert check(TODAY, today=TODAY) == ["The due date must be after today."]
    assert check(TODAY + datetime.timedelta(days=1), today=TODAY) == []
    assert check(TODAY + datetime.timedelta(days=366), today=TODAY) == []
    assert "cannot be later" in check(datetime.date(9999, 12, 31), today=TODAY)[0]


def test_alert_date_cannot_be_in_the_future():
    assert rules.alert_date_problems(TODAY + datetime.timedelta(days=1), today=TODAY)
    assert rules.alert_date_problems(TODAY, today=TODAY) == []


@pytest.mark.django_db
def test_the_service_refuses_an_implausible_trigger_date(member_a, model_a):
    with pytest.raises(services.ActionRefused, match="cannot be more than 5 years ahead"):
        services.case_create_notification(
            actor=member_a,
            model=model_a,
            trigger_type="met",
            trigger_date=datetime.date(9999, 12, 31),
        )
    assert not Case.objects.exists()


@pytest.mark.django_db
def test_the_portal_form_shows_the_problem_and_writes_nothing(client, member_a, model_a):
    client.force_login(member_a)
    response = client.post(
        reverse("portal:notify", args=[model_a.pk]),
        {"trigger_type": "met", "trigger_date": "9999-12-31"},
    )
    assert response.status_code == 200
    assert b"cannot be more than 5 years ahead" in response.content
    assert not Case.objects.exists()


@pytest.mark.django_db
def test_the_api_answers_400_with_the_field(member_a, model_a):
    from rest_framework.test import APIClient

    api = APIClient()
    api.force_authenticate(member_a)
    response = api.post(
        "/api/v1/cases/",
        {
            "kind": "notification",
            "model": model_a.pk,
            "trigger_type": "met",
            "trigger_date": "1900-01-01",
            "compute_method": "hardware",
            "compute_flop": "3.2e25",
        },
        format="json",
    )
    assert response.status_code == 400
    assert "trigger_date" in response.json()["errors"]
    assert not Case.objects.exists()
