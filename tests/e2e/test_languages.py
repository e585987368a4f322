"""The provider's door in French in a real browser (issue 19), and the wizard's layout at 1280 px
and 375 px (issue 17): screenshots in var/screenshots/ (or the test artefacts)."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from .conftest import check_accessibility

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
PASSWORD = "correct horse battery staple"
SHOTS = Path(
    os.environ.get("GPAI_SCREENSHOTS", os.environ.get("GPAI_TEST_ARTIFACTS", "test-artifacts"))
)


def _boxes_apart(page, selector: str) -> None:
    """No two of the elements overlap (the step indicator's labels, the two buttons)."""
    boxes = [
        b
        for b in page.locator(selector).evaluate_all(
            "els => els.map(e => { const r = e.getBoundingClientRect(); "
            "return [r.left, r.top, r.right, r.bottom]; })"
        )
    ]
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            apart = a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1]
            assert apart, f"{selector}: {a} overlaps {b}"


def _at_both_widths(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    for width in (1280, 375):
        page.set_viewport_size({"width": width, "height": 900})
        _boxes_apart(page, "nav.steps li")
        wide = page.evaluate(
            "w => [...document.querySelectorAll('main *')].filter(e => "
            "e.getBoundingClientRect().right > w + 1).map(e => e.tagName + '.' + e.className "
            "+ ' ' + Math.round(e.getBoundingClientRect().right)).slice(0, 8)",
            width,
        )
        # the wizard's own content fits (the site header's width is the shared frame's)
        assert not wide, (name, width, wide)
        page.screenshot(path=str(SHOTS / f"b-{name}-{width}.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


def test_a_french_browser_reads_sign_in_and_the_wizard_in_french(
    browser, live_server, member_a, model_a
):
    context = browser.new_context(locale="fr-FR", bypass_csp=True)
    page = context.new_page()
    base = live_server.url
    page.goto(f"{base}/accounts/login/")
    expect(page.get_by_role("heading", name="Se connecter")).to_be_visible()
    check_accessibility(page, "login-fr")
    page.get_by_label("Adresse électronique").fill(member_a.email)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_load_state()

    # an account whose language was never chosen keeps the one it signed in with: French
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    member_a.refresh_from_db()
    assert member_a.language == "fr"
    # the switcher changes the account's language and the page at once (German), and back
    page.get_by_label("Langue").select_option("de")
    page.get_by_role("button", name="Changer de langue").click()
    page.wait_for_load_state()
    expect(page.locator("html")).to_have_attribute("lang", "de")
    page.get_by_label("Sprache").select_option("fr")
    page.get_by_role("button", name="Sprache ändern").click()
    page.wait_for_load_state()
    expect(page.locator("html")).to_have_attribute("lang", "fr")

    page.goto(f"{base}/portal/models/{model_a.pk}/notify/")
    expect(page.get_by_role("navigation", name="Étapes de la notification")).to_be_visible()
    expect(page.get_by_text("Quand le seuil a été atteint").first).to_be_visible()
    _at_both_widths(page, "trigger")
    page.locator("input[name=trigger_type][value=met]").check()
    page.get_by_role("button", name="Enregistrer et continuer").click()  # no date: refused
    summary = page.locator(".error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_contain_text("À quelle date")
    expect(summary).to_contain_text("Ce champ est obligatoire.")
    page.get_by_label("À quelle date").fill("2026-11-20")
    page.get_by_role("button", name="Enregistrer et continuer").click()

    expect(page.get_by_role("heading", name=re.compile("étape 2 sur 6"))).to_be_visible()
    page.get_by_label("Puissance de calcul déclarée pour l'entraînement (FLOP)").fill("abc")
    page.locator("input[name=compute_method][value=architecture]").check()
    page.get_by_role("button", name="Enregistrer et continuer").click()
    expect(page.locator(".error-summary")).to_contain_text("Impossible de lire 'abc'")
    _at_both_widths(page, "compute-refused")
    page.get_by_label("Puissance de calcul déclarée pour l'entraînement (FLOP)").fill("3.2e25")
    page.get_by_label("Architecture : paramètres").fill("4e11")
    page.get_by_label("Architecture : jetons d'entraînement").fill("1.5e13")
    page.get_by_role("button", name="Enregistrer et continuer").click()

    expect(page.get_by_role("heading", name=re.compile("étape 3 sur 6"))).to_be_visible()
    _at_both_widths(page, "details")
    for width in (1280, 375):  # the textareas use the width of the page, not 190 px
        page.set_viewport_size({"width": width, "height": 900})
        area = page.get_by_label("Architecture du modèle").bounding_box()
        main = page.locator("main").bounding_box()
        assert area["width"] >= 0.6 * main["width"], (width, area, main)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.get_by_label("Architecture du modèle").fill("Transformeur dense, décodeur seul.")
    page.get_by_role("button", name="Enregistrer et continuer").click()

    expect(page.get_by_role("heading", name=re.compile("étape 4 sur 6"))).to_be_visible()
    upload = page.get_by_role("button", name="Téléverser ce document")
    go_on = page.get_by_role("button", name="Continuer vers les arguments")
    expect(upload).to_have_class(re.compile("ecl-button--secondary"))
    expect(go_on).to_have_class(re.compile("ecl-button--primary"))
    _at_both_widths(page, "evidence")
    _boxes_apart(page, "main button[type=submit]")
    assert upload.bounding_box()["y"] < go_on.bounding_box()["y"]
    check_accessibility(page, "wizard-evidence-fr")
    go_on.click()
    expect(page.get_by_role("heading", name=re.compile("étape 5 sur 6"))).to_be_visible()
    context.close()
