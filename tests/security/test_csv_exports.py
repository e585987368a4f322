"""Every CSV export escapes formulas: a cell starting with =, +, -, @, a tab or a carriage return
comes out with a leading apostrophe, so a spreadsheet shows it as text (OWASP CSV injection)."""

from __future__ import annotations

import csv
import datetime
import io

import pytest
import time_machine
from django.urls import reverse

from gpai_cases.cases import services
from gpai_cases.core.exports import csv_cell
from gpai_cases.register import services as register

from ..conftest import file_draft_notification
from ..factories import GPAIModelFactory, ProviderFactory

pytestmark = pytest.mark.django_db
FORMULA = '=HYPERLINK("http://x.example","y")'


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_a_cell_starting_like_a_formula_is_quoted(start):
    assert csv_cell(f"{start}1+1") == f"'{start}1+1"


def test_ordinary_cells_are_left_alone():
    assert csv_cell("Alpha-1") == "Alpha-1"
    assert csv_cell(None) == "" and csv_cell(3) == 3


def _rows(response) -> list[list[str]]:
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return list(csv.reader(io.StringIO(body.decode())))


def test_the_queue_csv_escapes_a_formula_in_every_field(client, member_a, caseworker):
    provider = ProviderFactory(legal_name="+SUM(1,2) Labs", country="FR")
    member_a.memberships.create(provider=provider)
    model = GPAIModelFactory(provider=provider, name=FORMULA, version="@1")
    case = file_draft_notification(member_a, model)
    services.case_submit(actor=member_a, case=case)
    client.force_login(caseworker)
    rows = _rows(client.get(reverse("workspace:queue_csv")))
    header = rows[0]
    row = dict(zip(header, next(r for r in rows[1:] if r[0] == case.reference), strict=True))
    assert row["provider"] == "'+SUM(1,2) Labs"
    assert row["model"] == f"'{FORMULA} @1"
    assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for r in rows for cell in r)


def test_the_register_csv_escapes_a_formula_in_every_field(
    client, assessing_a, caseworker, approver, office_admin
):
    with time_machine.travel(datetime.datetime(2026, 1, 31, 9, tzinfo=datetime.UTC)):
        services.decision_propose(
            actor=caseworker, case=assessing_a, outcome="designate", reasoning="R"
        )
        services.decision_approve(actor=approver, case=assessing_a)
    designation = assessing_a.resulting_designation
    register.publish(
        actor=office_admin,
        overrides={
            designation.pk: {
                "public_model_name": FORMULA,
                "public_provider_name": "-2+3",
                "summary": "@SUM(A1)",
            }
        },
    )
    rows = _rows(client.get(reverse("register:csv")))
    header, entry = rows[0], rows[1]
    values = dict(zip(header, entry, strict=True))
    assert values["model_name"] == f"'{FORMULA}"
    assert values["provider_name"] == "'-2+3"
    assert values["summary"] == "'@SUM(A1)"
