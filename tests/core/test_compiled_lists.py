"""Queries compiled once (core/compiled.py) over lists of ids (the portal home's open cases of its
models) answer what the ORM answers, for every number of ids, with each request's values."""

from __future__ import annotations

import pytest
from django.db import connections

from gpai_cases.cases.models import OPEN_STATES, Case
from gpai_cases.core.compiled import Compiled

from ..conftest import file_draft_notification
from ..factories import GPAIModelFactory

pytestmark = pytest.mark.django_db


def _open_cases(models):
    return (
        Case.objects.filter(model_id__in=models, state__in=OPEN_STATES)
        .order_by("reference")
        .values_list("model_id", "reference", "state", "notification__wizard_step")
    )


def test_compiled_once_it_answers_as_the_orm_for_any_ids(member_a, provider_a, provider_b):
    models = [GPAIModelFactory(provider=p) for p in (provider_a, provider_a, provider_b)]
    for m in models[:2]:
        file_draft_notification(member_a, m, evidence=False)
    query = Compiled(lambda shape, ids: _open_cases(ids))
    for ids in ([models[0].pk], [models[1].pk], [m.pk for m in models], [models[2].pk], [0]):
        assert query.rows((), ids) == list(_open_cases(ids))
    # one per number of ids: 1 and 3
    assert len(query._by_connection[connections["default"]]) == 2
    assert query.rows((), []) == []


def test_an_id_that_does_not_reach_the_sql_as_a_parameter_is_refused(db):
    query = Compiled(lambda shape, ids: Case.objects.filter(pk__in=ids[:1]).values_list("pk"))
    with pytest.raises(ValueError, match="did not reach the SQL"):
        query.rows((), [1, 2])
