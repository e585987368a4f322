"""The case page's links are filled in by the view (workspace/views/case_lists.py): each is what
``reverse()`` gives, and the page prints them where the template printed ``{% url %}``."""

from __future__ import annotations

import pytest
from django.urls import reverse

from gpai_cases.documents.models import Document
from gpai_cases.letters.models import Letter
from gpai_cases.workspace.views import case_lists

pytestmark = pytest.mark.django_db


def test_the_case_links_are_what_reverse_gives(assessing_a):
    ref = assessing_a.reference
    assert case_lists.case_links(ref) == {
        name: reverse(f"workspace:{name}", args=[ref]) for name in case_lists.CASE_LINKS
    }


def test_the_documents_and_letters_rows_link_as_reverse_and_the_page_prints_them(
    client, caseworker, designation_a
):
    case = designation_a.case
    docs = case_lists.documents(case)
    assert docs
    for d in docs:
        assert d["url"] == reverse("document_download", args=[d["pk"]])
        shared = reverse("workspace:document_share", args=[case.reference, d["pk"]])
        assert d["share_url"] == (shared if d["internal"] else "")
    letters = case_lists.letters(case)
    assert letters
    for row in letters:
        regenerate = reverse("workspace:regenerate_letter", args=[case.reference, row["pk"]])
        assert row["regenerate_url"] == regenerate
        if row["document_id"]:
            assert row["url"] == reverse("document_download", args=[row["document_id"]])
        else:  # not rendered yet: no link
            assert row["url"] == ""
    client.force_login(caseworker)
    html = client.get(reverse("workspace:case", args=[case.reference])).content.decode()
    for d in Document.objects.filter(case=case):
        assert f'href="{reverse("document_download", args=[d.pk])}"' in html
    letter = Letter.objects.filter(case=case).first()
    Letter.objects.filter(pk=letter.pk).update(status="failed")  # the page offers to regenerate it
    html = client.get(reverse("workspace:case", args=[case.reference])).content.decode()
    assert (
        f'action="{reverse("workspace:regenerate_letter", args=[case.reference, letter.pk])}"'
        in html
    )
    assert f'href="{reverse("workspace:reasoning", args=[case.reference])}"' in html
