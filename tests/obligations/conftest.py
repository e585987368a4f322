"""What the tests of the obligations share: a designated model of provider A (the root
conftest's ``designation_a``, decided Tue 15 Sep 2026) and of provider B, and filings on them."""

from __future__ import annotations

import datetime

import pytest
import time_machine

from gpai_cases.cases import services as case_services
from gpai_cases.cases.models import Designation
from gpai_cases.obligations import services

from ..conftest import file_draft_notification, pdf_upload

D = datetime.date


def at(day: datetime.date, hour: int = 9):
    """Travel to 09:00 UTC (10:00 or 11:00 in Brussels) of ``day``."""
    return time_machine.travel(
        datetime.datetime(day.year, day.month, day.day, hour, tzinfo=datetime.UTC)
    )


def designate(member, model, caseworker, approver, day: datetime.date) -> Designation:
    case = file_draft_notification(member, model)
    case_services.case_submit(actor=member, case=case)
    case_services.case_take_up(actor=caseworker, case=case)
    with at(day):
        case_services.decision_propose(
            actor=caseworker, case=case, outcome="designate", reasoning="R"
        )
        case_services.decision_approve(actor=approver, case=case)
    return Designation.objects.get(case=case)


@pytest.fixture
def designation_b(member_b, model_b, caseworker, approver):
    return designate(member_b, model_b, caseworker, approver, D(2026, 9, 15))


AWARE_ON = D(2026, 10, 1)


def report_incident(member, designation, *, kind="death", aware_on=AWARE_ON, **extra):
    fields = {
        "title": "A user died after following the model's advice",
        "what_happened": "The model gave instructions that were followed.",
        "corrective_measures": "The capability was withdrawn.",
        **extra,
    }
    return services.incident_report(
        actor=member, designation=designation, kind=kind, aware_on=aware_on, **fields
    )


def file_framework(member, provider, summary="Risk tiers and mitigations."):
    return services.framework_file(
        actor=member, provider=provider, summary=summary, uploaded_file=pdf_upload("framework.pdf")
    )


def file_model_report(member, designation, **extra):
    return services.model_report_file(
        actor=member,
        designation=designation,
        summary=extra.pop("summary", "Systemic risks assessed and mitigated."),
        uploaded_file=pdf_upload("model-report.pdf"),
        **extra,
    )


@pytest.fixture(autouse=True)
def _seeded(db):
    """The seeded kinds and periods (a transactional test elsewhere may have flushed them)."""
    from gpai_cases.obligations import seed

    seed.ensure()
