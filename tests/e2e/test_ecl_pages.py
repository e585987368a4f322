"""Every page of the journey wears the Europa Component Library from the app's own static files, asks
nothing of another host, and passes axe-core (no serious or critical violation) at 1280 and 375 px;
compute and parameters are written in the one scientific form (issue 17, ADR 0016)."""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.test import Client
from django.urls import reverse

from ..conftest import verify_second_factor
from .conftest import check_accessibility

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
WIDTHS = (1280, 375)
#: `make screenshots` sets this: every page visited here is saved at both widths for a reviewer.
SCREENSHOTS = os.environ.get("GPAI_SCREENSHOTS", "")


def _as(page, live_server, user) -> None:
    """Carry a signed-in (and, for staff, second-factor verified) session into the browser."""
    client = Client()
    client.force_login(user)
    if user.role != "provider":
        verify_second_factor(client, user)
    host = urlsplit(live_server.url).hostname
    page.context.clear_cookies()
    page.context.add_cookies(
        [
            {
                "name": "sessionid",
                "value": client.cookies["sessionid"].value,
                "domain": host,
                "path": "/",
            }
        ]
    )


def _visit_at_both_widths(page, live_server, path: str, name: str) -> str:
    """Open the page at each width; check ECL, hosts and axe; return the page's text."""
    base = urlsplit(live_server.url).netloc
    elsewhere: list[str] = []
    stylesheets: list[tuple[str, int]] = []
    page.on(
        "request", lambda r: urlsplit(r.url).netloc not in (base, "") and elsewhere.append(r.url)
    )
    page.on(
        "response",
        lambda r: (
            r.url.endswith("/static/ecl/styles/ecl-ec.css")
            and stylesheets.append((r.url, r.status))
        ),
    )
    text = ""
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(f"{live_server.url}{path}")
        page.wait_for_load_state("networkidle")
        check_accessibility(page, f"{name}-{width}")
        if SCREENSHOTS:
            Path(SCREENSHOTS).mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(Path(SCREENSHOTS) / f"{name}-{width}.png"), full_page=True)
        text = page.locator("body").inner_text()
        # the site header with the Commission's logo, served by the app
        logo = page.locator(".ecl-site-header img.ecl-site-header__logo-image")
        assert logo.get_attribute("src").startswith("/static/ecl/images/logo/")
        assert page.evaluate("() => document.querySelector('.ecl-site-header').offsetHeight > 0")
    assert stylesheets and all(status in (200, 304) for _, status in stylesheets), name
    assert all(urlsplit(u).netloc == base for u, _ in stylesheets)
    assert not elsewhere, f"{name} asked another host: {elsewhere}"

    return text


def test_public_pages_and_sign_in_wear_ecl_and_pass_axe_at_both_widths(page, live_server):
    _visit_at_both_widths(page, live_server, "/accounts/login/", "sign-in")
    _visit_at_both_widths(page, live_server, "/register/", "public-list")
    _visit_at_both_widths(page, live_server, "/no-such-page/", "not-found")


def test_the_provider_pages_wear_ecl_and_write_numbers_in_one_form(
    page, live_server, member_a, model_a, submitted_a
):
    _as(page, live_server, member_a)
    home = _visit_at_both_widths(page, live_server, reverse("portal:home"), "portal-home")
    assert "3.2 × 10^25" in home
    _visit_at_both_widths(
        page, live_server, reverse("portal:case", args=[submitted_a.reference]), "portal-case"
    )
    _visit_at_both_widths(
        page, live_server, reverse("portal:model_edit", args=[model_a.pk]), "portal-model"
    )
    # the stored figures come back readable in the form: never "4E+11"
    assert page.get_by_label("Number of parameters").input_value() == "4 × 10^11"
    assert page.get_by_label("Training data size (tokens)").input_value() == "1.5 × 10^13"
    assert page.get_by_label("Training compute (FLOP)").input_value() == "3.2 × 10^25"
    # a wrong figure is refused in the words of its field, and the error summary takes the focus
    page.get_by_label("Number of parameters").fill("many")
    page.get_by_label("Training data size (tokens)").fill("lots")
    page.locator("main form button[type=submit]").last.click()
    page.wait_for_load_state()
    summary = page.locator(".error-summary")
    assert summary.evaluate("el => el === document.activeElement")
    text = summary.inner_text()
    assert "as a whole number" in text and "Write it like 4e11" in text and "1.5e13" in text
    assert "FLOP" not in text and "training compute" not in text.lower()
    assert page.get_by_label("Number of parameters").input_value() == "many"  # kept as typed
    href = summary.locator("a").first.get_attribute("href")
    assert page.locator(href).count() == 1  # each link targets its field
    check_accessibility(page, "portal-model-refused")


def test_the_workspace_pages_wear_ecl_and_write_numbers_in_one_form(
    page, live_server, caseworker, assessing_a
):
    _as(page, live_server, caseworker)
    _visit_at_both_widths(page, live_server, reverse("workspace:queue"), "workspace-queue")
    case = _visit_at_both_widths(
        page, live_server, reverse("workspace:case", args=[assessing_a.reference]), "workspace-case"
    )
    assert "3.2 × 10^25" in case and "32000000000000000000000000" not in case
    _visit_at_both_widths(
        page, live_server, reverse("workspace:notifications_due"), "workspace-notifications-due"
    )
    _visit_at_both_widths(page, live_server, reverse("workspace:providers"), "workspace-providers")
