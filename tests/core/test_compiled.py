"""Querysets compiled once per shape (core/compiled.py): the same rows as the ORM, one compile per
shape, and a refusal of any query whose values change its SQL."""

from __future__ import annotations

import datetime
from unittest import mock

import pytest
from django.db import connection, connections
from django.db.models import Count, Max
from django.test.utils import CaptureQueriesContext, override_settings
from django.utils import timezone

from gpai_cases.cases.models import Case
from gpai_cases.core.compiled import Compiled
from gpai_cases.reminders.models import InboxMessage
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _messages(user, n, **fields):
    return [
        InboxMessage.objects.create(user=user, kind="letter_ready", subject=f"m{i}", **fields)
        for i in range(n)
    ]


MESSAGES = Compiled(
    lambda shape, user_id, kinds, day: (
        InboxMessage.objects.filter(user_id=user_id, kind__in=kinds, created_at__date__lte=day)
        .order_by("pk")
        .values("pk", "subject", "created_at", "due_date")
    )
)


def test_the_rows_are_the_orms_with_the_values_of_each_call(member_a, caseworker):
    mine = _messages(member_a, 3, due_date=datetime.date(2026, 5, 4))
    _messages(caseworker, 2)
    today = timezone.localdate()
    got = MESSAGES.dicts((), member_a.pk, ["letter_ready"], today)
    assert got == list(MESSAGES.queryset((), member_a.pk, ["letter_ready"], today))
    assert [r["pk"] for r in got] == [m.pk for m in mine]
    # days and times come back converted, as the ORM gives them (strings on SQLite otherwise)
    assert got[0]["due_date"] == datetime.date(2026, 5, 4)
    assert isinstance(got[0]["created_at"], datetime.datetime)
    # another person's rows with the same compiled SQL
    assert len(MESSAGES.dicts((), caseworker.pk, ["letter_ready"], today)) == 2
    assert MESSAGES.rows((), caseworker.pk, ["nothing"], today) == []


def test_each_shape_is_compiled_once_and_runs_one_query(member_a, caseworker):
    _messages(member_a, 2)
    today = timezone.localdate()
    query = Compiled(MESSAGES._build)
    with mock.patch.object(query, "_compile", wraps=query._compile) as compiling:
        query.rows((), member_a.pk, ["letter_ready"], today)
        query.rows((), caseworker.pk, ["letter_ready"], today)
        with CaptureQueriesContext(connection) as ctx:
            query.rows((), member_a.pk, ["request_lapsed"], today - datetime.timedelta(days=3))
        assert len(ctx.captured_queries) == 1
        assert compiling.call_count == 1
        # a list of another length is another SQL (IN with two parameters)
        query.rows((), member_a.pk, ["letter_ready", "request_lapsed"], today)
        assert compiling.call_count == 2


def test_none_is_part_of_the_shape(member_a):
    InboxMessage.objects.create(user=member_a, kind="letter_ready", subject="read")
    unread = Compiled(
        lambda shape, user_id, read_at: InboxMessage.objects.filter(
            user_id=user_id, read_at=read_at
        ).values_list("subject")
    )
    assert unread.rows((), member_a.pk, None) == [("read",)]
    assert unread.rows((), member_a.pk, timezone.now()) == []


def test_a_bound_count(member_a):
    _messages(member_a, 5)
    counted = Compiled(
        lambda limit, user_id: (
            InboxMessage.objects.filter(user_id=user_id).values("pk").order_by()[:limit]
        )
    )
    assert counted.count(3, member_a.pk) == 3
    assert counted.count(10, member_a.pk) == 5
    assert counted.count(10, member_a.pk + 1000) == 0


def test_an_aggregate_by_group(member_a):
    _messages(member_a, 4)
    summary = Compiled(
        lambda shape, user_id: (
            InboxMessage.objects.filter(user_id=user_id)
            .order_by()
            .values("user_id")
            .annotate(n=Count("pk"), newest=Max("pk"))
            .values_list("n", "newest")
        )
    )
    newest = InboxMessage.objects.filter(user=member_a).latest("pk").pk
    assert summary.rows((), member_a.pk) == [(4, newest)]


def test_a_value_written_into_the_sql_is_refused(member_a):
    search = Compiled(
        lambda shape, q: Case.objects.filter(reference__icontains=q).values_list("pk")
    )
    with pytest.raises(ValueError, match="inside another parameter"):
        search.rows((), "GPAI")
    sliced = Compiled(lambda shape, n: Case.objects.values_list("pk")[:n])
    with pytest.raises(ValueError, match="into the SQL's text"):
        sliced.rows((), 5)
    unused = Compiled(lambda shape, n: Case.objects.values_list("pk"))
    with pytest.raises(ValueError, match="did not reach the SQL"):
        unused.rows((), 5)


def test_the_check_catches_a_query_whose_structure_depends_on_a_value(member_a):
    # the build branches on the value itself: the shape does not say so, and the compiled SQL of
    # the first call would answer the second one wrongly
    def build(shape, user_id):
        qs = InboxMessage.objects.filter(user_id=user_id)
        if user_id < 1_000_000:
            qs = qs.filter(read_at__isnull=True)
        return qs.values_list("pk")

    branching = Compiled(build)
    with override_settings(GPAI_CHECK_COMPILED=True):
        with pytest.raises(AssertionError, match="differs from the queryset"):
            branching.rows((), member_a.pk)


def test_the_number_of_shapes_kept_is_bounded(member_a):
    counted = Compiled(
        lambda limit, user_id: (
            InboxMessage.objects.filter(user_id=user_id).values("pk").order_by()[:limit]
        ),
        max_shapes=3,
    )
    for limit in range(1, 8):
        counted.count(limit, member_a.pk)
    assert len(counted._by_connection[connections["default"]]) == 3


def test_a_query_that_can_match_nothing_runs_no_sql(member_a):
    _messages(member_a, 2)
    nothing = Compiled(
        lambda shape, user_id: InboxMessage.objects.none().filter(user_id=user_id).values("pk")
    )
    with CaptureQueriesContext(connection) as ctx:
        assert nothing.dicts((), member_a.pk) == []
        assert nothing.count((), member_a.pk) == 0
    assert ctx.captured_queries == []


def test_an_id_no_integer_column_holds_finds_nothing_as_with_the_orm(member_a):
    _messages(member_a, 2)
    assert MESSAGES.rows((), 2**40, ["letter_ready"], timezone.localdate()) == []
    assert MESSAGES.rows((), member_a.pk, ["letter_ready"], timezone.localdate()) != []


def test_a_person_is_a_value_by_id_with_the_role_in_the_key(submitted_a, member_a, caseworker):
    from gpai_cases.cases import access

    mine = submitted_a
    visible = Compiled(
        lambda shape, user: access.cases_visible_to(user).order_by("pk").values_list("reference")
    )
    with mock.patch.object(visible, "_compile", wraps=visible._compile) as compiling:
        assert (mine.reference,) in visible.rows((), member_a)
        assert (mine.reference,) in visible.rows((), caseworker)
        # another person of a role already seen: the same SQL, this person's id
        other = UserFactory(role=member_a.role, email="other@example.eu")
        assert visible.rows((), other) == []
        assert compiling.call_count == 2


def test_records_are_the_instances_the_orm_loads(member_a, provider_a):
    from gpai_cases.cases import access
    from gpai_cases.core.compiled import fields_of
    from gpai_cases.providers.models import Provider

    providers = Compiled(
        lambda shape, user: access.providers_visible_to(user).values_list(*fields_of(Provider))
    )
    (got,) = providers.records((), member_a)
    assert got == provider_a
    assert {f.attname: getattr(got, f.attname) for f in Provider._meta.concrete_fields} == {
        f.attname: getattr(provider_a, f.attname) for f in Provider._meta.concrete_fields
    }
    assert got._state.adding is False and got._state.db == "default"
    some = Compiled(lambda shape, user_id: Provider.objects.filter(pk=user_id).values_list("pk"))
    with pytest.raises(ValueError, match="every column"):
        some.records((), provider_a.pk)


def test_instances_are_the_orm_s_with_their_related_records(
    django_assert_num_queries, caseworker, member_a, model_a
):
    from gpai_cases.cases import access, services

    from ..conftest import file_draft_notification
    from ..factories import GPAIModelFactory

    draft = file_draft_notification(member_a, model_a)
    services.case_submit(actor=member_a, case=draft)
    services.case_take_up(actor=caseworker, case=Case.objects.get(pk=draft.pk))
    other = file_draft_notification(member_a, GPAIModelFactory(provider=model_a.provider))
    cases = Compiled(
        lambda shape, user, reference: (
            access.cases_visible_to(user)
            .select_related("model__provider", "assignee", "notification")
            .annotate(n_events=Count("events"))
            .filter(reference=reference)
        )
    )
    with django_assert_num_queries(1):
        (got,) = cases.instances((), caseworker, draft.reference)
        # the related records came with it: no query for any of them
        assert got.model.provider.legal_name == model_a.provider.legal_name
        assert got.assignee == caseworker and got.notification.case_id == draft.pk
    expected = Case.objects.annotate(n_events=Count("events")).get(pk=draft.pk)
    assert {f.attname: getattr(got, f.attname) for f in Case._meta.concrete_fields} == {
        f.attname: getattr(expected, f.attname) for f in Case._meta.concrete_fields
    }
    assert got.n_events == expected.n_events > 0 and got._state.adding is False
    # the same SQL for another reference; a provider's draft is not the AI Office's to read
    assert cases.instances((), caseworker, other.reference) == []
    (mine,) = cases.instances((), member_a, other.reference)
    assert mine.assignee is None and mine.model.provider == model_a.provider
    values = Compiled(lambda shape, pk: Case.objects.filter(pk=pk).values("pk"))
    with pytest.raises(ValueError, match="not values"):
        values.instances((), draft.pk)
