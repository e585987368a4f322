"""The addressee of a letter is the provider's record: its postal address and named contact when
it has them (the workspace's provider page says when it has none), else its country and a
salutation to nobody in particular."""

from __future__ import annotations

import pytest
from django.urls import reverse

from gpai_cases.cases import services
from gpai_cases.letters.models import Letter

from .kinds import addressed, render, text_of

pytestmark = pytest.mark.django_db


def test_a_provider_without_address_or_contact_is_written_to_by_country(submitted_a, caseworker):
    text = text_of(render(Letter.objects.get(case=submitted_a)))
    assert "Alpha Labs SE" in text and "FRANCE" in text
    assert "Dear Sir or Madam," in text
    assert "For the attention of" not in text


def test_the_provider_page_shows_where_letters_go(client, provider_a, caseworker, approver):
    client.force_login(caseworker)
    url = reverse("workspace:provider", args=[provider_a.pk])
    assert "no postal address on record" in client.get(url).content.decode()
    addressed(provider_a, caseworker, approver)
    page = client.get(url).content.decode()
    assert "Dr Marie Lefèvre" in page and "75002 Paris" in page


def test_the_address_as_it_is_when_the_letter_is_rendered(member_a, model_a, draft_a):
    model_a.provider.street_address = "1 Avenue Nouvelle"
    model_a.provider.postal_code, model_a.provider.city = "69001", "Lyon"
    model_a.provider.save()
    case = services.case_submit(actor=member_a, case=draft_a)
    assert "1 Avenue Nouvelle 69001 Lyon FRANCE" in text_of(render(case.letters.get()))
