"""Drafts are editable until submitted (docs/rules.md § facts-as-filed): the provider removes or
replaces a draft's documents and claims, after a confirmation; what was removed is kept and in the
audit trail, and never part of the submission nor of the acknowledgement."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from gpai_cases.cases import rules, services
from gpai_cases.cases.models import CaseEvent, Claim
from gpai_cases.cases.services import ActionRefused
from gpai_cases.documents.models import Document
from gpai_cases.letters.models import Letter
from gpai_cases.letters.rendering import letter_context, render_html

from ..conftest import pdf_upload

pytestmark = pytest.mark.django_db


def upload(member, case, title):
    return services.document_add(
        actor=member, case=case, uploaded_file=pdf_upload(f"{title}.pdf"), title=title
    )


def api(user) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.get_or_create(user=user)[0].key}")
    return client


def test_a_removed_document_stays_out_of_the_acknowledgement_and_is_kept_in_the_audit_trail(
    draft_a, member_a
):
    wrong = upload(member_a, draft_a, "Wrong spreadsheet")
    services.document_remove(actor=member_a, document=wrong)
    kept = Document.all_objects.get(pk=wrong.pk)
    assert kept.removed_at is not None and kept.removed_by == member_a
    assert kept.file.name  # the stored file stays
    assert list(draft_a.documents.all()) == [Document.objects.get(title="Compute log")]
    event = CaseEvent.objects.get(case=draft_a, action="document_removed")
    assert event.payload["sha256"] == wrong.sha256
    assert event.payload["title"] == "Wrong spreadsheet"
    case = services.case_submit(actor=member_a, case=draft_a)
    letter = Letter.objects.get(case=case, kind="acknowledgement")
    assert [d.title for d in letter_context(letter)["documents"]] == ["Compute log"]
    html = render_html(letter)
    assert "Wrong spreadsheet" not in html


def test_removing_the_only_evidence_document_blocks_the_submission(draft_a, member_a):
    services.document_remove(actor=member_a, document=draft_a.documents.get())
    assert "Upload at least one evidence document for the training compute." in (
        rules.submit_blockers(draft_a, today=draft_a.created_at.date())
    )
    with pytest.raises(ActionRefused, match="Upload at least one evidence document"):
        services.case_submit(actor=member_a, case=draft_a)


def test_replacing_a_document_links_the_new_version_and_moves_the_claims_citing_it(
    draft_a, member_a
):
    old = draft_a.documents.get()
    (claim,) = services.claims_file(
        actor=member_a,
        case=draft_a,
        claims=[{"text": "Below frontier", "basis": "capability", "documents": [old.pk]}],
    )
    new = services.document_add(
        actor=member_a,
        case=draft_a,
        uploaded_file=pdf_upload("v2.pdf"),
        title="Compute log v2",
        replaces=old,
    )
    assert new.replaces == old
    assert Document.all_objects.get(pk=old.pk).removed_at is not None
    assert list(Claim.objects.get(pk=claim.pk).documents.all()) == [new]
    removed = CaseEvent.objects.get(case=draft_a, action="document_removed")
    assert removed.payload["replaced_by"] == new.pk


def test_removing_and_replacing_a_claim_keeps_what_it_said_in_the_audit_trail(draft_a, member_a):
    (first,) = services.claims_file(
        actor=member_a, case=draft_a, claims=[{"text": "Restricted access", "basis": "mitigation"}]
    )
    corrected = services.claim_replace(
        actor=member_a, claim=first, text="Below the frontier on benchmarks", basis="capability"
    )
    services.claim_remove(actor=member_a, claim=corrected)
    assert list(draft_a.claims.all()) == []
    assert Claim.all_objects.filter(case=draft_a).count() == 2
    removals = CaseEvent.objects.filter(case=draft_a, action="claim_removed").order_by("pk")
    assert [(e.payload["text"], e.payload["basis"]) for e in removals] == [
        ("Restricted access", "mitigation"),
        ("Below the frontier on benchmarks", "capability"),
    ]
    assert removals[0].payload["replaced_by"] == corrected.pk
    case = services.case_submit(actor=member_a, case=draft_a)
    letter = Letter.objects.get(case=case, kind="acknowledgement")
    assert letter_context(letter)["claims"] == []
    assert "argument" not in render_html(letter)


def test_nothing_filed_can_be_removed_once_submitted(submitted_a, member_a):
    (claim,) = services.claims_file(
        actor=member_a, case=submitted_a, claims=[{"text": "Late", "basis": "other"}]
    )
    with pytest.raises(ActionRefused, match="You cannot remove or replace documents: the case"):
        services.document_remove(actor=member_a, document=submitted_a.documents.get())
    with pytest.raises(ActionRefused, match="You cannot remove or replace claims: the case"):
        services.claim_remove(actor=member_a, claim=claim)


def test_only_the_provider_removes_what_it_filed(draft_a, member_b, caseworker):
    for user in (member_b, caseworker):
        with pytest.raises(PermissionDenied):
            services.document_remove(actor=user, document=draft_a.documents.get())


def test_the_evidence_step_asks_for_confirmation_before_removing_a_document(
    client, draft_a, member_a
):
    document = draft_a.documents.get()
    client.force_login(member_a)
    step = client.get(reverse("portal:wizard", args=[draft_a.reference, "evidence"]))
    remove_url = reverse("portal:document_remove", args=[draft_a.reference, document.pk])
    replace_url = reverse("portal:document_replace", args=[draft_a.reference, document.pk])
    assert remove_url in step.content.decode() and replace_url in step.content.decode()
    confirm = client.get(remove_url)
    assert "Remove the document “Compute log”?" in confirm.content.decode()
    assert Document.objects.filter(pk=document.pk).exists()  # nothing removed by looking
    done = client.post(remove_url, follow=True)
    assert done.redirect_chain[-1][0] == reverse(
        "portal:wizard", args=[draft_a.reference, "evidence"]
    )
    assert not Document.objects.filter(pk=document.pk).exists()
    assert Document.all_objects.filter(pk=document.pk).exists()


def test_the_evidence_step_replaces_a_document_and_a_refused_upload_keeps_the_old_one(
    client, draft_a, member_a
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    document = draft_a.documents.get()
    client.force_login(member_a)
    url = reverse("portal:document_replace", args=[draft_a.reference, document.pk])
    bad = client.post(
        url, {"title": "v2", "file": SimpleUploadedFile("v2.pdf", b"MZ" + b"\0" * 50)}
    )
    assert bad.status_code == 200 and "not an accepted type" in bad.content.decode()
    assert Document.objects.filter(pk=document.pk).exists()
    client.post(url, {"title": "Compute log v2", "file": pdf_upload("v2.pdf")})
    assert [d.title for d in draft_a.documents.all()] == ["Compute log v2"]


def test_the_arguments_step_corrects_and_removes_a_claim_after_a_confirmation(
    client, draft_a, member_a
):
    (claim,) = services.claims_file(
        actor=member_a, case=draft_a, claims=[{"text": "Restricted access", "basis": "mitigation"}]
    )
    client.force_login(member_a)
    step = client.get(reverse("portal:wizard", args=[draft_a.reference, "arguments"]))
    replace_url = reverse("portal:claim_replace", args=[draft_a.reference, claim.pk])
    assert replace_url in step.content.decode()
    form = client.get(replace_url).content.decode()
    assert "Restricted access" in form  # the claim's words, to correct
    refused = client.post(replace_url, {"text": "Benchmarks below the frontier"})
    assert (
        refused.status_code == 200 and "Benchmarks below the frontier" in refused.content.decode()
    )
    client.post(replace_url, {"text": "Benchmarks below the frontier", "basis": "capability"})
    (new,) = draft_a.claims.all()
    assert new.text == "Benchmarks below the frontier" and new.basis == "capability"
    remove_url = reverse("portal:claim_remove", args=[draft_a.reference, new.pk])
    assert "Remove this claim?" in client.get(remove_url).content.decode()
    client.post(remove_url)
    assert not draft_a.claims.exists()


def test_the_api_removes_and_replaces_a_drafts_documents_and_claims(draft_a, member_a, member_b):
    document = draft_a.documents.get()
    (claim,) = services.claims_file(
        actor=member_a, case=draft_a, claims=[{"text": "Small", "basis": "reach"}]
    )
    assert api(member_b).post(f"/api/v1/documents/{document.pk}/remove/").status_code == 404
    replaced = api(member_a).post(
        f"/api/v1/cases/{draft_a.reference}/documents/",
        {"file": pdf_upload("v2.pdf"), "title": "v2", "replaces": document.pk},
        format="multipart",
    )
    assert replaced.status_code == 201 and replaced.json()["replaces"] == document.pk
    removed = api(member_a).post(f"/api/v1/documents/{replaced.json()['id']}/remove/")
    assert removed.status_code == 200 and removed.json()["removed_at"]
    again = api(member_a).post(
        f"/api/v1/claims/{claim.pk}/replace/", {"text": "Smaller", "basis": "reach"}, format="json"
    )
    assert again.status_code == 201 and again.json()["text"] == "Smaller"
    assert api(member_a).post(f"/api/v1/claims/{again.json()['id']}/remove/").status_code == 200
    assert not draft_a.documents.exists() and not draft_a.claims.exists()
    gone = api(member_a).post(f"/api/v1/claims/{claim.pk}/remove/")
    assert gone.status_code == 404  # removed claims are no longer part of the case
