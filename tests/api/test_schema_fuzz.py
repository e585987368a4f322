"""Property-based fuzzing of the API against its own served OpenAPI schema (schemathesis):
no response is a server error, and every documented response matches the schema."""

from __future__ import annotations

import os

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from rest_framework.authtoken.models import Token
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from gpai_cases.wsgi import application

from ..conftest import file_draft_notification

schema = schemathesis.openapi.from_wsgi("/api/schema/", application)


@pytest.fixture
def keep_test_connection():
    """Like Django's test client: requests must not close the test's database connection."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def tokens(keep_test_connection, member_a, caseworker, model_a):
    file_draft_notification(member_a, model_a)  # something to find
    return {
        "provider": Token.objects.get_or_create(user=member_a)[0].key,
        "caseworker": Token.objects.get_or_create(user=caseworker)[0].key,
    }


@pytest.mark.django_db
@schema.parametrize()
@settings(
    max_examples=int(os.environ.get("FUZZ_EXAMPLES", 12)),
    deadline=None,
    suppress_health_check=list(HealthCheck),
)
@pytest.mark.parametrize("who", ["provider", "caseworker"])
def test_api_never_answers_500_and_keeps_to_its_schema(case, tokens, who):
    case.call_and_validate(
        headers={"Authorization": f"Token {tokens[who]}"},
        checks=[not_a_server_error, response_schema_conformance],
    )
