"""Helpers shared by the lifecycle tests (test_lifecycle.py and test_decisions.py)."""

from __future__ import annotations

from gpai_cases.cases.models import Case, CaseEvent


def actions(case: Case) -> list[str]:
    """The actions recorded on the case, oldest first."""
    return list(CaseEvent.objects.filter(case=case).order_by("id").values_list("action", flat=True))
