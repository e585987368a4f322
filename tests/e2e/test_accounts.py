"""Accounts in a real browser: the AI Office enrols a provider and invites its first member, who
sets a password, signs in and invites a colleague; the colleague joins and is removed again,
and can no longer sign in; a representative of two providers switches between them and sees
only the chosen one's cases — with an accessibility check of the pages on the way."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from playwright.sync_api import Page, expect

from gpai_cases.providers.models import Membership

from ..conftest import file_draft_notification
from .conftest import check_accessibility
from .test_journey import PASSWORD, sign_in, sign_out

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _invitation_link(email: str) -> str:
    for message in reversed(mail.outbox):
        if message.to == [email]:
            return re.search(r"https?://\S+(/accounts/invitation/\S+/)", message.body).group(1)
    raise AssertionError(f"no invitation for {email}")


def _join(page: Page, base: str, email: str, name: str) -> None:
    page.goto(base + _invitation_link(email))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Join Gamma AI Oy")
    check_accessibility(page, f"join-{name.split()[0].lower()}")
    page.get_by_label("Your full name").fill(name)
    page.get_by_label("Choose a password").fill(PASSWORD)
    page.get_by_label("The same password again").fill(PASSWORD)
    page.get_by_role("button", name="Set the password and join").click()
    page.wait_for_url("**/accounts/login/**")
    expect(page.get_by_text(f"Sign in with {email}")).to_be_visible()


def test_a_provider_runs_its_own_accounts_in_a_browser(page, live_server, caseworker):
    base = live_server.url
    sign_in(page, base, caseworker.email)
    page.goto(f"{base}/workspace/enrolment/")
    check_accessibility(page, "enrolment")
    page.get_by_label("Legal name of the provider").fill("Gamma AI Oy")
    page.get_by_label("Country of establishment").select_option("FI")
    page.get_by_label("Contact person").fill("Greta Gamma")
    page.get_by_label("E-mail address of the first member").fill("Greta@Gamma.example")
    page.get_by_role("button", name="Register and invite").click()
    expect(
        page.get_by_text("Gamma AI Oy is registered; greta@gamma.example is invited.")
    ).to_be_visible()
    sign_out(page)

    # the first member follows the link, sets a password, signs in
    _join(page, base, "greta@gamma.example", "Greta Gamma")
    sign_in(page, base, "Greta@Gamma.example")
    expect(page.locator(".acting-for")).to_contain_text("Acting for Gamma AI Oy")
    page.get_by_role("link", name="Members").click()
    check_accessibility(page, "members")
    page.get_by_role("link", name="Invite a member").click()
    check_accessibility(page, "invite")
    page.get_by_label("E-mail address of the person to invite").fill("nora@gamma.example")
    page.get_by_role("button", name="Send the invitation").click()
    expect(page.get_by_text("Invitation sent to nora@gamma.example")).to_be_visible()
    expect(page.get_by_role("table", name="Open invitations")).to_contain_text("nora@gamma.example")
    sign_out(page)

    # the colleague joins
    _join(page, base, "nora@gamma.example", "Nora Neu")
    sign_in(page, base, "nora@gamma.example")
    expect(page.locator(".acting-for")).to_contain_text("Acting for Gamma AI Oy")
    sign_out(page)

    # the first member removes the colleague, who can no longer sign in
    sign_in(page, base, "greta@gamma.example")
    page.get_by_role("link", name="Members").click()
    page.get_by_role("link", name="Remove nora@gamma.example").click()
    check_accessibility(page, "remove")
    page.get_by_role("button", name="Remove the member").click()
    expect(page.get_by_text("nora@gamma.example is no longer a member.")).to_be_visible()
    expect(page.get_by_role("table", name="Changes to members and details")).to_contain_text(
        "Member removed"
    )
    sign_out(page)
    sign_in(page, base, "nora@gamma.example")
    assert "/accounts/login/" in page.url
    expect(page.get_by_role("button", name="Sign out")).to_have_count(0)


def test_a_representative_of_two_providers_switches_between_them(
    page, live_server, member_a, model_a, provider_b, model_b
):
    Membership.objects.create(user=member_a, provider=provider_b)
    case_a = file_draft_notification(member_a, model_a)
    case_b = file_draft_notification(member_a, model_b)
    base = live_server.url
    sign_in(page, base, "Alice@Alpha.example")
    banner = page.locator(".acting-for")
    expect(banner).to_contain_text("Acting for Alpha Labs SE")
    main = page.locator("main")
    expect(main).to_contain_text(case_a.reference)
    expect(main).not_to_contain_text(case_b.reference)
    page.get_by_role("link", name="Act for another provider").click()
    check_accessibility(page, "acting-for")
    page.get_by_label("Beta Intelligence Inc.").check()
    page.get_by_role("button", name="Act for this provider").click()
    expect(banner).to_contain_text("Acting for Beta Intelligence Inc.")
    expect(main).to_contain_text(case_b.reference)
    expect(main).not_to_contain_text(case_a.reference)
    check_accessibility(page, "portal-beta")
