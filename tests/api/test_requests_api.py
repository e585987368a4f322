"""REST API v1 for requests over time: withdraw a request and extend a due date (caseworkers),
ask for more time (the provider), grant or refuse it (caseworkers) — the allowed role, a refused
one (403), another provider's (404), a refused action (409 with the reasons); the request shows
its status, lapse, withdrawal and extensions; the OpenAPI schema shows every endpoint."""

from __future__ import annotations

import datetime

import pytest
import time_machine
import yaml

from gpai_cases.cases import services

from .test_api import api, problem

pytestmark = pytest.mark.django_db

D = datetime.date


def at(day: datetime.date):
    return time_machine.travel(datetime.datetime.combine(day, datetime.time(9), datetime.UTC))


@pytest.fixture
def rfi(assessing_a, caseworker):
    """A question sent Tue 1 Dec 2026, due Tue 15 Dec 2026."""
    with at(D(2026, 12, 1)):
        return services.information_request_send(
            actor=caseworker, case=assessing_a, questions=["Which chips?"]
        )


def url(rfi, action: str) -> str:
    return f"/api/v1/information-requests/{rfi.pk}/{action}/"


def test_a_caseworker_withdraws_a_request_and_the_request_shows_it(
    rfi, caseworker, member_a, member_b, approver
):
    with at(D(2026, 12, 2)):
        problem(api(member_a).post(url(rfi, "withdraw"), {"reason": "x"}, format="json"), 403)
        problem(api(approver).post(url(rfi, "withdraw"), {"reason": "x"}, format="json"), 403)
        problem(api(member_b).post(url(rfi, "withdraw"), {"reason": "x"}, format="json"), 404)
        refused = problem(api(caseworker).post(url(rfi, "withdraw"), {}, format="json"), 409)
        assert refused["reasons"] == ["Give the reason for withdrawing the request."]
        done = api(caseworker).post(
            url(rfi, "withdraw"), {"reason": "Sent by mistake."}, format="json"
        )
    assert done.status_code == 200, done.content
    body = done.json()
    assert body["status"] == "withdrawn"
    assert body["withdrawn"]["reason"] == "Sent by mistake."
    with at(D(2026, 12, 3)):
        again = problem(
            api(caseworker).post(url(rfi, "withdraw"), {"reason": "y"}, format="json"), 409
        )
    assert again["reasons"] == ["This request was withdrawn."]


def test_a_caseworker_extends_a_due_date_and_a_saturday_moves_to_monday(rfi, caseworker, member_a):
    with at(D(2026, 12, 2)):
        problem(
            api(member_a).post(url(rfi, "extend"), {"due_date": "2026-12-19"}, format="json"),
            403,
        )
        problem(api(caseworker).post(url(rfi, "extend"), {"reason": "R"}, format="json"), 400)
        earlier = problem(
            api(caseworker).post(
                url(rfi, "extend"), {"due_date": "2026-12-10", "reason": "R"}, format="json"
            ),
            409,
        )
        assert earlier["reasons"] == [
            "The new due date must be later than the current one, Tue 15 Dec 2026."
        ]
        done = api(caseworker).post(
            url(rfi, "extend"), {"due_date": "2026-12-19", "reason": "Complex."}, format="json"
        )
    assert done.status_code == 200, done.content
    body = done.json()
    assert body["due_date"] == "2026-12-21" and body["due_date_set"] == "2026-12-19"
    assert "not a working day" in body["due_rule"]
    [extension] = body["extensions"]
    assert extension["origin"] == "own_motion" and extension["status"] == "granted"
    assert (extension["old_due_date"], extension["new_due_date"]) == ("2026-12-15", "2026-12-21")


def test_the_provider_asks_for_more_time_and_a_caseworker_grants_it(rfi, caseworker, member_a):
    with at(D(2026, 12, 8)):
        problem(
            api(caseworker).post(
                url(rfi, "extension-requests"),
                {"proposed_due_date": "2027-01-08", "reason": "R"},
                format="json",
            ),
            403,
        )
        problem(api(member_a).post(url(rfi, "extension-requests"), {}, format="json"), 400)
        asked = api(member_a).post(
            url(rfi, "extension-requests"),
            {"proposed_due_date": "2027-01-08", "reason": "Team away."},
            format="json",
        )
        assert asked.status_code == 201, asked.content
        assert asked.json()["status"] == "pending"
        twice = problem(
            api(member_a).post(
                url(rfi, "extension-requests"),
                {"proposed_due_date": "2027-01-09", "reason": "Again."},
                format="json",
            ),
            409,
        )
        assert "already asked for more time" in twice["detail"]
    grant = f"/api/v1/extension-requests/{asked.json()['id']}/grant/"
    with at(D(2026, 12, 9)):
        problem(api(member_a).post(grant, {"due_date": "2027-01-08"}, format="json"), 403)
        done = api(caseworker).post(grant, {"due_date": "2027-01-08"}, format="json")
        assert done.status_code == 200, done.content
        assert done.json()["due_date"] == "2027-01-08"
        decided = problem(
            api(caseworker).post(grant, {"due_date": "2027-01-08"}, format="json"), 409
        )
    assert decided["reasons"] == ["This request for more time has already been decided."]


def test_a_caseworker_refuses_more_time_with_a_note(rfi, caseworker, member_a, member_b):
    with at(D(2026, 12, 8)):
        extension = services.extension_request(
            actor=member_a, request=rfi, reason="Team away.", proposed_due_date=D(2027, 1, 8)
        )
    refuse = f"/api/v1/extension-requests/{extension.pk}/refuse/"
    with at(D(2026, 12, 9)):
        problem(api(member_b).post(refuse, {"note": "No."}, format="json"), 404)
        problem(api(member_a).post(refuse, {"note": "No."}, format="json"), 403)
        no_note = problem(api(caseworker).post(refuse, {}, format="json"), 409)
        assert no_note["reasons"] == ["Say why more time is refused."]
        done = api(caseworker).post(refuse, {"note": "The questions are short."}, format="json")
    assert done.status_code == 200, done.content
    body = done.json()
    assert body["due_date"] == "2026-12-15" and body["status"] == "open"
    assert body["extensions"][0]["status"] == "refused"
    assert body["extensions"][0]["decision_note"] == "The questions are short."


def test_a_lapsed_request_is_neither_extended_nor_withdrawn(rfi, member_a, caseworker):
    services.information_requests_lapse(today=D(2026, 12, 16))
    with at(D(2026, 12, 16)):
        refused = problem(
            api(member_a).post(
                url(rfi, "extension-requests"),
                {"proposed_due_date": "2027-01-08", "reason": "Late."},
                format="json",
            ),
            409,
        )
        assert "lapsed" in refused["detail"]
        problem(api(caseworker).post(url(rfi, "withdraw"), {"reason": "x"}, format="json"), 409)
        problem(
            api(caseworker).post(
                url(rfi, "extend"), {"due_date": "2027-01-08", "reason": "R"}, format="json"
            ),
            409,
        )
        listed = api(member_a).get(f"/api/v1/cases/{rfi.case.reference}/information-requests/")
    assert listed.status_code == 200
    [shown] = listed.json()
    assert (shown["status"], shown["lapsed_on"]) == ("lapsed", "2026-12-16")
    assert shown["withdrawn"] is None and shown["extensions"] == []


def test_the_openapi_schema_shows_every_new_endpoint(db):
    schema = yaml.safe_load(api().get("/api/schema/").content)
    paths = schema["paths"]
    for path in (
        "/api/v1/information-requests/{id}/withdraw/",
        "/api/v1/information-requests/{id}/extend/",
        "/api/v1/information-requests/{id}/extension-requests/",
        "/api/v1/extension-requests/{id}/grant/",
        "/api/v1/extension-requests/{id}/refuse/",
    ):
        assert "post" in paths[path], path
        assert "409" in paths[path]["post"]["responses"]
    request = schema["components"]["schemas"]["InformationRequest"]["properties"]
    assert {"status", "lapsed_on", "withdrawn", "extensions", "due_rule"} <= set(request)
