"""Cache-Control: no-store on every signed-in page, every API answer and every download, so that
no browser, proxy or shared computer keeps a copy of a case file; public pages stay cacheable."""

from __future__ import annotations

import pytest
from django.urls import reverse
from rest_framework.authtoken.models import Token

from .test_permission_matrix import MATRIX, world  # noqa: F401  (the fixture)

pytestmark = pytest.mark.django_db


def _no_store(response) -> bool:
    return "no-store" in response.get("Cache-Control", "")


@pytest.mark.parametrize("role", ["provider_a", "caseworker", "admin"])
def test_every_signed_in_page_and_download_says_no_store(
    client,
    world,  # noqa: F811
    role,
):
    client.force_login(world["users"][role])
    missing = []
    for name, (args, _expected, method) in MATRIX.items():
        if method != "get":
            continue
        url = reverse(name.split("#")[0], args=args(world) if args else None)
        response = client.get(url)
        if not _no_store(response):
            missing.append(f"{url}: {response.status_code}")
    assert missing == []


def test_downloads_say_no_store_in_both_doors(client, world):  # noqa: F811
    client.force_login(world["users"]["provider_b"])
    page = client.get(reverse("document_download", args=[world["doc_b"]]))
    assert page.status_code == 200 and _no_store(page)
    token = Token.objects.create(user=world["users"]["provider_b"])
    api = client.get(
        reverse("api:document-download", args=[world["doc_b"]]),
        HTTP_AUTHORIZATION=f"Token {token.key}",
    )
    assert api.status_code == 200 and _no_store(api)


def test_the_public_list_stays_cacheable_for_the_public(client, world):  # noqa: F811
    response = client.get(reverse("register:list"))
    assert response.status_code == 200 and not _no_store(response)
    assert response.has_header("ETag")
