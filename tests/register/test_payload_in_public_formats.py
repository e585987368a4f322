"""A provider-chosen name carrying markup goes through every public format as text: the HTML
pages escape it, the Atom feed's summaries are of type text (so a feed reader shows, never runs
it), JSON and CSV are served as data with nosniff, and nothing anywhere is live markup."""

from __future__ import annotations

import datetime
import html
import json
import xml.etree.ElementTree as ET

import pytest
import time_machine
from django.urls import reverse

from gpai_cases.cases import services
from gpai_cases.register import services as register

pytestmark = pytest.mark.django_db
PAYLOAD = '<img src=x onerror="alert(1)"><script>alert(2)</script>'
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def published_payload(model_a, assessing_a, caseworker, approver, office_admin):
    model_a.name = PAYLOAD
    model_a.save()
    with time_machine.travel(datetime.datetime(2026, 1, 31, 9, tzinfo=datetime.UTC)):
        services.decision_propose(
            actor=caseworker, case=assessing_a, outcome="designate", reasoning="R"
        )
        services.decision_approve(actor=approver, case=assessing_a)
    designation = assessing_a.resulting_designation
    register.publish(
        actor=office_admin,
        overrides={designation.pk: {"public_provider_name": PAYLOAD, "summary": PAYLOAD}},
    )
    return register.entry_id_for(designation)


def test_html_pages_show_the_payload_as_text(client, published_payload):
    for url in (
        reverse("register:list"),
        reverse("register:entry", args=[published_payload]),
        reverse("register:publication", args=[1]),
        reverse("register:archive"),
    ):
        page = client.get(url).content.decode()
        assert "<script>alert" not in page and "<img src=x" not in page, url
    entry = client.get(reverse("register:entry", args=[published_payload])).content.decode()
    assert html.escape(PAYLOAD, quote=False) in entry or "&lt;script&gt;" in entry


def test_atom_summaries_are_text_and_the_payload_is_never_markup(client, published_payload):
    feed = ET.fromstring(client.get(reverse("register:atom")).content)
    summaries = feed.findall(f"{ATOM}entry/{ATOM}summary")
    assert summaries
    for summary in summaries:
        assert summary.get("type") == "text"  # a reader shows it as text
        assert PAYLOAD in summary.text  # the name, kept as typed: as text
    for element in feed.iter():
        assert element.get("type") in (None, "text"), element.tag  # no html or xhtml anywhere


def test_json_and_csv_are_data_never_sniffed_as_html(client, published_payload):
    data = client.get(reverse("register:json"))
    assert data["Content-Type"].startswith("application/json")
    assert json.loads(data.content)["entries"][0]["model_name"].startswith(PAYLOAD)
    csv = client.get(reverse("register:csv"))
    assert csv["Content-Type"].startswith("text/csv")
    for response in (data, csv):
        assert response["X-Content-Type-Options"] == "nosniff"
