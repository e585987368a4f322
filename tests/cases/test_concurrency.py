"""Two approvers approving the same case at the same moment yield exactly one decision."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections, transaction

from gpai_cases.cases import services
from gpai_cases.cases.models import Case, CaseEvent, Decision, Designation, State
from gpai_cases.cases.services import ActionRefused


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_approvers_at_once_make_exactly_one_decision(
    assessing_a, caseworker, approver, approver2
):
    if connection.vendor != "postgresql":
        pytest.skip("needs two real connections to PostgreSQL; runs in the PostgreSQL pass")
    services.decision_propose(
        actor=caseworker, case=assessing_a, outcome="designate", reasoning="R"
    )
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def approve(user):
        try:
            case = Case.objects.get(pk=assessing_a.pk)  # each thread reads the proposed case
            barrier.wait(timeout=10)
            services.decision_approve(actor=user, case=case)
            outcomes.append("approved")
        except ActionRefused as refused:
            outcomes.append(f"refused: {refused}")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=approve, args=(u,)) for u in (approver, approver2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)

    assert sorted(o.split(":")[0] for o in outcomes) == ["approved", "refused"]
    assert "has been decided" in next(o for o in outcomes if o.startswith("refused"))
    assert Decision.objects.filter(case=assessing_a, status="approved").count() == 1
    assert Designation.objects.filter(model=assessing_a.model).count() == 1
    assert CaseEvent.objects.filter(case=assessing_a, action="decision_approved").count() == 1
    from gpai_cases.letters.models import Letter

    assert Letter.objects.filter(case=assessing_a, kind="decision").count() == 1  # one letter
    assert Case.objects.get(pk=assessing_a.pk).state == State.DECIDED


@pytest.mark.django_db
def test_a_stale_copy_of_a_case_cannot_overwrite_a_newer_state(submitted_a, caseworker, member_a):
    stale = Case.objects.get(pk=submitted_a.pk)
    services.case_take_up(actor=caseworker, case=submitted_a)
    # The service re-reads the row under lock, so the stale copy's state does not matter...
    with pytest.raises(ActionRefused, match="under assessment"):
        services.case_withdraw(actor=member_a, case=stale, reason="Late change of mind")
    # ...and a direct save of a stale copy is refused by ConcurrentTransitionMixin.
    from django_fsm import ConcurrentTransition

    stale.withdraw("bypassing the service")
    with pytest.raises(ConcurrentTransition), transaction.atomic():
        stale.save()
    assert Case.objects.get(pk=submitted_a.pk).state == State.UNDER_ASSESSMENT
