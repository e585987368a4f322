"""The caseworkers' queue: filters, search, deadline sort, and its CSV export."""

from __future__ import annotations

import csv
from typing import Any

from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.utils import timezone, translation

from gpai_cases.accounts.models import Role, User
from gpai_cases.cases.dayformat import format_day_long
from gpai_cases.cases.models import (
    Kind,
    State,
)
from gpai_cases.core import freshness
from gpai_cases.core.compiled import Compiled
from gpai_cases.core.exports import csv_row
from gpai_cases.core.fragments import cached_fragment, cached_page, printed_digest
from gpai_cases.core.pagination import CappedPaginator
from gpai_cases.core.rows import options_html, render_rows
from gpai_cases.reminders import needs

from ..queue import QueueFilter, labels, queue, queue_page_source, queue_rows, row_words
from .base import office_only


def _filter_query(f: QueueFilter) -> str:
    from urllib.parse import urlencode

    params = {k: v for k, v in vars(f).items() if v and k != "sort"}
    params = {k: ("1" if v is True else v) for k, v in params.items()}
    return urlencode(params)


_CASEWORKERS = Compiled(
    lambda shape: (
        User.objects.filter(role=Role.CASEWORKER, is_active=True)
        .values_list("pk", "full_name", "email")
        .order_by("full_name", "email")
    )
)

#: The queue counts its cases up to this many past the page shown ("more than …" beyond).
COUNT_CAP = 1000


@office_only
def queue_view(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    f = QueueFilter.from_query(request.GET)
    page_number = str(request.GET.get("page", "1"))[:12]

    # the fragment depends on the filters, the page, the day, and whose cases "mine" are
    parts = (*vars(f).values(), page_number, today, request.user.role)
    parts += (request.user.pk,) if f.assignee == "me" else ()

    def body() -> Any:
        """The filters, count, rows and pages, kept under a digest of every value they print: a
        change to other cases leaves it as it is (the rows are read, not formatted or rendered)."""
        cases = queue_page_source(request.user, f, today)
        page = CappedPaginator(cases, 50, asked=page_number, cap=COUNT_CAP).get_page(page_number)
        found, caseworkers = list(page.object_list), _CASEWORKERS.rows(())
        printed = printed_digest(
            page.number,
            page.paginator.count,
            page.paginator.capped,
            page.paginator.num_pages,
            [tuple(row.values()) for row in found],
            caseworkers,
        )
        return cached_fragment(
            request,
            "workspace/_queue_body.html",
            parts,
            lambda: {
                "page": page,
                **_rows(queue_rows(found, today, f.sort)),
                "f": f,
                "filter_query": _filter_query(f),
                # the filters' options in Jinja2 too (docs/adr/0026-list-rows-in-jinja2.md)
                "state_options": options_html(State.choices, f.state),
                "kind_options": options_html(Kind.choices, f.kind),
                "caseworker_options": options_html(
                    ((pk, name or email) for pk, name, email in caseworkers), f.assignee
                ),
            },
            version=lambda: printed,
        )

    version = freshness.current()  # read once: the page and the panel are keyed by it
    return cached_page(
        request,
        "workspace/queue.html",
        parts,
        version,
        lambda: {"body": body(), "needs": needs.for_request(request, version=version)},
    )


def _rows(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """The page's rows as values of the columns shown (the count joined none of them) and as
    markup (Jinja2, docs/adr/0026-list-rows-in-jinja2.md), their words translated here, once."""
    html = render_rows("queue.jinja", rows=rows, words=row_words()) if rows else ""
    return {"rows": rows, "rows_html": html}


class _Echo:
    def write(self, value: str) -> str:
        return value


@office_only
def queue_csv(request: HttpRequest) -> StreamingHttpResponse:
    today = timezone.localdate()
    f = QueueFilter.from_query(request.GET)
    writer = csv.writer(_Echo())
    header = [
        "reference",
        "kind",
        "kind_label",
        "state",
        "state_label",
        "provider",
        "model",
        "assignee",
        "next_deadline",
        "next_deadline_day",
        "next_deadline_kind",
        "late",
        "created_at",
    ]

    # the codes and ISO dates sort and filter in a spreadsheet; beside them, the words a person
    # reads on the pages, in the reader's language (the rows are written after the view returns)
    language = translation.get_language()

    def rows():
        with translation.override(language):
            kinds, states = labels(Kind), labels(State)
            yield writer.writerow(header)
            yield from (writer.writerow(_csv_line(c, kinds, states)) for c in cases())

    def cases():
        yield from queue(request.user, f, today).iterator(chunk_size=2000)

    def _csv_line(c, kinds, states):
        return csv_row(
            [
                c.reference,
                c.kind,
                kinds.get(c.kind, c.kind),
                c.state,
                states.get(c.state, c.state),
                c.model.provider.legal_name,
                str(c.model),
                c.assignee.email if c.assignee else "",
                c.next_deadline or "",
                format_day_long(c.next_deadline) if c.next_deadline else "",
                c.next_deadline_kind,
                "yes" if c.late else "no",
                timezone.localtime(c.created_at).isoformat(timespec="minutes"),
            ]
        )

    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="gpai-cases-{today:%Y%m%d}.csv"'
    return response
