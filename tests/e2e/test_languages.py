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


GERMAN_MONTHS = [
    "Januar",
    "Februar",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
]


def test_a_german_provider_notifies_in_the_browser_and_gets_its_letter_and_e_mails_in_german(
    browser, live_server, member_a, model_a, mailoutbox, tmp_path
):
    import datetime
    import io

    from django.utils import timezone
    from pypdf import PdfReader

    from gpai_cases.cases.models import Case
    from gpai_cases.letters.models import Letter, LetterKind, LetterWording
    from gpai_cases.letters.wording_data import DEFAULT_WORDING
    from gpai_cases.letters.wording_translations import TRANSLATED_WORDING

    # a transactional test flushes what the data migrations seeded: the letters' legal wording
    for language, rows in {"en": DEFAULT_WORDING, **TRANSLATED_WORDING}.items():
        for key, (wording, source) in rows.items():
            LetterWording.objects.get_or_create(
                key=key, language=language, defaults={"text": wording, "source": source}
            )
    provider = model_a.provider
    provider.language = "de"
    provider.save()
    member_a.language = "de"
    member_a.save()
    pdf = tmp_path / "rechenprotokoll.pdf"
    pdf.write_bytes(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")

    context = browser.new_context(locale="de-DE", bypass_csp=True)
    page = context.new_page()
    base = live_server.url
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("E-Mail-Adresse").fill(member_a.email)
    page.get_by_label("Passwort").fill(PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    page.wait_for_load_state()
    expect(page.locator("html")).to_have_attribute("lang", "de")

    page.goto(f"{base}/portal/models/{model_a.pk}/notify/")
    page.locator("input[name=trigger_type][value=met]").check()
    page.locator("input[name=trigger_date]").fill("2026-11-20")
    page.get_by_role("button", name="Speichern und weiter").click()
    page.locator("input[name=compute_flop]").fill("3.2e25")
    page.locator("input[name=compute_method][value=architecture]").check()
    page.locator("input[name=parameters]").fill("4e11")
    page.locator("input[name=training_tokens]").fill("1.5e13")
    page.get_by_role("button", name="Speichern und weiter").click()
    page.locator("textarea[name=architecture_description]").fill("Dichter Decoder-Transformer.")
    page.get_by_role("button", name="Speichern und weiter").click()
    page.get_by_label("Titel des Dokuments").fill("Rechenprotokoll")
    page.get_by_label("Datei").set_input_files(str(pdf))
    page.get_by_role("button", name="Dieses Dokument hochladen").click()
    page.wait_for_load_state()
    page.get_by_role("button", name="Weiter zu den Argumenten").click()
    page.get_by_role("button", name="Weiter zur Prüfung").click()
    page.get_by_role("button", name="Die Mitteilung einreichen").click()
    page.wait_for_load_state()
    expect(page.locator("html")).to_have_attribute("lang", "de")
    context.close()

    case = Case.objects.get(model=model_a)
    assert case.submitted_at is not None
    letter = Letter.objects.get(case=case, kind=LetterKind.ACKNOWLEDGEMENT)
    assert letter.document_id, "the acknowledgement was rendered"
    with letter.document.file.open("rb") as fh:
        reader = PdfReader(io.BytesIO(fh.read()))
    text = " ".join(" ".join(p.extract_text() for p in reader.pages).split())
    today = timezone.localdate()
    german_day = f"{today.day}. {GERMAN_MONTHS[today.month - 1]} {today.year}"
    assert german_day in text
    # the letterhead names the procedure with the Act's German term (in the plural there)
    assert re.search("KI-Modelle? mit allgemeinem Verwendungszweck mit systemischem Risiko", text)
    assert "Eingangsbestätigung Ihrer Mitteilung nach Artikel 52 Absatz 1" in text
    assert "Verordnung (EU) 2024/1689" in text
    assert "Mit freundlichen Grüßen" in text
    for english in ("Regulation (EU)", "Yours faithfully", "acknowledges receipt"):
        assert english not in text
    assert datetime.date.today().strftime("%B") not in text  # no English month

    to_provider = [m for m in mailoutbox if member_a.email in m.to]
    assert to_provider, "the provider is told by e-mail"
    for message in to_provider:
        assert case.reference in message.subject
        for english in ("Case ", "letter", "Read it", "Where to act", "Your notification"):
            assert english not in message.subject + message.body, (english, message.subject)
    assert any("Verfahren" in m.subject or "Mitteilung" in m.subject for m in to_provider)
