"""Cached page fragments are served only while the data version stands still, and the version
moves after every committed change — through services, the admin's saves, and bulk updates."""

from __future__ import annotations

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from gpai_cases.cases import services
from gpai_cases.cases.models import Case
from gpai_cases.core import freshness

from ..conftest import file_draft_notification


@pytest.mark.django_db(transaction=True)
def test_the_version_moves_once_per_committed_transaction_and_not_on_rollback(provider_a):
    start = freshness.current()
    with transaction.atomic():
        provider_a.legal_name = "Renamed SE"
        provider_a.save()
        provider_a.save()
        assert freshness.current() == start  # not before the commit
    assert freshness.current() == start + 1
    with pytest.raises(RuntimeError), transaction.atomic():
        provider_a.save()
        raise RuntimeError("rolled back")
    assert freshness.current() == start + 1
    provider_a.save()  # autocommit: at once
    assert freshness.current() == start + 2


@pytest.mark.django_db(transaction=True)
def test_a_bulk_update_through_a_service_moves_the_version(assessing_a):
    start = freshness.current()
    services.refresh_next_deadline(Case.objects.get(pk=assessing_a.pk))  # may be a no-op
    Case.objects.filter(pk=assessing_a.pk).update(next_deadline=None)
    services.refresh_next_deadline(Case.objects.get(pk=assessing_a.pk))
    assert freshness.current() > start


@pytest.mark.django_db(transaction=True)
def test_the_queue_is_served_from_the_cache_until_a_case_changes(
    fragments, client, caseworker, member_a, model_a
):
    case = file_draft_notification(member_a, model_a)
    services.case_submit(actor=member_a, case=case)
    client.force_login(caseworker)
    url = reverse("workspace:queue")

    first = client.get(url).content.decode()
    assert case.reference in first and "Submitted" in first
    with CaptureQueriesContext(connection) as cached:
        again = client.get(url).content.decode()
    assert again == first or again.count(case.reference) == first.count(case.reference)
    # the queue's rows (cases with their providers) are not read again; the "what needs you"
    # panel above the queue reads the caseworker's own cases, outside the fragment
    assert not any(
        "cases_case" in q["sql"] and "providers_provider" in q["sql"]
        for q in cached.captured_queries
    )

    services.case_take_up(actor=caseworker, case=Case.objects.get(pk=case.pk))
    after = client.get(url).content.decode()
    assert "Under assessment" in after and caseworker.display_name in after

    model_a.provider.legal_name = "Alpha Renamed AG"
    model_a.provider.save()
    assert "Alpha Renamed AG" in client.get(url).content.decode()


@pytest.mark.django_db(transaction=True)
def test_each_filter_and_page_has_its_own_fragment(
    fragments, client, caseworker, member_a, model_a
):
    case = services.case_submit(actor=member_a, case=file_draft_notification(member_a, model_a))
    client.force_login(caseworker)
    url = reverse("workspace:queue")
    assert case.reference in client.get(url, {"state": "submitted"}).content.decode()
    assert case.reference not in client.get(url, {"state": "decided"}).content.decode()
    assert case.reference not in client.get(url, {"mine": "1"}).content.decode()


@pytest.mark.django_db(transaction=True)
def test_a_cached_case_page_carries_each_browser_its_own_csrf_token(
    fragments, caseworker, member_a, model_a
):
    import re

    from ..conftest import SignedInClient

    case = file_draft_notification(member_a, model_a)
    services.case_submit(actor=member_a, case=case)
    url = reverse("workspace:case", args=[case.reference])
    first = SignedInClient(enforce_csrf_checks=True)
    second = SignedInClient(enforce_csrf_checks=True)
    first.force_login(caseworker)
    second.force_login(caseworker)
    assert "Take up this case" in first.get(url).content.decode()

    with CaptureQueriesContext(connection) as cached:
        page = second.get(url).content.decode()  # served from the fragment cache
    assert not any("cases_caseevent" in q["sql"] for q in cached.captured_queries)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    assert "__gpai-csrf-token__" not in page
    response = second.post(
        reverse("workspace:take_up", args=[case.reference]), {"csrfmiddlewaretoken": token}
    )
    assert response.status_code == 302
    assert Case.objects.get(pk=case.pk).state == "under_assessment"
    after = first.get(url).content.decode()
    assert "Take up this case" not in after and "Under assessment" in after


@pytest.mark.django_db(transaction=True)
def test_the_portal_home_shows_a_new_draft_at_once(fragments, client, member_a, model_a):
    client.force_login(member_a)
    url = reverse("portal:home")
    assert "No cases yet." in client.get(url).content.decode()
    case = file_draft_notification(member_a, model_a)
    page = client.get(url).content.decode()
    assert case.reference in page and "continue the draft" in page


@pytest.mark.django_db(transaction=True)
def test_a_fragment_is_never_served_to_another_user(fragments, member_a, member_b, model_a):
    from django.test import Client

    case = file_draft_notification(member_a, model_a)
    a, b = Client(), Client()
    a.force_login(member_a)
    b.force_login(member_b)
    assert case.reference in a.get(reverse("portal:home")).content.decode()
    assert case.reference not in b.get(reverse("portal:home")).content.decode()
    assert a.get(reverse("portal:case", args=[case.reference])).status_code == 200
    assert b.get(reverse("portal:case", args=[case.reference])).status_code == 404


@pytest.mark.django_db(transaction=True)
def test_signing_in_leaves_cached_pages_fresh(client, caseworker):
    """A sign-in writes last_login and a SignInEvent; no cached page shows either."""
    caseworker.set_password("a long enough password 123")
    caseworker.save()
    start = freshness.current()
    assert client.login(username=caseworker.email, password="a long enough password 123")
    assert client.login(username=caseworker.email, password="wrong") is False
    assert freshness.current() == start
    caseworker.full_name = "Carla Renamed"  # shown on pages: the version moves
    caseworker.save()
    assert freshness.current() == start + 1


@pytest.mark.django_db(transaction=True)
def test_a_case_page_stays_cached_while_other_cases_change_and_not_when_its_own_data_does(
    fragments, client, caseworker, member_a, model_a, provider_a
):
    from gpai_cases.cases.models import Claim, InformationRequest

    from ..factories import GPAIModelFactory

    case = file_draft_notification(member_a, model_a)
    services.claims_file(
        actor=member_a, case=case, claims=[{"text": "Below frontier", "basis": "capability"}]
    )
    services.case_submit(actor=member_a, case=case)
    services.case_take_up(actor=caseworker, case=Case.objects.get(pk=case.pk))
    other = file_draft_notification(member_a, GPAIModelFactory(provider=provider_a))
    client.force_login(caseworker)
    url = reverse("workspace:case", args=[case.reference])

    def rendered() -> bool:
        """Whether this request built the page (read the case's events) or served the cache."""
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return any("cases_caseevent" in q["sql"] for q in ctx.captured_queries)

    assert rendered() and not rendered()
    # another case changes: this page is still served from the cache
    services.case_submit(actor=member_a, case=Case.objects.get(pk=other.pk))
    assert not rendered()
    # a record of this case changes (a signal), through a bulk update (a service), or a shared
    # record it shows (the provider): the page is built again, once
    claim = Claim.objects.get(case=case)
    services.claim_review(actor=caseworker, claim=claim, review="substantiated", note="Fine.")
    assert rendered() and not rendered()
    assert "Fine." in client.get(url).content.decode()
    rfi = services.information_request_send(
        actor=caseworker, case=Case.objects.get(pk=case.pk), questions=["Q?"]
    )
    assert rendered() and not rendered()
    services.information_request_answer(
        actor=member_a, request=InformationRequest.objects.get(pk=rfi.pk), response="A."
    )
    assert rendered() and not rendered()
    provider_a.legal_name = "Alpha Renamed AG"
    provider_a.save()
    assert "Alpha Renamed AG" in client.get(url).content.decode()
    assert not rendered()


@pytest.mark.django_db(transaction=True)
def test_every_change_gets_its_own_version_and_stamps_the_cases_it_touched(assessing_a):
    from gpai_cases.core.models import CaseStamp

    start = freshness.current()
    freshness.changed(cases=[assessing_a.pk])
    assert freshness.current() == start + 1
    assert CaseStamp.objects.get(case=assessing_a).n == start + 1
    reference = freshness.reference_version()
    with transaction.atomic():
        freshness.changed(cases=[assessing_a.pk])
        freshness.changed()  # a shared record in the same transaction
    assert freshness.current() == start + 2 and freshness.reference_version() == reference + 1
    assert freshness.case_version(assessing_a.reference) == (reference + 1, start + 2)
    assert freshness.case_version("GPAI-0000-0000") is None
