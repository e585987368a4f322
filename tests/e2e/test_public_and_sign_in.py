"""A visitor finds a published model on the public list; staff sign in — in a real browser."""

from __future__ import annotations

import datetime

import pytest
import time_machine

from gpai_cases.cases import services
from gpai_cases.register import services as register

from ..conftest import file_draft_notification
from .conftest import check_accessibility

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def published(member_a, model_a, caseworker, approver, office_admin):
    case = file_draft_notification(member_a, model_a)
    services.case_submit(actor=member_a, case=case)
    services.case_take_up(actor=caseworker, case=case)
    with time_machine.travel(datetime.datetime(2026, 1, 31, 9, tzinfo=datetime.UTC), tick=True):
        services.decision_propose(actor=caseworker, case=case, outcome="designate", reasoning="R")
        services.decision_approve(actor=approver, case=case)
    register.publish(actor=office_admin)
    return case


def test_an_anonymous_visitor_finds_the_model_on_the_public_list(page, live_server, published):
    page.goto(f"{live_server.url}/register/")
    check_accessibility(page, "public-list")
    page.get_by_role("link", name="Alpha-1 2026-01").click()
    page.wait_for_url("**/register/entries/**")
    assert page.get_by_role("heading", level=1).inner_text() == "Alpha-1 2026-01"
    assert "Designated" in page.content()
    check_accessibility(page, "public-entry")


def test_sign_in_page_is_accessible_and_signs_a_provider_in(page, live_server, member_a):
    page.goto(f"{live_server.url}/accounts/login/")
    check_accessibility(page, "sign-in")
    page.get_by_label("E-mail address").fill(member_a.email)
    page.get_by_label("Password").fill("correct horse battery staple")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()
    assert "Sign out" in page.content()
