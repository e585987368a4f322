"""The portal home and a provider's "what needs you" panel are keyed by the provider scope
(freshness.provider_version): they stay cached while other providers' cases change, and render
again when one of the provider's own cases changes, is added, moves to another provider or goes."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from gpai_cases.cases import services
from gpai_cases.cases.models import Case
from gpai_cases.core import freshness
from gpai_cases.portal.views import home_rows
from gpai_cases.reminders import needs

from ..conftest import file_draft_notification
from ..factories import GPAIModelFactory


@pytest.fixture
def renders(monkeypatch):
    """How many times the portal home's body and the panel were built (not served)."""
    counts = {"home": 0, "panel": 0}
    case_rows, panels = home_rows.case_rows, needs._panels

    def counted_rows(*args, **kwargs):
        counts["home"] += 1
        return case_rows(*args, **kwargs)

    def counted_panels(*args, **kwargs):
        counts["panel"] += 1
        return panels(*args, **kwargs)

    monkeypatch.setattr(home_rows, "case_rows", counted_rows)
    monkeypatch.setattr(needs, "_panels", counted_panels)
    return counts


def home(client: Client) -> str:
    response = client.get(reverse("portal:home"))
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.django_db(transaction=True)
def test_the_portal_home_stays_cached_while_another_providers_cases_change(
    fragments,
    renders,
    client,
    caseworker,
    member_a,
    model_a,
    member_b,
    model_b,
):
    mine = file_draft_notification(member_a, model_a)
    theirs = file_draft_notification(member_b, model_b)
    client.force_login(member_a)
    assert mine.reference in home(client) and renders == {"home": 1, "panel": 1}
    home(client)
    assert renders == {"home": 1, "panel": 1}

    # another provider's case changes, twice: still served from the cache
    services.case_submit(actor=member_b, case=Case.objects.get(pk=theirs.pk))
    services.case_take_up(actor=caseworker, case=Case.objects.get(pk=theirs.pk))
    assert theirs.reference not in home(client)
    assert renders == {"home": 1, "panel": 1}

    # one of its own: built again, once, and it shows the change
    services.case_submit(actor=member_a, case=Case.objects.get(pk=mine.pk))
    assert "Submitted" in home(client) and renders == {"home": 2, "panel": 2}
    home(client)
    assert renders == {"home": 2, "panel": 2}

    # a request the AI Office sends on its own case reaches the panel at once
    services.case_take_up(actor=caseworker, case=Case.objects.get(pk=mine.pk))
    services.information_request_send(
        actor=caseworker, case=Case.objects.get(pk=mine.pk), questions=["How many GPUs?"]
    )
    assert f"{mine.reference}: answer the" in home(client)

    # a new case of its own, and a change to its provider's record
    another = file_draft_notification(
        member_a, GPAIModelFactory(provider=model_a.provider), evidence=False
    )
    assert another.reference in home(client)
    model_a.provider.legal_name = "Alpha Renamed SE"
    model_a.provider.save()
    assert "Alpha Renamed SE" in home(client)


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("how", ["save", "update", "bulk_update"])
def test_a_case_that_moves_to_another_provider_leaves_the_first_ones_home(
    fragments,
    client,
    member_a,
    model_a,
    model_b,
    how,
):
    case = file_draft_notification(member_a, model_a, evidence=False)
    # a newer case stays: without the rule, the newest stamp of the provider's cases would not move
    newer = file_draft_notification(
        member_a, GPAIModelFactory(provider=model_a.provider), evidence=False
    )
    client.force_login(member_a)
    assert case.reference in home(client) and newer.reference in home(client)
    moved = Case.objects.get(pk=case.pk)
    moved.model = model_b
    if how == "save":
        moved.save()
    elif how == "update":
        Case.objects.filter(pk=case.pk).update(model=model_b)
    else:
        Case.objects.bulk_update([moved], ["model"])
    assert case.reference not in home(client)


@pytest.mark.django_db(transaction=True)
def test_deleting_a_case_is_a_shared_change(model_a):
    """A filed case keeps its audit trail and cannot go; a row without one (a case written by a
    data load that failed halfway, say) can, and the scope it leaves must see it go."""
    case = Case.objects.create(reference="GPAI-2026-9999", kind="notification", model=model_a)
    reference = freshness.reference_version()
    Case.objects.filter(pk=case.pk).delete()
    assert freshness.reference_version() == reference + 1


@pytest.mark.django_db(transaction=True)
def test_a_save_of_other_fields_reads_no_owner_and_a_full_save_stays_the_cases_own(
    member_a, model_a
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    case = file_draft_notification(member_a, model_a, evidence=False)
    reference = freshness.reference_version()
    with CaptureQueriesContext(connection) as ctx:
        Case.objects.get(pk=case.pk).save(update_fields=["state"])
    assert not any('"model_id" FROM' in q["sql"] for q in ctx.captured_queries)
    Case.objects.get(pk=case.pk).save()
    assert freshness.reference_version() == reference  # the case's own change, not shared
