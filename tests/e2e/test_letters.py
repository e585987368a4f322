"""In a real browser: anyone checks a letter at /letters/verify/ (by code, by uploading the PDF);
a caseworker drafts the reasoning and an approver reads the letter before approving — each page
checked with axe-core."""

from __future__ import annotations

import datetime

import pytest

from gpai_cases.letters.verification import shown

from ..letters.kinds import KINDS, _with_arguments, addressed, at, pdf_bytes
from .conftest import check_accessibility
from .test_journey import sign_in, sign_out

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def w(member_a, model_a, caseworker, approver):
    addressed(model_a.provider, caseworker, approver)
    return {"member": member_a, "model": model_a, "caseworker": caseworker, "approver": approver}


def test_a_visitor_checks_a_letter_by_its_code_and_by_its_pdf(page, live_server, w, tmp_path):
    letter = KINDS["designation"][0](w)
    page.goto(f"{live_server.url}/letters/verify/")
    check_accessibility(page, "letter-verify")
    page.get_by_label("Reference of the letter").fill(letter.reference)
    page.get_by_label("Verification code").fill(shown(letter.verification_code))
    page.get_by_role("button", name="Check the letter").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", name="Authentic").is_visible()
    assert "Monday 20 April 2026" in page.content()
    check_accessibility(page, "letter-verify-authentic")

    page.get_by_label("Verification code").fill("WRONG CODE1")
    page.get_by_role("button", name="Check the letter").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", name="Not found").is_visible()

    pdf = tmp_path / "letter.pdf"
    pdf.write_bytes(pdf_bytes(letter))
    page.get_by_label("Reference of the letter").fill("")
    page.get_by_label("Verification code").fill("")
    page.get_by_label("Or upload the letter (PDF)").set_input_files(str(pdf))
    page.get_by_role("button", name="Check the letter").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", name="Authentic").is_visible()


def test_the_caseworker_drafts_the_reasoning_and_the_approver_reads_the_letter(
    page, live_server, w
):
    case = _with_arguments(w)
    with at(datetime.date(2026, 4, 1)):
        from gpai_cases.cases import services

        h = services.information_request_send(
            actor=w["caseworker"], case=case, kind="hearing", draft_reasoning="Draft."
        )
    with at(datetime.date(2026, 4, 8)):
        services.information_request_answer(actor=w["member"], request=h, response="We disagree.")
    base = live_server.url
    sign_in(page, base, w["caseworker"].email)
    page.goto(f"{base}/workspace/cases/{case.reference}/")
    page.get_by_role("link", name="Reasoning of the decision, part by part").click()
    check_accessibility(page, "reasoning")
    page.get_by_label("The facts").fill("The facts, as the caseworker wrote them.")
    page.get_by_role("button", name="Save the reasoning").click()
    page.wait_for_load_state()
    assert "The facts, as the caseworker wrote them." in page.content()
    check_accessibility(page, "letter-preview")
    services.decision_propose(actor=w["caseworker"], case=case, outcome="designate", reasoning="R")
    sign_out(page)

    sign_in(page, base, w["approver"].email)
    page.goto(f"{base}/workspace/cases/{case.reference}/letter-preview/")
    assert "The facts, as the caseworker wrote them." in page.content()
    assert "You would sign it" in page.content() and "Means of redress" in page.content()
