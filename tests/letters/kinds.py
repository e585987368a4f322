"""One letter of each kind, built through the services as a case would produce it, for the tests
that read their text and for the samples in docs/letters/ (tests/letters/test_letter_samples.py)."""

from __future__ import annotations

import datetime
import io
from collections.abc import Callable

import time_machine
from pypdf import PdfReader

from gpai_cases.assessment import services as assessment
from gpai_cases.cases import services
from gpai_cases.cases.models import Claim, Designation
from gpai_cases.letters import services as letter_services
from gpai_cases.letters.models import Letter, LetterKind, LetterStatus

from ..conftest import file_draft_notification, pdf_upload

#: What a caseworker writes for itself: it never reaches a letter.
INTERNAL = "INTERNAL-ONLY check with unit B before deciding"
#: A word longer than a line: it wraps, it is never cut.
LONG_WORD = "Supercalifragilisticexpialidocious" * 4
LONG_QUESTION = (
    "Describe every evaluation of the model's dangerous capabilities you performed, with the "
    f"benchmark, the version, the date and the score, and the identifier {LONG_WORD} of each run."
)
LONG_CLAIM = (
    "The model scores below the most advanced models on every agentic benchmark we ran, "
    "including SWE-bench Verified at 12%; see the annexed evaluation report for the full method "
    "and the confidence intervals of each score."
)


def at(day: datetime.date, hour: int = 9):
    return time_machine.travel(
        datetime.datetime(day.year, day.month, day.day, hour, tzinfo=datetime.UTC)
    )


def render(letter: Letter) -> Letter:
    """Render a letter in the test process (the worker's task does the same)."""
    letter_services.letter_render(letter_id=letter.pk)
    letter.refresh_from_db()
    assert letter.status == LetterStatus.RENDERED, letter.last_error
    return letter


def pdf_bytes(letter: Letter) -> bytes:
    with letter.document.file.open("rb") as fh:
        return fh.read()


def text_of(letter: Letter) -> str:
    reader = PdfReader(io.BytesIO(pdf_bytes(letter)))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def latest(case, kind: str) -> Letter:
    return render(Letter.objects.filter(case=case, kind=kind).latest("sequence"))


def addressed(provider, caseworker, approver) -> None:
    provider.contact_name = "Dr Marie Lefèvre"
    provider.street_address = "12 rue de l'Innovation\nBâtiment B"
    provider.postal_code = "75002"
    provider.city = "Paris"
    provider.save()
    caseworker.full_name, caseworker.function = "Carla Moreau", "Policy Officer, AI Office Unit A.2"
    caseworker.save()
    approver.full_name, approver.function = "Anna Berg", "Head of Unit A.2, AI Office"
    approver.save()


def _assessing(w):
    with at(datetime.date(2026, 3, 10)):
        case = file_draft_notification(w["member"], w["model"])
        case = services.case_submit(actor=w["member"], case=case)
        case = services.case_take_up(actor=w["caseworker"], case=case)
    return case


def acknowledgement(w) -> Letter:
    with at(datetime.date(2026, 3, 10)):
        case = file_draft_notification(w["member"], w["model"])
        case = services.case_submit(actor=w["member"], case=case)
    return latest(case, LetterKind.ACKNOWLEDGEMENT)


def information_request(w) -> Letter:
    case = _assessing(w)
    with at(datetime.date(2026, 3, 16)):
        services.information_request_send(
            actor=w["caseworker"],
            case=case,
            questions=[
                LONG_QUESTION,
                *(f"Question {i}: give the figure {i}." for i in range(2, 40)),
            ],
        )
    return latest(case, LetterKind.INFORMATION_REQUEST)


def _with_arguments(w):
    """A notification with arguments, a scorecard with internal notes, a hearing answered."""
    with at(datetime.date(2026, 3, 10)):
        case = file_draft_notification(w["member"], w["model"])
        services.claims_file(
            actor=w["member"],
            case=case,
            claims=[
                {"text": LONG_CLAIM, "basis": "capability"},
                {
                    "text": "Access to the model is restricted to vetted customers.",
                    "basis": "mitigation",
                },
            ],
        )
        case = services.case_submit(actor=w["member"], case=case)
        case = services.case_take_up(actor=w["caseworker"], case=case)
        assessment.scorecard_save(
            actor=w["caseworker"],
            case=case,
            criteria={
                "c": {
                    "finding": "3.2 × 10^25 FLOP, above the threshold",
                    "rating": "above",
                    "note": INTERNAL,
                },
                "e": {
                    "finding": "Agentic benchmarks at the frontier",
                    "rating": "comparable",
                    "note": INTERNAL,
                },
            },
            risks={"cyber_offence": {"relevant": True, "note": INTERNAL}},
        )
        capability, mitigation = Claim.objects.filter(case=case).order_by("pk")
        services.claim_review(
            actor=w["caseworker"], claim=capability, review="not_substantiated", note=INTERNAL
        )
        services.claim_review(
            actor=w["caseworker"], claim=mitigation, review="not_substantiated", note=INTERNAL
        )
    return case


def hearing(w) -> Letter:
    case = _with_arguments(w)
    with at(datetime.date(2026, 4, 1)):
        services.information_request_send(
            actor=w["caseworker"],
            case=case,
            kind="hearing",
            draft_outcome="designate",
            draft_reasoning="The Commission intends to reject the arguments presented under Article 52(2).",
        )
    return latest(case, LetterKind.HEARING)


def designation(w) -> Letter:
    case = _with_arguments(w)
    with at(datetime.date(2026, 4, 1)):
        h = services.information_request_send(
            actor=w["caseworker"],
            case=case,
            kind="hearing",
            draft_outcome="designate",
            draft_reasoning="The Commission intends to reject the arguments.",
        )
    with at(datetime.date(2026, 4, 8)):
        services.information_request_answer(
            actor=w["member"], request=h, response="We maintain our arguments."
        )
    with at(datetime.date(2026, 4, 20)):
        services.decision_propose(
            actor=w["caseworker"], case=case, outcome="designate", reasoning=INTERNAL
        )
        services.decision_approve(actor=w["approver"], case=case)
    return latest(case, LetterKind.DECISION)


def no_designation(w) -> Letter:
    with at(datetime.date(2026, 3, 10)):
        case = file_draft_notification(w["member"], w["model"])
        services.claims_file(
            actor=w["member"], case=case, claims=[{"text": LONG_CLAIM, "basis": "capability"}]
        )
        case = services.case_submit(actor=w["member"], case=case)
        case = services.case_take_up(actor=w["caseworker"], case=case)
        services.claim_review(
            actor=w["caseworker"], claim=case.claims.get(), review="substantiated", note=INTERNAL
        )
    with at(datetime.date(2026, 4, 20)):
        services.decision_propose(
            actor=w["caseworker"], case=case, outcome="not_designate", reasoning=INTERNAL
        )
        services.decision_approve(actor=w["approver"], case=case)
    return latest(case, LetterKind.DECISION)


def _designated(w) -> Designation:
    case = _assessing(w)
    with at(datetime.date(2026, 9, 15)):
        services.decision_propose(
            actor=w["caseworker"], case=case, outcome="designate", reasoning="R"
        )
        services.decision_approve(actor=w["approver"], case=case)
    return Designation.objects.get(case=case)


def _reassessment_request(w):
    designation = _designated(w)
    case = services.case_create_reassessment(
        actor=w["member"],
        designation=designation,
        reasons="New independent evaluations show lower capabilities.",
    )
    services.document_add(actor=w["member"], case=case, uploaded_file=pdf_upload("evals.pdf"))
    with at(datetime.date(2027, 3, 16)):
        case = services.case_submit(actor=w["member"], case=case)
    return case


def reassessment_acknowledgement(w) -> Letter:
    return latest(_reassessment_request(w), LetterKind.ACKNOWLEDGEMENT)


def reassessment_outcome(outcome: str) -> Callable:
    def build(w) -> Letter:
        case = _reassessment_request(w)
        with at(datetime.date(2027, 3, 17)):
            case = services.case_take_up(actor=w["caseworker"], case=case)
            services.decision_propose(
                actor=w["caseworker"], case=case, outcome=outcome, reasoning=INTERNAL
            )
        with at(datetime.date(2027, 4, 30)):
            services.decision_approve(actor=w["approver"], case=case)
        return latest(case, LetterKind.REASSESSMENT_OUTCOME)

    return build


def ex_officio_notice(w) -> Letter:
    with at(datetime.date(2026, 5, 4)):
        case = services.case_open_ex_officio(
            actor=w["caseworker"],
            model=w["model"],
            basis="scientific_panel_alert",
            alert_reference="SP-2026-9",
            alert_date=datetime.date(2026, 4, 28),
        )
    return latest(case, LetterKind.EX_OFFICIO_NOTICE)


def reassessment_notice(w) -> Letter:
    designation = _designated(w)
    with at(datetime.date(2026, 12, 1)):
        case = services.reassessment_open(
            actor=w["caseworker"],
            designation=designation,
            reasons="New independent evaluations show the model below the most advanced models.",
        )
    return latest(case, LetterKind.REASSESSMENT_NOTICE)


def correction_receipt(w) -> Letter:
    with at(datetime.date(2026, 3, 10)):
        case = file_draft_notification(w["member"], w["model"])
        case = services.case_submit(actor=w["member"], case=case)
    with at(datetime.date(2026, 3, 20)):
        doc = services.document_add(
            actor=w["member"], case=case, uploaded_file=pdf_upload("log.pdf"), title="Corrected log"
        )
        services.notification_correct(
            actor=w["member"],
            case=case,
            reason="The fine-tuning phase was left out.",
            documents=[doc],
            compute_flop="3.9e25",
        )
    return latest(case, LetterKind.CORRECTION_RECEIPT)


def supplementary_receipt(w) -> Letter:
    with at(datetime.date(2026, 3, 10)):
        case = file_draft_notification(w["member"], w["model"])
        case = services.case_submit(actor=w["member"], case=case)
    with at(datetime.date(2026, 3, 20)):
        doc = services.document_add(
            actor=w["member"], case=case, uploaded_file=pdf_upload("evals.pdf"), title="Evaluations"
        )
        services.claims_file(
            actor=w["member"],
            case=case,
            claims=[{"text": LONG_CLAIM, "basis": "capability", "documents": [doc.pk]}],
        )
    return latest(case, LetterKind.SUPPLEMENTARY_RECEIPT)


#: name → (builder, title expected, article expected)
KINDS: dict[str, tuple[Callable, str, str]] = {
    "acknowledgement": (
        acknowledgement,
        "Acknowledgement of receipt of your notification under Article 52(1)",
        "Article 52(1)",
    ),
    "reassessment_acknowledgement": (
        reassessment_acknowledgement,
        "Acknowledgement of receipt of your request for reassessment under Article 52(5)",
        "Article 52(5)",
    ),
    "information_request": (
        information_request,
        "Request for information under Article 91",
        "Article 91",
    ),
    "hearing": (hearing, "Hearing on a draft decision", "Article 41(2)(a)"),
    "designation": (
        designation,
        "designation as a general-purpose AI model with systemic risk",
        "Article 52(3)",
    ),
    "no_designation": (
        no_designation,
        "no designation as a general-purpose AI model with systemic risk",
        "Article 52(3)",
    ),
    "maintain": (reassessment_outcome("maintain"), "designation maintained", "Article 52(5)"),
    "revoke": (reassessment_outcome("revoke"), "designation revoked", "Article 52(5)"),
    "not_reassessed": (
        reassessment_outcome("not_reassessed"),
        "Decision not to reassess the designation under Article 52(5)",
        "Article 52(5)",
    ),
    "ex_officio_notice": (
        ex_officio_notice,
        "Notice of a procedure under Article 52(4)",
        "Article 52(4)",
    ),
    "reassessment_notice": (
        reassessment_notice,
        "Notice of a reassessment of the Commission's own motion",
        "Annex XIII",
    ),
    "correction_receipt": (
        correction_receipt,
        "Acknowledgement of receipt of a correction",
        "Article 52(1)",
    ),
    "supplementary_receipt": (
        supplementary_receipt,
        "Acknowledgement of receipt of a supplementary filing",
        "Article 52(2)",
    ),
}
DECISION_KINDS = {"designation", "no_designation", "maintain", "revoke", "not_reassessed"}


def _more() -> None:
    from .kinds_more import MORE_KINDS

    KINDS.update(MORE_KINDS)


_more()
