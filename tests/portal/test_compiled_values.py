"""Queries compiled once (portal/views/compiled.py) answer what the ORM answers, for every number
of ids, with each request's values."""

from __future__ import annotations

import pytest

from gpai_cases.cases.models import OPEN_STATES, Case
from gpai_cases.portal.views.compiled import CompiledValues

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
    query = CompiledValues(_open_cases)
    for ids in ([models[0].pk], [models[1].pk], [m.pk for m in models], [models[2].pk], [0]):
        assert query(ids) == list(_open_cases(ids))
    assert len(query._compiled) == 2  # one per number of ids: 1 and 3
    assert query([]) == []


def test_an_id_that_does_not_reach_the_sql_as_a_parameter_is_refused(db):
    query = CompiledValues(lambda ids: Case.objects.filter(pk__in=ids[:1]).values_list("pk"))
    with pytest.raises(ValueError, match="once, as a parameter"):
        query([1, 2])
