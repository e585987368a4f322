"""Each kind of letter read back from its PDF as the provider reads it: addressed to the
provider's postal address and contact, titled and based on the right article, signed by a named
person with a function, the means of redress on every decision, no internal note, no word cut
off, page numbers; and every one a PDF/A with its metadata."""

from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader

from gpai_cases.letters.models import LetterSettings, SignedBy

from .kinds import (
    DECISION_KINDS,
    INTERNAL,
    KINDS,
    LONG_CLAIM,
    LONG_WORD,
    addressed,
    pdf_bytes,
    text_of,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def w(member_a, model_a, caseworker, approver):
    addressed(model_a.provider, caseworker, approver)
    return {"member": member_a, "model": model_a, "caseworker": caseworker, "approver": approver}


def squashed(text: str) -> str:
    """The text without spaces: a word wrapped over two lines is still one word."""
    return re.sub(r"\s+", "", text)


@pytest.mark.parametrize("name", sorted(KINDS))
def test_each_kind_of_letter_reads_as_a_letter_a_commission_official_signs(w, name):
    build, title, article = KINDS[name]
    letter = build(w)
    text = text_of(letter)
    # the addressee: its postal address and a named contact, greeted by name
    for line in (
        "Alpha Labs SE",
        "For the attention of Dr Marie Lefèvre",
        "12 rue de l'Innovation",
        "Bâtiment B",
        "75002 Paris",
        "FRANCE",
        "Dear Dr Marie Lefèvre,",
    ):
        assert line in text, line
    assert title in text and article in text
    # the signatory: the approver for a decision, the caseworker who acted otherwise (the default)
    if name in DECISION_KINDS:
        assert "For the Commission Anna Berg Head of Unit A.2, AI Office" in text
        assert "Means of redress" in text and "Article 263" in text
        assert "General Court" in text and "within two months" in text
    else:
        assert "Means of redress" not in text
        if name not in {
            "acknowledgement",
            "correction_receipt",
            "supplementary_receipt",
            "reassessment_acknowledgement",
        }:
            assert "Carla Moreau Policy Officer, AI Office Unit A.2" in text
    # reference, verification code and pages
    assert letter.reference in text
    assert squashed(letter.verification_code) in squashed(text)
    pages = len(PdfReader(io.BytesIO(pdf_bytes(letter))).pages)
    for page in range(1, pages + 1):
        assert f"Page {page} of {pages}" in text
    assert INTERNAL not in text
    # listed under its own kind (a hearing is not "a request for information")
    assert letter.document.title == f"{letter.get_kind_display()} {letter.reference}"
    if name == "hearing":
        assert letter.document.title.startswith("Hearing on a draft decision")
        assert "Request for information" not in text


def test_a_designation_says_since_the_trigger_date_and_lists_the_obligations(w):
    text = text_of(KINDS["designation"][0](w))
    assert "since Monday 2 March 2026" in text  # the trigger date (rule 3)
    assert "The obligations that now apply" in text
    for part in ("Article 55(1)(a)", "Article 55(1)(b)", "Article 55(1)(c)", "Article 55(1)(d)"):
        assert part in text
    # the reasoning reads as prose: each claim once, whole; the hearing and the provider's comment
    assert squashed(LONG_CLAIM) in squashed(text)
    assert squashed(text).count(squashed("SWE-bench Verified at 12%")) == 1
    assert "We maintain our arguments." in text
    assert "is not a valid ground" in text  # the mitigation argument, in words
    assert "Agentic benchmarks at the frontier" in text  # a finding, not the note


def test_a_long_question_and_a_long_list_are_never_cut(w):
    letter = KINDS["information_request"][0](w)
    text = text_of(letter)
    assert LONG_WORD in squashed(text)
    assert "Question 39: give the figure 39." in text
    assert len(PdfReader(io.BytesIO(pdf_bytes(letter))).pages) >= 2
    assert "Article 101(1)(b)" in text  # the consequence of not answering
    assert "23:59 Brussels time" in text


def test_the_ex_officio_notice_gives_the_time_for_observations_and_the_contact_point(w):
    text = text_of(KINDS["ex_officio_notice"][0](w))
    # Mon 4 May 2026 + 30 days = Wed 3 June 2026
    assert "by Wednesday 3 June 2026, 23:59 Brussels time" in text
    assert "Contact point" in text and "CNECT-AIOFFICE@ec.europa.eu" in text


def test_a_supplementary_filing_gets_a_receipt_with_its_hashes(w):
    letter = KINDS["supplementary_receipt"][0](w)
    text = text_of(letter)
    assert "not an argument presented under Article 52(2)" in text
    evidence = letter.case.documents.get(title="Evaluations")
    assert evidence.sha256 in squashed(text)
    # the document filed on its own got its receipt too
    kinds = list(letter.case.letters.values_list("kind", "trigger_key"))
    assert ("supplementary_receipt", f"supplementary_document:{evidence.pk}") in kinds


def test_the_head_of_unit_signs_requests_when_the_ai_office_configures_it(w):
    LetterSettings.objects.create(
        requests_signed_by=SignedBy.HEAD_OF_UNIT,
        head_of_unit_name="Jonas Weber",
        head_of_unit_function="Head of Unit A.2, AI Office",
    )
    text = text_of(KINDS["information_request"][0](w))
    assert "Jonas Weber Head of Unit A.2, AI Office" in text
    assert "Carla Moreau" not in text


@pytest.mark.parametrize("name", sorted(KINDS))
def test_each_kind_is_a_pdf_a_with_its_metadata(w, name):
    letter = KINDS[name][0](w)
    reader = PdfReader(io.BytesIO(pdf_bytes(letter)))
    meta = reader.metadata
    assert meta.title == f"{letter.get_kind_display()} {letter.reference}"
    assert meta.author == "European Commission, AI Office"
    assert letter.case.reference in meta.subject
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "en"
    intents = root["/OutputIntents"]
    assert intents[0].get_object()["/S"] == "/GTS_PDFA1"
    xmp = root["/Metadata"].get_object().get_data().decode()
    assert 'pdfaid:part="2"' in xmp or "<pdfaid:part>2</pdfaid:part>" in xmp
    assert "pdfaid:conformance" in xmp
