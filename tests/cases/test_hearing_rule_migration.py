"""Migration cases 0012: a hearing stored with the request-for-information label gets the hearing's."""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps

from gpai_cases.cases import services
from gpai_cases.cases.models import InformationRequest

migration = importlib.import_module("gpai_cases.cases.migrations.0012_hearing_rules_named")
pytestmark = pytest.mark.django_db


def test_old_hearings_name_the_hearing_letter_and_questions_keep_theirs(assessing_a, caseworker):
    question = services.information_request_send(
        actor=caseworker, case=assessing_a, questions=["Which chips?"]
    )
    other = services.information_request_send(
        actor=caseworker, case=assessing_a, questions=["Your observations?"]
    )
    # a hearing as stored before the hearing label existed: labelled "rfi"
    InformationRequest.objects.filter(pk=other.pk).update(kind="hearing")
    hearing = InformationRequest.objects.get(pk=other.pk)
    assert hearing.due_rule.as_json()["params"]["label"] == {"code": "rfi"}
    migration.forwards(apps, None)
    hearing.refresh_from_db()
    question.refresh_from_db()
    assert hearing.due_rule.as_json()["params"]["label"] == {"code": "hearing"}
    assert "hearing" in str(hearing.due_rule)
    assert question.due_rule.as_json()["params"]["label"] == {"code": "rfi"}
    assert hearing.due_date == other.due_date  # only the words change
    migration.backwards(apps, None)
    hearing.refresh_from_db()
    assert hearing.due_rule.as_json()["params"]["label"] == {"code": "rfi"}
