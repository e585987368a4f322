"""The whole procedure in a real browser: notify with a PDF and an argument, hearing, answer,
proposal, four-eyes approval, decision letter, publication, public list — with an accessibility
check of every page on the way."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from .conftest import check_accessibility

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
PASSWORD = "correct horse battery staple"


#: The authenticator app of each person who enrolled during the journey: e-mail → key.
AUTHENTICATOR: dict[str, str] = {}


def _code(key: str) -> str:
    from base64 import b32decode

    from django_otp.oath import totp

    return f"{totp(b32decode(key), step=30, t0=0, digits=6):06d}"


def sign_in(page: Page, base: str, email: str) -> None:
    """Sign in as people do: password, then for AI Office staff the authenticator app's code
    (enrolled at the first sign-in from the key the page shows; backup codes acknowledged)."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    page.goto(f"{base}/accounts/login/")
    page.get_by_label("E-mail address").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()
    if "/second-factor/setup/" in page.url:
        AUTHENTICATOR[email] = page.locator("code.secret").inner_text().strip()
        page.get_by_label(re.compile("Six-digit code")).fill(_code(AUTHENTICATOR[email]))
        page.get_by_role("button", name="Confirm and continue").click()
        page.get_by_role("link", name=re.compile("I have kept them")).click()
    elif "/second-factor/verify/" in page.url:
        # the same 30-second step may already have been used by this person's last sign-in
        TOTPDevice.objects.filter(user__email=email).update(last_t=-1)
        page.get_by_label(re.compile("Six-digit code")).fill(_code(AUTHENTICATOR[email]))
        page.get_by_role("button", name="Continue").click()
    page.wait_for_load_state()


def sign_out(page: Page) -> None:
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_load_state()


def test_the_whole_procedure_in_a_browser(
    page, live_server, shoot, tmp_path, member_a, model_a, caseworker, approver, office_admin
):
    base = live_server.url
    pdf = tmp_path / "compute-log.pdf"
    pdf.write_bytes(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")

    # --- the provider files a notification through the wizard
    sign_in(page, base, member_a.email)
    check_accessibility(page, "portal-home")
    shoot("portal-home")
    page.get_by_role("link", name="Notify the Commission").click()
    page.get_by_label("The threshold has been met").check()
    page.get_by_label("On which day").fill("2026-11-20")
    check_accessibility(page, "wizard-trigger")
    page.get_by_role("button", name="Save and continue").click()
    expect(
        page.get_by_text(re.compile("Notification (due by|due today|was due by)"))
    ).to_be_visible()
    page.get_by_label("Training compute declared (FLOP)").fill("3.2e25")
    page.get_by_label("Architecture-based").check()
    page.get_by_label("Architecture: parameters").fill("4e11")
    page.get_by_label("Architecture: training tokens").fill("1.5e13")
    check_accessibility(page, "wizard-compute")
    page.get_by_role("button", name="Save and continue").click()
    page.get_by_label("Architecture of the model").fill("Dense decoder-only transformer.")
    check_accessibility(page, "wizard-details")
    page.get_by_role("button", name="Save and continue").click()
    page.get_by_label("Title of the document").fill("Training compute log")
    page.get_by_label("File").set_input_files(str(pdf))
    page.get_by_role("button", name="Upload").click()
    expect(page.get_by_text(re.compile("Uploaded .*SHA-256"))).to_be_visible()
    check_accessibility(page, "wizard-evidence")
    shoot("evidence")
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("Your claim").fill(
        "Benchmarks show capabilities below the most advanced models."
    )
    page.get_by_label("Capabilities").check()
    page.get_by_label(re.compile("Training compute log")).check()
    page.get_by_role("button", name="Add the claim").click()
    check_accessibility(page, "wizard-arguments")
    page.get_by_role("button", name="Continue to the review").click()
    check_accessibility(page, "wizard-review")
    shoot("review")
    page.get_by_role("button", name="Submit the notification").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("submitted")
    reference = page.get_by_role("heading", level=1).inner_text().split()[1]
    sign_out(page)

    # --- a caseworker takes it up and sends the draft decision for a hearing
    sign_in(page, base, caseworker.email)
    check_accessibility(page, "queue")
    page.get_by_role("link", name=reference, exact=True).click()
    check_accessibility(page, "workspace-case")
    page.get_by_role("button", name="Take up this case").click()
    page.get_by_role("link", name=re.compile("Request information or hold a hearing")).click()
    check_accessibility(page, "request-information")
    page.get_by_label("Hearing on a draft decision (right to be heard)").check()
    page.get_by_label("Draft reasoning (for a hearing)").fill(
        "We intend to reject the arguments and designate the model."
    )
    page.get_by_role("button", name="Send").click()
    expect(page.get_by_text("The request has been sent")).to_be_visible()
    shoot("hearing-sent")
    sign_out(page)

    # --- the provider answers
    sign_in(page, base, member_a.email)
    page.get_by_role("link", name=reference, exact=True).click()
    expect(page.get_by_text("We intend to reject the arguments")).to_be_visible()
    check_accessibility(page, "portal-case")
    page.get_by_role("link", name="Answer").click()
    page.get_by_label("Your answer").fill("We maintain that the benchmarks are below the frontier.")
    check_accessibility(page, "answer")
    page.get_by_role("button", name="Send the answer").click()
    expect(page.get_by_text("Your answer has been sent")).to_be_visible()
    sign_out(page)

    # --- the caseworker finds the claim not substantiated and proposes to designate
    sign_in(page, base, caseworker.email)
    page.goto(f"{base}/workspace/cases/{reference}/")
    page.get_by_role("link", name=re.compile("Review this claim")).click()
    page.get_by_label("Finding").select_option("not_substantiated")
    page.get_by_label("Note", exact=True).fill("The benchmarks filed are at the frontier.")
    check_accessibility(page, "review-claim")
    page.get_by_role("button", name="Save review").click()
    expect(page.get_by_text("Review saved")).to_be_visible()
    page.get_by_role("link", name=re.compile("Propose a decision")).click()
    check_accessibility(page, "propose")
    # the reasoning starts in sentences, each claim whole, without the internal review note
    expect(page.get_by_label("Reasoning", exact=True)).to_contain_text(
        "The Commission finds this argument not substantiated."
    )
    expect(page.get_by_label("Reasoning", exact=True)).not_to_contain_text(
        "The benchmarks filed are at the frontier."
    )
    page.get_by_label("Designate as GPAI model with systemic risk").check()
    page.get_by_label("Reasoning", exact=True).fill(
        "Training compute above 10^25 FLOP; the arguments do not show lower capabilities."
    )
    page.get_by_role("button", name="Propose").click()
    expect(page.get_by_text("proposed to an approver")).to_be_visible()
    sign_out(page)

    # --- an approver approves
    sign_in(page, base, approver.email)
    page.goto(f"{base}/workspace/cases/{reference}/")
    expect(page.get_by_role("heading", name="Claims cited as not substantiated")).to_be_visible()
    check_accessibility(page, "approver-case")
    page.get_by_role("link", name=re.compile("Approve")).click()
    expect(page.get_by_role("heading", name="What happens when you approve")).to_be_visible()
    check_accessibility(page, "approve-confirm")
    page.get_by_role("button", name=re.compile("Approve")).click()
    expect(page.get_by_text("The decision is approved")).to_be_visible()
    shoot("approved")
    sign_out(page)

    # --- the provider downloads the decision letter
    sign_in(page, base, member_a.email)
    page.get_by_role("link", name=reference, exact=True).click()
    letter = (
        page.get_by_role("listitem")
        .filter(has_text=re.compile(r"^Decision \("))  # not "Hearing on a draft decision ("
        .get_by_role("link", name="download PDF")
    )
    for _ in range(10):  # letters are prepared by a worker: a person would reload the page
        if letter.count():
            break
        page.wait_for_timeout(1000)
        page.reload()
    with page.expect_download() as download:
        letter.click()
    saved = tmp_path / "decision.pdf"
    download.value.save_as(saved)
    assert saved.read_bytes().startswith(b"%PDF-")
    sign_out(page)

    # --- the admin publishes the list
    sign_in(page, base, office_admin.email)
    page.goto(f"{base}/register/publish/")
    check_accessibility(page, "publish")
    page.get_by_role("button", name=re.compile("Publish now")).click()
    expect(page.get_by_role("heading", name="What happens when you publish")).to_be_visible()
    check_accessibility(page, "publish-confirm")
    page.get_by_role("button", name=re.compile("Publish publication")).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("is public")
    sign_out(page)

    # --- an anonymous visitor finds the model on the public list
    page.goto(f"{base}/register/")
    expect(page.get_by_role("link", name=str(model_a))).to_be_visible()
    check_accessibility(page, "public-list-after")
    shoot("public-list")
