"""Whole pages (the queue, the case page, the portal home) are kept with their layout
(core/fragments.py::cached_page): served again only while the page's data and everything the
layout shows (the person, the address, the provider acted for, the unread count, the language)
stand still; a page with a notice to show renders for itself."""

from __future__ import annotations

import re

import pytest
from django.test.signals import template_rendered
from django.urls import reverse

from gpai_cases.cases import services
from gpai_cases.cases.models import Case
from gpai_cases.providers.models import Membership
from gpai_cases.reminders.models import InboxMessage

from ..conftest import SignedInClient, file_draft_notification
from ..factories import GPAIModelFactory


def get_rendering(client, url: str) -> tuple[list[str], str]:
    """The templates a GET of ``url`` rendered (none: it came from the cache), and its HTML."""
    rendered: list[str] = []

    def record(sender, template, **kwargs):
        rendered.append(template.name)

    template_rendered.connect(record)
    try:
        response = client.get(url)
    finally:
        template_rendered.disconnect(record)
    assert response.status_code == 200
    return rendered, response.content.decode()


def served(client, url: str) -> tuple[bool, str]:
    """Whether the page came from the cache (no template rendered), and its HTML."""
    rendered, page = get_rendering(client, url)
    return (not rendered, page)


@pytest.mark.django_db(transaction=True)
def test_a_whole_page_is_served_again_until_its_layout_changes(
    fragments,
    caseworker,
    member_a,
    model_a,
):
    case = services.case_submit(actor=member_a, case=file_draft_notification(member_a, model_a))
    client = SignedInClient(enforce_csrf_checks=True)
    client.force_login(caseworker)
    url = reverse("workspace:queue")
    first = served(client, url)
    assert not first[0] and case.reference in first[1]
    hit, page = served(client, url)
    assert hit and case.reference in page

    # each browser its own CSRF token, and it works
    other = SignedInClient(enforce_csrf_checks=True)
    other.force_login(caseworker)
    hit, page = served(other, url)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    assert hit and "__gpai-csrf-token__" not in page
    assert other.post(reverse("logout"), {"csrfmiddlewaretoken": token}).status_code == 302

    # a new message: the header's count moves, and the page is built again
    InboxMessage.objects.create(user=caseworker, subject="New answer", body="…")
    hit, page = served(client, url)
    assert not hit and "1 unread" in page
    # another address (a filter) is another page
    assert not served(client, url + "?state=submitted")[0]
    # another language
    caseworker.language = "fr"
    caseworker.save()
    hit, page = served(client, url)
    assert not hit and 'lang="fr"' in page


@pytest.mark.django_db(transaction=True)
def test_a_notice_is_shown_even_where_the_page_is_kept(
    fragments,
    client,
    member_a,
    provider_a,
    provider_b,
):
    Membership.objects.create(user=member_a, provider=provider_b)
    client.force_login(member_a)
    home, choose = reverse("portal:home"), reverse("portal:acting_for")
    client.post(choose, {"provider": provider_a.pk}, follow=True)
    served(client, home)
    assert served(client, home)[0]  # acting for A: kept
    page = client.post(choose, {"provider": provider_b.pk}, follow=True).content.decode()
    assert f"You are now acting for {provider_b.legal_name}" in page
    # back to A, whose page is kept: the notice is shown all the same, once
    page = client.post(choose, {"provider": provider_a.pk}, follow=True).content.decode()
    assert f"You are now acting for {provider_a.legal_name}" in page
    assert provider_a.legal_name in page
    hit, page = served(client, home)
    assert hit and "You are now acting for" not in page


@pytest.mark.django_db(transaction=True)
def test_a_case_page_is_kept_per_person_and_moves_with_its_case(
    fragments,
    caseworker,
    member_a,
    model_a,
    provider_a,
):
    from ..factories import UserFactory

    case = services.case_submit(actor=member_a, case=file_draft_notification(member_a, model_a))
    another_model = GPAIModelFactory(provider=provider_a)
    url = reverse("workspace:case", args=[case.reference])
    carla, dora = SignedInClient(), SignedInClient()
    carla.force_login(caseworker)
    second = UserFactory(role="caseworker", email="dora@ai-office.example")
    dora.force_login(second)
    assert not served(carla, url)[0] and served(carla, url)[0]
    hit, page = served(dora, url)
    # her own page, with her own name in the header, not the one kept for Carla
    who = page.split('class="gpai-account__who">')[1].split("<")[0]
    assert not hit and second.display_name in who and caseworker.display_name not in who
    # another case changes (a draft nobody is told of): still kept; this one: built again
    file_draft_notification(member_a, another_model)
    assert served(carla, url)[0]
    services.case_take_up(actor=caseworker, case=Case.objects.get(pk=case.pk))
    hit, page = served(carla, url)
    assert not hit and "Under assessment" in page


@pytest.mark.django_db(transaction=True)
def test_the_queue_s_rows_are_kept_while_cases_it_does_not_show_change(
    fragments,
    client,
    caseworker,
    member_a,
    model_a,
    member_b,
    model_b,
):
    shown = services.case_submit(actor=member_a, case=file_draft_notification(member_a, model_a))
    other = services.case_submit(actor=member_b, case=file_draft_notification(member_b, model_b))
    client.force_login(caseworker)
    url = reverse("workspace:queue") + f"?provider={model_a.provider_id}"

    def body_built() -> tuple[bool, str]:
        rendered, page = get_rendering(client, url)
        return "workspace/_queue_body.html" in rendered, page

    assert body_built()[0]
    # a case of another provider changes: the page is built again (its version moved), the
    # rows it shows are read and found the same, so they are not formatted or rendered again
    services.case_take_up(actor=caseworker, case=Case.objects.get(pk=other.pk))
    built, page = body_built()
    table = page.split('<table class="table queue"')[1]
    assert not built and shown.reference in table and other.reference not in table
    # a value the rows show changes: they are built again, with it
    services.case_take_up(actor=caseworker, case=Case.objects.get(pk=shown.pk))
    built, page = body_built()
    assert built and "Under assessment" in page
