"""Management commands: demo data for `make run`, load data for the benchmarks."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from gpai_cases.cases.models import Case, Designation, State

pytestmark = pytest.mark.django_db


def test_demo_data_has_a_case_in_every_state_and_prints_the_logins():
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    assert set(Case.objects.values_list("state", flat=True)) == set(State.values)
    assert {"notification", "ex_officio", "reassessment"} <= set(
        Case.objects.values_list("kind", flat=True)
    )
    assert "carla@ai-office.example" in out.getvalue() and "demo-gpai-2026" in out.getvalue()
    from gpai_cases.register.models import PublicEntry

    assert PublicEntry.objects.filter(model_name__startswith="Alpha-Frontier").exists()
    from gpai_cases.providers.models import Membership

    # each demo provider has an administrator, so the demo shows the members and details pages
    administrators = Membership.objects.filter(is_administrator=True)
    assert set(administrators.values_list("provider__legal_name", flat=True)) == {
        "Alpha Labs SE",
        "Beta Intelligence Inc.",
    }
    assert "administrator of its account" in out.getvalue()
    again = io.StringIO()
    call_command("load_demo", stdout=again)  # idempotent
    assert "already loaded" in again.getvalue()


def test_load_data_generates_cases_in_every_state_with_unique_references():
    call_command("generate_load_data", cases=300, batch=120, stdout=io.StringIO())
    assert Case.objects.count() == 300
    assert set(Case.objects.values_list("state", flat=True)) == set(State.values)
    assert Case.objects.values("reference").distinct().count() == 300
    assert Designation.objects.filter(ended_on__isnull=True).exists()
