"""The queue's first page is an index scan over only the cases the AI Office may read.

The partial indexes ``case_office_deadline`` and ``case_office_newest`` are built over
``cases.models.filed_or_opened()``, the same expression ``access.cases_visible_to`` filters by: if
the two drift apart, PostgreSQL can no longer prove the query implies the index's condition and
walks past every provider's draft again (docs/adr/0023-queue-first-page.md)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.utils import timezone

from gpai_cases.workspace.queue import ROW_COLUMNS, QueueFilter, queue

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="partial indexes are chosen by PostgreSQL's planner"
)


def plan(queryset) -> str:
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        # the test data is tiny: without this the planner rightly prefers reading the table
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("EXPLAIN " + sql, params)
        return "\n".join(row[0] for row in cursor.fetchall())


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("sort", "index"), [("deadline", "case_office_deadline"), ("newest", "case_office_newest")]
)
def test_first_page_reads_the_office_index(caseworker, sort, index):
    f = QueueFilter.from_query({"sort": sort})
    rows = queue(caseworker, f, timezone.localdate()).values(*ROW_COLUMNS)[:50]
    assert index in plan(rows)


def generic_plan(queryset) -> str:
    """The plan PostgreSQL keeps for a prepared statement after its first runs: made for any
    value of the parameters (as psycopg's prepared statements get, settings: prepare_threshold)."""
    sql, params = queryset.query.sql_with_params()
    numbered, n = "", 0
    for i, part in enumerate(sql.split("%s")):
        numbered += part if i == 0 else f"${i}{part}"
        n = i
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL plan_cache_mode = force_generic_plan")
        kinds = [{str: "text", int: "bigint"}[type(p)] for p in params]
        types = ", ".join(kinds)
        cursor.execute(f"PREPARE queue_page{f'({types})' if types else ''} AS {numbered}")
        try:
            placeholders = f"({', '.join(f'%s::{k}' for k in kinds)})" if n else ""
            # the values written in, as a person would type them in psql
            cursor.execute(
                connection.ops.compose_sql(f"EXPLAIN EXECUTE queue_page{placeholders}", params)
            )
            return "\n".join(row[0] for row in cursor.fetchall())
        finally:
            cursor.execute("DEALLOCATE queue_page")


@pytest.mark.django_db
def test_a_prepared_statements_generic_plan_still_reads_the_office_index(caseworker):
    # bound as parameters, "kind = $1" would not imply the index's "kind = 'ex_officio'"
    f = QueueFilter.from_query({"sort": "deadline"})
    rows = queue(caseworker, f, timezone.localdate()).values(*ROW_COLUMNS)[:50]
    assert "case_office_deadline" in generic_plan(rows)


@pytest.mark.django_db
def test_the_filtered_count_reads_the_office_kind_and_state_index(caseworker):
    # the queue's count of a filtered view (CappedPaginator: the cases' ids, up to the cap)
    f = QueueFilter.from_query({"state": "under_assessment", "kind": "notification"})
    counted = queue(caseworker, f, timezone.localdate()).values("pk").order_by()[:1051]
    found = generic_plan(counted)
    # index-only where the table's visibility map is set (vacuumed, as in production); the test
    # tables are freshly written, so the planner may read the heap too: the index is the point
    assert "using case_office_kind_state" in found, found
