"""Every read of a document is recorded (who, when, which, through which door); the provider sees
who at the AI Office opened its documents — the AI Office and the person's function, not the
person — and admins see all reads."""

from __future__ import annotations

import pytest
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from gpai_cases.accounts.models import Role
from gpai_cases.documents.models import DocumentRead

from ..factories import UserFactory

pytestmark = pytest.mark.django_db


def test_a_read_of_a_document_is_listed_for_the_provider(client, submitted_a, member_a, caseworker):
    document = submitted_a.documents.get(kind="evidence")
    client.force_login(caseworker)
    assert client.get(reverse("document_download", args=[document.pk])).status_code == 200
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=caseworker).key}")
    assert api.get(reverse("api:document-download", args=[document.pk])).status_code == 200
    reads = list(DocumentRead.objects.filter(document=document).order_by("at", "pk"))
    assert [(r.reader, r.reader_role, r.via) for r in reads] == [
        (caseworker, "caseworker", "web"),
        (caseworker, "caseworker", "api"),
    ]
    client.force_login(member_a)
    client.get(reverse("document_download", args=[document.pk]))  # its own read: recorded too
    page = client.get(reverse("portal:case", args=[submitted_a.reference])).content.decode()
    section = page.split('id="reads-h"')[1].split("</section>")[0]
    assert section.count("the AI Office (caseworker)") == 2 and document.title in section
    assert caseworker.email not in page and caseworker.full_name not in section
    assert member_a.full_name not in section  # the provider's own reads are not the AI Office's


def test_admins_see_all_reads(client, submitted_a, member_a, caseworker):
    document = submitted_a.documents.get(kind="evidence")
    for user in (caseworker, member_a):
        client.force_login(user)
        client.get(reverse("document_download", args=[document.pk]))
    root = UserFactory(
        role=Role.ADMIN, email="root@ai-office.example", is_staff=True, is_superuser=True
    )
    client.force_login(root)
    page = client.get(reverse("admin:documents_documentread_changelist")).content.decode()
    assert caseworker.display_name in page and member_a.display_name in page
