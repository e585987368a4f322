"""Odd input is refused, never a 500: every URL pattern with a NUL byte or a control character in
an argument answers 404 or 400 (problem+json under /api/); control characters in queries and
form fields are stripped; JSON nested 60,000 levels deep is refused; upload parsers turn every
error into words."""

from __future__ import annotations

import contextlib
import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from gpai_cases.cases import services
from gpai_cases.documents.validation import UploadRefused, sniff

from .test_permission_matrix import MATRIX, world  # noqa: F401  (the fixture)

pytestmark = pytest.mark.django_db
ODD = ["%00", "%01x", "a%0Ab", "%7F", "99999999999999999999999"]


def _odd_urls(w) -> list[str]:
    urls = []
    for name, (args, _expected, _method) in MATRIX.items():
        if not args:
            continue
        values = args(w)
        base = reverse(name.split("#")[0], args=values)
        for i, value in enumerate(values):
            for odd in ODD:
                urls.append(
                    base.replace(f"/{value}/", f"/{odd}/", 1)
                    if i == 0
                    else base[::-1].replace(f"/{value}/"[::-1], f"/{odd}/"[::-1], 1)[::-1]
                )
    return sorted(set(urls))


@pytest.mark.parametrize("role", ["anonymous", "caseworker", "provider_a"])
def test_every_url_pattern_with_a_nul_or_control_character_answers_404_or_400(
    client,
    world,  # noqa: F811
    role,
):
    if role != "anonymous":
        client.force_login(world["users"][role])
    wrong = []
    for url in _odd_urls(world):
        response = client.get(url)
        if response.status_code not in (400, 404):
            wrong.append(f"{url}: {response.status_code}")
        elif url.startswith("/api/") and response["Content-Type"] != "application/problem+json":
            wrong.append(f"{url}: {response['Content-Type']}")
    assert wrong == []


def test_the_known_bad_paths_of_the_issue(client, caseworker):
    client.force_login(caseworker)
    assert client.get("/register/entries/%00/").status_code == 400
    assert client.get("/register/entries/GPAI-SR-00x1/").status_code == 404
    api = client.get("/api/v1/cases/%00/", HTTP_AUTHORIZATION="Token x")
    assert api.status_code == 400 and api["Content-Type"] == "application/problem+json"
    api = client.get("/api/v1/cases/GPAI-26-x/", HTTP_AUTHORIZATION="Token x")
    assert api.status_code == 404 and api["Content-Type"] == "application/problem+json"
    assert client.get("/api/v1/no/such/path/")["Content-Type"] == "application/problem+json"
    assert client.get("/workspace/?q=a%00b").status_code == 200
    assert client.get("/workspace/queue.csv?q=%00%01&state=%00").status_code == 200


def test_every_page_without_arguments_survives_control_characters_in_its_query(
    client,
    world,  # noqa: F811
):
    client.force_login(world["users"]["caseworker"])
    for name, (args, expected, method) in MATRIX.items():
        if args or method != "get" or expected["caseworker"] >= 500:  # the worker's health
            continue
        response = client.get(reverse(name.split("#")[0]) + "?q=a%00b&page=%01&sort=%1F")
        assert response.status_code < 500, name


def test_control_characters_are_stripped_from_posted_form_fields(client, member_a, model_a):
    client.force_login(member_a)
    response = client.post(
        reverse("portal:model_edit", args=[model_a.pk]),
        {
            "name": "Alpha\x00-1\x07",
            "version": model_a.version,
            "modalities": ["text"],
            "training_compute_flop": "3.2e25",
            "release_mode": "api",
        },
    )
    assert response.status_code in (200, 302)
    model_a.refresh_from_db()
    assert "\x00" not in model_a.name and "\x07" not in model_a.name


def test_a_json_body_nested_60000_levels_deep_is_refused_in_words(member_a):
    client = APIClient()
    token = Token.objects.create(user=member_a)
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    body = "[" * 60_000 + "]" * 60_000
    response = client.post(reverse("api:cases"), body, content_type="application/json")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert "nested deeper than 64 levels" in response.json()["detail"]


def test_a_deeply_nested_json_upload_is_refused(draft_a, member_a):
    deep = SimpleUploadedFile("deep.json", b"[" * 60_000 + b"]" * 60_000)
    with pytest.raises(UploadRefused, match="more than 64 levels deep"):
        services.document_add(actor=member_a, case=draft_a, uploaded_file=deep)


@pytest.mark.parametrize(
    "data",
    [
        b"PK\x03\x04" + b"\x00" * 40,  # a ZIP header and nothing after it
        b"PK\x05\x06" + b"\xff" * 18,  # an end record pointing nowhere
        b'{"a": ' * 70 + b"1" + b"}" * 70,
        b"a,b\n" + b"\x00" * 3,
        "é".encode() * 10 + b"\xff\xfe",
    ],
)
def test_the_upload_parsers_turn_every_error_into_words(data):
    with contextlib.suppress(UploadRefused):  # refused in words; anything else would be a 500
        sniff("odd.bin", data[:65536], stream=io.BytesIO(data), size=len(data))


def pdf(extra: bytes) -> bytes:
    return (
        b"%PDF-1.7\n1 0 obj<</Type/Catalog/Pages 2 0 R" + extra + b">>endobj\n"
        b"trailer<</Root 1 0 R>>\n%%EOF\n"
    )


@pytest.mark.parametrize(
    ("extra", "words"),
    [
        (b"/OpenAction<</S/JavaScript/JS(app.alert(1))>>", "holds JavaScript"),
        (b"/OpenAction<</S/J#61vaScript/JS(x)>>", "holds JavaScript"),
        (b"/OpenAction<</S/Launch/F(cmd.exe)>>", "launches a program"),
        (b"/Names<</EmbeddedFiles 3 0 R>>", "carries embedded files"),
    ],
)
def test_a_pdf_with_active_content_is_refused_before_anyone_opens_it(
    draft_a, member_a, extra, words
):
    upload = SimpleUploadedFile("evidence.pdf", pdf(extra))
    with pytest.raises(UploadRefused, match=words):
        services.document_add(actor=member_a, case=draft_a, uploaded_file=upload)


def test_a_pdf_that_is_also_a_zip_archive_is_refused(draft_a, member_a):
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("index.html", "<script>alert(1)</script>")
    upload = SimpleUploadedFile("evidence.pdf", pdf(b"") + archive.getvalue())
    with pytest.raises(UploadRefused, match="polyglot"):
        services.document_add(actor=member_a, case=draft_a, uploaded_file=upload)


def test_an_ordinary_pdf_is_accepted(draft_a, member_a):
    upload = SimpleUploadedFile("evidence.pdf", pdf(b"/OpenAction[3 0 R/XYZ null null 0]"))
    assert services.document_add(actor=member_a, case=draft_a, uploaded_file=upload).pk


def test_the_api_refuses_an_active_pdf_as_a_problem(draft_a, member_a):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=member_a).key}")
    upload = SimpleUploadedFile("evidence.pdf", pdf(b"/AA<</O<</S/JavaScript/JS(x)>>>>"))
    response = client.post(
        reverse("api:case-documents", args=[draft_a.reference]), {"file": upload}
    )
    assert response.status_code == 400 and "holds JavaScript" in response.json()["detail"]
