"""Error pages in the service's layout, saying what happened and where to go (problem+json
under /api/); log lines as one JSON object with time, level, logger and the request id."""

from __future__ import annotations

import json
import logging
from unittest import mock

import pytest
from django.test import Client
from django.urls import reverse

from gpai_cases.core.logs import JsonFormatter

pytestmark = pytest.mark.django_db


def test_a_provider_on_the_workspace_gets_a_styled_403_with_the_reason_and_a_way_back(
    client, member_a
):
    client.force_login(member_a)
    response = client.get(reverse("workspace:queue"))
    page = response.content.decode()
    assert response.status_code == 403
    assert 'class="ecl-site-header"' in page and "You may not open this page" in page
    assert "The workspace is for the AI Office." in page
    assert 'href="/"' in page and "Sign out" in page


def test_an_unknown_page_gets_a_styled_404(client):
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    assert b"Page not found" in response.content and b'class="ecl-site-header"' in response.content


def test_a_crash_gets_a_styled_500_with_a_reference_and_no_details(client, member_a):
    client.force_login(member_a)
    client.raise_request_exception = False
    with mock.patch("gpai_cases.portal.views.home.provider_for", side_effect=RuntimeError("boom")):
        response = client.get(reverse("portal:home"), HTTP_X_REQUEST_ID="req-0123456789")
    page = response.content.decode()
    assert response.status_code == 500
    assert "Something went wrong on our side" in page and 'class="ecl-site-header"' in page
    assert "req-0123456789" in page and "boom" not in page


def test_an_expired_form_gets_a_styled_403_saying_what_to_do(member_a):
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("login"), {"username": member_a.email, "password": "x"})
    assert response.status_code == 403
    assert b"reload the page and send the form again" in response.content


def test_errors_under_the_api_are_problem_json(client):
    response = client.get("/api/v1/nothing-here/")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["status"] == 404


def test_a_log_line_is_one_json_object_with_time_level_logger_and_ids():
    record = logging.LogRecord("gpai.test", logging.ERROR, __file__, 1, "a\nb %s", ("c",), None)
    try:
        raise ValueError("inside")
    except ValueError:
        import sys

        record.exc_info = sys.exc_info()
    line = JsonFormatter().format(record)
    assert "\n" not in line
    entry = json.loads(line)
    assert entry["level"] == "ERROR" and entry["logger"] == "gpai.test"
    assert entry["message"] == "a\nb c" and "ValueError: inside" in entry["exception"]
    assert entry["time"].endswith("+00:00")


def test_a_request_has_an_id_in_its_response_and_its_log_lines(client, caplog):
    with caplog.at_level(logging.WARNING, logger="django.request"):
        response = client.get("/no/such/page/", HTTP_X_REQUEST_ID="abcdef0123456789")
    assert response["X-Request-ID"] == "abcdef0123456789"
    (record,) = [r for r in caplog.records if r.name == "django.request"]
    assert json.loads(JsonFormatter().format(record))["request_id"] == "abcdef0123456789"
    # an id that is not well formed is replaced, never echoed
    odd = client.get("/", HTTP_X_REQUEST_ID="<script>")
    assert odd["X-Request-ID"] != "<script>" and len(odd["X-Request-ID"]) == 32


def test_a_task_log_line_carries_the_task_id():
    from gpai_cases.core.logs import task_finished, task_started

    record = logging.LogRecord("gpai.task", logging.INFO, __file__, 1, "rendered", (), None)
    task_started(task_id="task-42")
    try:
        assert json.loads(JsonFormatter().format(record))["task_id"] == "task-42"
    finally:
        task_finished()
    assert "task_id" not in json.loads(JsonFormatter().format(record))
