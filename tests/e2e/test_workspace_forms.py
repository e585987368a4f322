"""The workspace's forms in a real browser: a refused request for information, proposal and
scorecard come back with every typed value, the refusal styled as an error with its summary
(focused when the base page moves focus), approve and publish ask for confirmation, and a
100,000-character question is refused with the limit named."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from gpai_cases.cases import services
from gpai_cases.cases.models import Decision, InformationRequest

from .conftest import check_accessibility
from .test_journey import sign_in, sign_out

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def refusal_shown(page: Page) -> None:
    """The refusal is an error (not a success banner): the error summary, announced; focused
    on it when the base page moves focus there (the ECL base does)."""
    summary = page.locator(".error-summary, .ecl-notification--error").first
    expect(summary).to_be_visible()
    expect(summary).to_contain_text("There is a problem")
    assert summary.get_attribute("role") == "alert"
    moves_focus = page.evaluate("() => [...document.scripts].some(s => /ecl|focus/i.test(s.src))")
    if moves_focus:
        assert page.evaluate(
            "() => !!document.activeElement.closest('.error-summary, .ecl-notification--error')"
        )


def test_refused_forms_keep_every_typed_value(page, live_server, caseworker, assessing_a):
    base = live_server.url
    sign_in(page, base, caseworker.email)
    page.goto(f"{base}/workspace/cases/{assessing_a.reference}/")
    page.get_by_role("link", name=re.compile("Request information or hold a hearing")).click()
    check_accessibility(page, "request-information")

    # a 100,000-character question: refused with the limit named, the text kept
    question = "x" * 100_000
    page.get_by_label("Request for information", exact=True).check()
    page.get_by_label("Questions (one per line)").fill(question)
    page.get_by_label("Due date").fill("2026-12-30")
    page.get_by_role("button", name="Send").click()
    refusal_shown(page)
    expect(
        page.get_by_text(re.compile("At most 50,000 characters: this has 100,000"))
    ).to_have_count(2)
    assert page.get_by_label("Questions (one per line)").input_value() == question
    assert page.get_by_label("Due date").input_value() == "2026-12-30"
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= 1400, f"the page is {width} px wide"
    check_accessibility(page, "request-information-refused")

    # refused by the service (a hearing without its draft reasoning): what was typed stays
    page.get_by_label("Hearing on a draft decision (right to be heard)").check()
    page.get_by_label("Questions (one per line)").fill("Which chips did you use?")
    page.get_by_label("Draft reasoning (for a hearing)").fill("")
    page.get_by_role("button", name="Send").click()
    refusal_shown(page)
    expect(
        page.get_by_text("A hearing carries the draft reasoning of the decision.")
    ).to_be_visible()
    assert page.get_by_label("Questions (one per line)").input_value() == "Which chips did you use?"
    expect(page.get_by_label("Hearing on a draft decision (right to be heard)")).to_be_checked()
    assert not InformationRequest.objects.filter(case=assessing_a).exists()

    # a proposal refused (a request was sent meanwhile) keeps the typed reasoning, not the
    # auto-draft
    page.goto(f"{base}/workspace/cases/{assessing_a.reference}/propose/")
    services.information_request_send(
        actor=caseworker,
        case=assessing_a,
        questions=["W" * 5_000],  # one long word
    )
    typed = "Our own reasoning: training compute above 10^25 FLOP."
    page.get_by_label("Designate as GPAI model with systemic risk").check()
    page.get_by_label("Reasoning", exact=True).fill(typed)
    page.get_by_role("button", name="Propose").click()
    refusal_shown(page)
    assert page.get_by_label("Reasoning", exact=True).input_value() == typed
    expect(page.get_by_label("Designate as GPAI model with systemic risk")).to_be_checked()
    assert not Decision.objects.filter(case=assessing_a).exists()
    check_accessibility(page, "propose-refused")

    # the long word of the question wraps on the case page instead of widening it
    page.goto(f"{base}/workspace/cases/{assessing_a.reference}/")
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= 1400, f"the case page is {width} px wide"

    # a scorecard whose attachment is refused keeps every finding, rating and note
    page.goto(f"{base}/workspace/cases/{assessing_a.reference}/assessment/")
    page.get_by_label(re.compile(r"^Finding for \(a\)")).fill("About 4e11 parameters")
    page.get_by_label(re.compile(r"^Rating for \(a\)")).select_option("comparable")
    page.get_by_label(re.compile(r"^Note for \(e\)")).fill("Frontier agentic scores")
    page.get_by_label("Chemical, biological, radiological and nuclear (CBRN)", exact=True).check()
    page.get_by_label("Who evaluated").fill("Lab X")
    page.get_by_label("Attach the evaluation report (optional)").set_input_files(
        files=[{"name": "report.pdf", "mimeType": "application/pdf", "buffer": b""}]
    )
    page.get_by_role("button", name="Save a new version").click()
    refusal_shown(page)
    expect(page.get_by_text(re.compile("Choose the file again"))).to_be_visible()
    assert (
        page.get_by_label(re.compile(r"^Finding for \(a\)")).input_value()
        == "About 4e11 parameters"
    )
    assert page.get_by_label(re.compile(r"^Rating for \(a\)")).input_value() == "comparable"
    assert (
        page.get_by_label(re.compile(r"^Note for \(e\)")).input_value() == "Frontier agentic scores"
    )
    expect(
        page.get_by_label("Chemical, biological, radiological and nuclear (CBRN)", exact=True)
    ).to_be_checked()
    assert page.get_by_label("Who evaluated").input_value() == "Lab X"
    check_accessibility(page, "assessment-refused")
    sign_out(page)


def test_approve_asks_for_confirmation(page, live_server, caseworker, approver, assessing_a):
    services.decision_propose(
        actor=caseworker, case=assessing_a, outcome="designate", reasoning="R"
    )
    base = live_server.url
    sign_in(page, base, approver.email)
    page.goto(f"{base}/workspace/cases/{assessing_a.reference}/")
    page.get_by_role("link", name=re.compile("Approve")).click()
    expect(page.get_by_role("heading", name="What happens when you approve")).to_be_visible()
    expect(page.get_by_text(re.compile("receives the decision letter"))).to_be_visible()
    assert Decision.objects.get(case=assessing_a).status == "proposed"  # nothing happened yet
    check_accessibility(page, "approve-confirm")
    page.get_by_role("button", name=re.compile("Approve")).click()
    expect(page.get_by_text("The decision is approved")).to_be_visible()
    assert Decision.objects.get(case=assessing_a).status == "approved"
