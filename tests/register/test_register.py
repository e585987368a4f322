"""The public list: nothing public before publication; every format; nothing confidential; 304s."""

from __future__ import annotations

import datetime
import json
from xml.etree import ElementTree

import jsonschema
import pytest
import time_machine
from django.urls import reverse

from gpai_cases.cases import services
from gpai_cases.register import services as register
from gpai_cases.register.models import Publication
from gpai_cases.register.views import SCHEMA_PATH, responses

from ..conftest import file_draft_notification, pdf_upload

pytestmark = pytest.mark.django_db

SECRET_REASONING = "CONFIDENTIAL-REASONING-7731"
SECRET_EMAIL = "secret-contact-7731@alpha.example"
SECRET_EVIDENCE = "CONFIDENTIAL-EVIDENCE-TITLE-7731"
PUBLIC_FORMATS = [
    "register:list",
    "register:json",
    "register:csv",
    "register:atom",
    "register:archive",
]


@pytest.fixture
def designated(member_a, model_a, provider_a, caseworker, approver):
    provider_a.contact_email = SECRET_EMAIL
    provider_a.save()
    model_a.training_compute_flop = 37310000000000000000000000
    model_a.save()
    case = file_draft_notification(member_a, model_a)
    services.document_add(
        actor=member_a, case=case, uploaded_file=pdf_upload(), title=SECRET_EVIDENCE
    )
    services.case_submit(actor=member_a, case=case)
    services.case_take_up(actor=caseworker, case=case)
    with time_machine.travel(datetime.datetime(2026, 1, 31, 9, tzinfo=datetime.UTC)):
        services.decision_propose(
            actor=caseworker, case=case, outcome="designate", reasoning=SECRET_REASONING
        )
        services.decision_approve(actor=approver, case=case)
    return case.resulting_designation


def fetch_all(client) -> dict[str, str]:
    return {name: client.get(reverse(name)).content.decode() for name in PUBLIC_FORMATS}


def test_an_approved_designation_is_not_public_until_published(client, designated):
    pages = fetch_all(client)
    for name, body in pages.items():
        assert "Alpha-1" not in body, name
    assert json.loads(pages["register:json"])["entries"] == []


def test_publishing_makes_the_entry_visible_in_every_format(client, designated, office_admin):
    publication = register.publish(actor=office_admin)
    assert publication.number == 1
    pages = fetch_all(client)
    assert "Alpha-1 2026-01" in pages["register:list"]
    assert "Alpha Labs SE" in pages["register:list"]
    data = json.loads(pages["register:json"])
    [entry] = data["entries"]
    assert entry["entry_id"] == f"GPAI-SR-{designated.pk:04d}"
    assert entry["designated_on"] == "2026-01-31"
    assert entry["basis"] == "Notified without arguments"
    assert "Alpha-1 2026-01" in pages["register:csv"].splitlines()[1]
    feed = ElementTree.fromstring(pages["register:atom"].encode())
    titles = [t.text for t in feed.iter("{http://www.w3.org/2005/Atom}title")]
    assert "Publication 1" in titles
    detail = client.get(reverse("register:entry", args=[entry["entry_id"]]))
    assert detail.status_code == 200 and b"Designated" in detail.content


def test_nothing_confidential_reaches_any_public_output(client, designated, office_admin):
    # A fixed publication time: a timestamp such as 01:25:53.749 must not pass for a leak of 3.7e25.
    with time_machine.travel(datetime.datetime(2026, 2, 2, 10, tzinfo=datetime.UTC), tick=False):
        register.publish(actor=office_admin)
    entry_id = f"GPAI-SR-{designated.pk:04d}"
    outputs = fetch_all(client)
    outputs["entry"] = client.get(reverse("register:entry", args=[entry_id])).content.decode()
    outputs["publication"] = client.get(reverse("register:publication", args=[1])).content.decode()
    for name, body in outputs.items():
        for secret in (
            SECRET_REASONING,
            SECRET_EMAIL,
            SECRET_EVIDENCE,
            "3731",
            "3.7",
            "FLOP",
            "sha256",
        ):
            assert secret not in body, f"{secret!r} leaked into {name}"


def test_the_json_validates_against_its_published_schema(client, designated, office_admin):
    register.publish(actor=office_admin)
    schema = json.loads(SCHEMA_PATH.read_text())
    assert json.loads(client.get(reverse("register:schema")).content) == schema
    jsonschema.validate(json.loads(client.get(reverse("register:json")).content), schema)
    jsonschema.validate(json.loads(client.get(reverse("register:json")).content), schema)
    responses.clear()
    # an empty list validates too
    jsonschema.validate(
        {"title": "t", "publication": None, "published_at": None, "entries": []}, schema
    )


def test_a_revoked_designation_moves_to_history_with_its_date(
    client, designated, office_admin, member_a, caseworker, approver
):
    register.publish(actor=office_admin)
    case = services.case_create_reassessment(
        actor=member_a, designation=designated, reasons="New facts"
    )
    services.document_add(actor=member_a, case=case, uploaded_file=pdf_upload())
    with time_machine.travel(datetime.datetime(2026, 9, 1, 9, tzinfo=datetime.UTC)):
        services.case_submit(actor=member_a, case=case)
        services.case_take_up(actor=caseworker, case=case)
        services.decision_propose(
            actor=caseworker, case=case, outcome="revoke", reasoning="No longer."
        )
        services.decision_approve(actor=approver, case=case)
    assert [c.change for c in register.pending_changes()] == ["revoked"]
    # not public before the next publication
    assert (
        json.loads(client.get(reverse("register:json")).content)["entries"][0]["status"]
        == "designated"
    )
    register.publish(actor=office_admin)
    [entry] = json.loads(client.get(reverse("register:json")).content)["entries"]
    assert entry["status"] == "revoked"
    assert entry["revoked_on"] == "2026-09-01"
    assert entry["history"] == [
        {"date": "2026-01-31", "event": "designated"},
        {"date": "2026-09-01", "event": "revoked"},
    ]
    page = client.get(reverse("register:list")).content.decode()
    assert "Designations revoked" in page and "1 September 2026" in page
    archive = client.get(reverse("register:publication", args=[1])).content.decode()
    assert "Designations revoked" not in archive  # publication 1 is kept as it was


def test_conditional_get_is_answered_304(client, designated, office_admin):
    register.publish(actor=office_admin)
    for name in ("register:list", "register:json", "register:csv", "register:atom"):
        first = client.get(reverse(name))
        assert first["ETag"] and first["Last-Modified"]
        again = client.get(reverse(name), HTTP_IF_NONE_MATCH=first["ETag"])
        assert again.status_code == 304, name
        since = client.get(reverse(name), HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
        assert since.status_code == 304, name


def test_the_cached_pages_are_kept_per_language(client, designated, office_admin):
    register.publish(actor=office_admin)
    url = reverse("register:list")
    french = client.get(url, HTTP_ACCEPT_LANGUAGE="fr")
    english = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
    assert "Autres formats" in french.content.decode()
    assert "Other formats" in english.content.decode()
    assert "Autres formats" not in english.content.decode()  # not the French body from memory
    assert french["ETag"] != english["ETag"]
    again = client.get(url, HTTP_ACCEPT_LANGUAGE="en", HTTP_IF_NONE_MATCH=french["ETag"])
    assert again.status_code == 200


def test_a_new_publication_invalidates_the_cache_and_the_etag(
    client, designated, office_admin, django_assert_max_num_queries
):
    register.publish(actor=office_admin)
    first = client.get(reverse("register:json"))
    with django_assert_max_num_queries(1):  # served from the cache: only the latest number is read
        client.get(reverse("register:json"))
    register.wording_save(actor=office_admin, designation=designated, public_model_name="Alpha One")
    register.publish(actor=office_admin)
    second = client.get(reverse("register:json"))
    assert second["ETag"] != first["ETag"]
    assert json.loads(second.content)["entries"][0]["model_name"] == "Alpha One"
    assert client.get(reverse("register:json"), HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 200


def test_only_admins_publish(client, designated, caseworker, approver, member_a, office_admin):
    url = reverse("register:publish")
    assert client.get(url).status_code == 302  # anonymous → sign in
    for user in (caseworker, approver, member_a):
        client.force_login(user)
        assert client.get(url).status_code == 403
        assert client.post(url, {"action": "publish"}).status_code == 403
    client.force_login(office_admin)
    page = client.get(url)
    assert page.status_code == 200 and b"Publish now" in page.content and b"new" in page.content
    prefix = f"d{designated.pk}-"
    wording = {
        "action": "publish",
        prefix + "public_model_name": "Alpha One",
        prefix + "public_provider_name": "Alpha Labs",
        prefix + "summary": "Frontier model.",
    }
    asked = client.post(url, wording)  # publishing asks first: what becomes public, to whom
    assert asked.status_code == 200 and "What happens when you publish" in asked.content.decode()
    assert "Alpha One" in asked.content.decode() and not Publication.objects.exists()
    done = client.post(url, {**wording, "confirm": "yes"})
    assert done.status_code == 302
    client.logout()
    body = client.get(reverse("register:list")).content.decode()
    assert "Alpha One" in body and "Alpha Labs" in body
    with pytest.raises(Exception, match="Only an admin"):
        register.publish(actor=caseworker)


def test_the_response_memory_is_bounded_and_follows_the_publication_number():
    from gpai_cases.register.views import _Responses

    memory = _Responses()
    assert memory.get(1, "list") is None
    memory.put(1, "list", (b"one", "text/html", 200))
    assert memory.get(1, "list") == (b"one", "text/html", 200)
    assert memory.get(2, "list") is None  # a new publication empties it
    memory.put(1, "list", (b"old", "text/html", 200))  # a late writer of the old number is ignored
    assert memory.get(2, "list") is None
    for i in range(memory.MAX + 5):  # unknown entry ids cannot grow it without bound
        memory.put(2, f"entry:{i}", (b"", "text/html", 404))
    assert len(memory.bodies) <= memory.MAX


@pytest.fixture
def long_list(office_admin):
    """A publication with five designated and three revoked models (built directly)."""
    from gpai_cases.register.models import Publication, PublicEntry

    publication = Publication.objects.create(number=1, published_by=office_admin)
    for i in range(8):
        revoked = i >= 5
        PublicEntry.objects.create(
            publication=publication,
            entry_id=f"GPAI-SR-{i:04d}",
            model_name=f"Model {i}",
            provider_name="Alpha Labs SE",
            designated_on=datetime.date(2026, 1, 10 + i),
            basis="Ex officio",
            status="revoked" if revoked else "designated",
            revoked_on=datetime.date(2026, 6, 1) if revoked else None,
        )
    return publication


def test_the_public_list_is_paginated_and_odd_page_numbers_do_not_break_it(
    client, long_list, monkeypatch
):
    from gpai_cases.register import views

    monkeypatch.setattr(views, "PAGE_SIZE", 2)
    url = reverse("register:list")
    first = client.get(url).content.decode()
    assert "5 models designated; entries 1–2 shown" in first
    assert "Model 0" in first and "Model 1" in first and "Model 2" not in first
    assert "Page 1 of 3" in first and 'href="?page=2"' in first
    third = client.get(url, {"page": "3"}).content.decode()
    assert "Model 4" in third and "Model 0" not in third
    # revoked designations page on their own, keeping the page of the designated list
    revoked = client.get(url, {"page": "3", "revoked_page": "2"}).content.decode()
    assert "Model 7" in revoked and "Model 5" not in revoked and "Model 4" in revoked
    for odd in ("0", "-1", "x", "²", "99999999999", "9" * 7):
        response = client.get(url, {"page": odd})
        assert response.status_code == 200, odd
    assert "Model 4" in client.get(url, {"page": "999"}).content.decode()  # past the end: last page


def test_compressed_answers_hold_the_same_list_under_their_own_etag(client, long_list):
    import gzip

    for name in ("register:list", "register:json", "register:csv", "register:atom"):
        plain = client.get(reverse(name))
        packed = client.get(reverse(name), HTTP_ACCEPT_ENCODING="gzip, deflate, br")
        assert "Content-Encoding" not in plain, name
        assert packed["Content-Encoding"] == "gzip", name
        assert gzip.decompress(packed.content) == plain.content, name
        assert "Accept-Encoding" in plain["Vary"] and "Accept-Encoding" in packed["Vary"]
        assert packed["ETag"] != plain["ETag"]
        assert packed["Content-Type"] == plain["Content-Type"]
        again = client.get(
            reverse(name), HTTP_ACCEPT_ENCODING="gzip", HTTP_IF_NONE_MATCH=packed["ETag"]
        )
        assert again.status_code == 304, name
    assert client.get(reverse("register:json"))["Link"].endswith('rel="describedby"')
    csv_packed = client.get(reverse("register:csv"), HTTP_ACCEPT_ENCODING="gzip")
    assert csv_packed["Content-Disposition"].startswith("inline")
