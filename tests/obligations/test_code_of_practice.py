"""A provider's Code of Practice status per chapter, with its dates of signature and withdrawal and
its history; recorded by the AI Office; shown on the workspace case and provider pages, to the
provider, and in the API."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from gpai_cases.obligations import services
from gpai_cases.obligations.models import CodeOfPracticeStatus
from gpai_cases.reminders.models import InboxMessage

from .conftest import D, at

pytestmark = pytest.mark.django_db


def record(actor, provider, chapter, signatory, on):
    return services.code_of_practice_record(
        actor=actor, provider=provider, chapter=chapter, signatory=signatory, on=on
    )


def test_signature_and_withdrawal_are_kept_as_a_history(provider_a, caseworker, member_a):
    with at(D(2026, 10, 1)):
        record(caseworker, provider_a, "safety_security", True, D(2025, 8, 1))
        record(caseworker, provider_a, "safety_security", False, D(2026, 9, 30))
    rows = list(CodeOfPracticeStatus.objects.filter(provider=provider_a).order_by("id"))
    assert [(r.signatory, r.signed_on, r.withdrawn_on) for r in rows] == [
        (True, D(2025, 8, 1), None),
        (False, D(2025, 8, 1), D(2026, 9, 30)),
    ]
    current = {c: s for c, _label, s in services.code_of_practice_current(provider_a)}
    assert current["safety_security"].words == "withdrew on 30 September 2026"
    assert current["transparency"] is None
    assert InboxMessage.objects.filter(user=member_a, kind="code_of_practice_recorded").count() == 2


def test_refused_records_say_why(provider_a, caseworker, approver):
    with at(D(2026, 10, 1)):
        with pytest.raises(services.ActionRefused) as refused:
            record(caseworker, provider_a, "copyright", False, D(2026, 9, 1))
        assert refused.value.reasons == [
            "The provider is not a signatory of this chapter: there is nothing to withdraw."
        ]
        with pytest.raises(services.ActionRefused) as refused:
            record(caseworker, provider_a, "copyright", True, D(2025, 7, 1))
        assert refused.value.reasons == ["The date of signature cannot be before Thu 10 Jul 2025."]
        record(caseworker, provider_a, "copyright", True, D(2025, 8, 1))
        with pytest.raises(services.ActionRefused) as refused:
            record(caseworker, provider_a, "copyright", False, D(2025, 7, 20))
        assert "The withdrawal cannot be before the signature of Fri 1 Aug 2025." in (
            refused.value.reasons
        )
        with pytest.raises(PermissionDenied):
            record(approver, provider_a, "copyright", False, D(2026, 9, 1))


def test_shown_to_the_provider_on_the_case_and_provider_pages_and_in_the_api(
    designation_a, provider_a, caseworker, member_a, client
):
    with at(D(2026, 10, 1)):
        record(caseworker, provider_a, "transparency", True, D(2025, 8, 1))
    client.force_login(member_a)
    assert "Transparency: signatory since 1 August 2025" in client.get("/portal/").content.decode()
    client.force_login(caseworker)
    case_page = client.get(f"/workspace/cases/{designation_a.case.reference}/").content.decode()
    assert "Transparency: signatory since 1 August 2025" in case_page
    assert "Copyright: not a signatory" in case_page
    provider_page = client.get(f"/workspace/providers/{provider_a.pk}/").content.decode()
    assert "signatory since 1 August 2025" in provider_page
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=member_a).key}")
    body = api.get(f"/api/v1/providers/{provider_a.pk}/code-of-practice/").json()
    assert [(s["chapter"], s["status"]) for s in body["current"]] == [
        ("transparency", "signatory since 1 August 2025")
    ]


def test_the_workspace_form_records_with_confirmation_and_keeps_refused_values(
    provider_a, caseworker, client
):
    client.force_login(caseworker)
    url = f"/workspace/providers/{provider_a.pk}/code-of-practice/"
    refused = client.post(url, {"chapter": "copyright", "status": "withdrawn", "on": "2026-09-01"})
    body = refused.content.decode()
    assert refused.status_code == 200 and "There is a problem" in body and "2026-09-01" in body
    refused = client.post(
        url, {"chapter": "copyright", "status": "withdrawn", "on": "2026-09-01", "confirm": "on"}
    )
    assert "there is nothing to withdraw" in refused.content.decode()
    done = client.post(
        url, {"chapter": "copyright", "status": "signed", "on": "2025-08-01", "confirm": "on"}
    )
    assert done.status_code == 302
    assert CodeOfPracticeStatus.objects.get(provider=provider_a).via == "workspace"
