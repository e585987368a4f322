"""The public page where anyone holding a letter checks it: "authentic" for a real reference and
code and for the original PDF, "not found" for a wrong code or an altered PDF, never anything of
the case beyond the letter's date and kind; rate-limited per client address."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gpai_cases.letters.verification import shown

from .kinds import INTERNAL, KINDS, addressed, pdf_bytes

pytestmark = pytest.mark.django_db

URL = "/letters/verify/"


@pytest.fixture
def letter(member_a, model_a, caseworker, approver):
    addressed(model_a.provider, caseworker, approver)
    w = {"member": member_a, "model": model_a, "caseworker": caseworker, "approver": approver}
    return KINDS["designation"][0](w)


def check(client, **data):
    return client.post(URL, data)


def test_the_page_is_public_and_at_its_address(client):
    assert reverse("letter_verify") == URL
    response = client.get(URL)
    assert response.status_code == 200
    assert b"Check a letter of the AI Office" in response.content


def test_a_real_reference_and_code_are_authentic_and_show_only_date_and_kind(client, letter):
    response = check(client, reference=letter.reference, code=shown(letter.verification_code))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Authentic" in page and letter.reference in page
    assert "Monday 20 April 2026" in page and "Decision" in page
    # nothing else about the case
    for secret in ("Alpha-1", "Alpha Labs", INTERNAL, "Lefèvre", "designated as", "FLOP"):
        assert secret not in page, secret


def test_the_code_may_be_typed_in_lower_case_without_its_space(client, letter):
    page = check(client, reference=letter.reference, code=letter.verification_code.lower())
    assert b"Authentic" in page.content


def test_a_wrong_code_or_reference_is_not_found(client, letter):
    wrong = ("A" if letter.verification_code[0] != "A" else "B") + letter.verification_code[1:]
    for reference, code in (
        (letter.reference, wrong),
        ("GPAI-2026-0001/L99", letter.verification_code),
    ):
        response = check(client, reference=reference, code=code)
        assert response.status_code == 200
        assert b"Not found" in response.content and b"Authentic" not in response.content


def test_the_original_pdf_is_authentic_and_an_altered_one_is_not_found(client, letter):
    original = pdf_bytes(letter)
    response = client.post(URL, {"pdf": SimpleUploadedFile("l.pdf", original, "application/pdf")})
    assert b"Authentic" in response.content and letter.reference.encode() in response.content
    altered = original.replace(b"Anna Berg", b"Anna Borg", 1)
    altered = altered if altered != original else original[:-10] + b"%%EOF\n    "
    response = client.post(URL, {"pdf": SimpleUploadedFile("l.pdf", altered, "application/pdf")})
    assert b"Not found" in response.content and b"Authentic" not in response.content


def test_a_check_without_a_code_or_a_file_comes_back_with_the_values_kept(client, letter):
    response = check(client, reference=letter.reference, code="")
    page = response.content.decode()
    assert response.status_code == 400
    assert "There is a problem" in page
    assert "Enter the letter&#x27;s reference and its verification code, or upload the PDF." in page
    assert f'value="{letter.reference}"' in page


def test_checks_are_rate_limited_per_address(client, letter, settings):
    settings.GPAI_LETTER_VERIFY_ATTEMPTS = 3
    for _ in range(3):
        assert check(client, reference=letter.reference, code="WRONG").status_code == 200
    response = check(client, reference=letter.reference, code=letter.verification_code)
    assert response.status_code == 429
    assert b"Too many checks from your address" in response.content
    assert b"Authentic" not in response.content
    # another address is not held up
    other = client.post(
        URL,
        {"reference": letter.reference, "code": letter.verification_code},
        REMOTE_ADDR="192.0.2.7",
    )
    assert b"Authentic" in other.content


def test_a_pending_letter_is_not_authentic_yet(client, submitted_a):
    from gpai_cases.letters.models import Letter

    pending = Letter.objects.get(case=submitted_a)
    assert pending.status == "pending"
    response = check(client, reference=pending.reference, code=pending.verification_code)
    assert b"Not found" in response.content
