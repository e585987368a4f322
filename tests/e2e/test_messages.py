"""Being told, in a real browser: the provider sees a request on its home page and in its inbox,
follows the link and answers; the caseworker then sees that the answer was received."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from gpai_cases.cases import services

from ..conftest import file_draft_notification
from .conftest import check_accessibility
from .test_journey import sign_in, sign_out

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_a_provider_is_told_of_a_request_answers_it_and_the_caseworker_is_told(
    page, live_server, member_a, model_a, caseworker
):
    case = file_draft_notification(member_a, model_a)
    services.case_submit(actor=member_a, case=case)
    services.case_take_up(actor=caseworker, case=case)
    services.information_request_send(
        actor=caseworker, case=case, questions=["Which data sets were used?"]
    )
    base = live_server.url

    sign_in(page, base, member_a.email)
    needs = page.get_by_role("region", name="What needs you")
    expect(needs.get_by_role("link", name=f"{case.reference}: answer the request")).to_be_visible()
    inbox = page.get_by_role("link", name=re.compile(r"Inbox \d+ unread"))
    expect(inbox).to_be_visible()
    check_accessibility(page, "portal-home-with-needs")
    inbox.click()
    check_accessibility(page, "inbox")
    page.get_by_role(
        "link", name=re.compile(f"Request for information in case {case.reference}")
    ).click()
    expect(page.get_by_text("Which data sets were used?")).to_be_visible()
    page.get_by_label("Your answer").fill("The public web crawl and licensed books.")
    page.get_by_role("button", name="Send the answer").click()
    expect(page.get_by_text("Your answer has been sent")).to_be_visible()
    sign_out(page)

    sign_in(page, base, caseworker.email)
    needs = page.get_by_role("region", name="What needs you")
    expect(needs.get_by_text(f"Answer received in case {case.reference}")).to_be_visible()
    page.get_by_role("link", name="Inbox").click()
    expect(
        page.get_by_role("heading", name=f"Answer received in case {case.reference}")
    ).to_be_visible()
