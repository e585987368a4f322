"""The caseworker drafts the reasoning part by part, starting from a generated draft in prose;
the decision letter prints exactly that; the approver previews the letter before approving."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from gpai_cases.cases import services
from gpai_cases.cases.models import ReasoningDraft
from gpai_cases.cases.services import ActionRefused
from gpai_cases.letters.models import Letter, LetterKind

from .kinds import INTERNAL, LONG_CLAIM, _with_arguments, addressed, at, render, text_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def w(member_a, model_a, caseworker, approver):
    addressed(model_a.provider, caseworker, approver)
    return {"member": member_a, "model": model_a, "caseworker": caseworker, "approver": approver}


@pytest.fixture
def heard(w):
    """Arguments reviewed, a hearing answered: the case is ready for a proposal."""
    case = _with_arguments(w)
    with at(datetime.date(2026, 4, 1)):
        h = services.information_request_send(
            actor=w["caseworker"],
            case=case,
            kind="hearing",
            draft_outcome="designate",
            draft_reasoning="Draft.",
        )
    with at(datetime.date(2026, 4, 8)):
        services.information_request_answer(actor=w["member"], request=h, response="We disagree.")
    return case


def form_data(case, **parts):
    claims = list(case.claims.order_by("pk"))
    data = {
        "facts": "The provider notified its model on 10 March 2026.",
        "criterion_c": "Training compute of 3.2 × 10^25 FLOP, above the threshold.",
        f"claim_{claims[0].pk}": "The benchmarks cited do not measure agentic capabilities.",
        f"claim_{claims[1].pk}": "Restricted access is a mitigation, not a capability.",
        "hearing": "The provider disagreed without new evidence.",
        "conclusion": "The model is a general-purpose AI model with systemic risk.",
    }
    return {**data, **parts}


def test_the_draft_starts_from_generated_prose_without_internal_notes(client, w, heard):
    client.force_login(w["caseworker"])
    page = client.get(reverse("workspace:reasoning", args=[heard.reference])).content.decode()
    assert "Save the reasoning" in page
    assert "notified the Commission under Article 52(1)" in page
    assert "The Commission finds this argument not substantiated." in page
    assert "SWE-bench Verified at 12%; see the annexed evaluation report" in page  # whole
    assert "We disagree." in page  # the provider's comment on the hearing
    assert "The Commission therefore designates Alpha-1 2026-01" in page
    assert INTERNAL not in page


def test_the_letter_prints_the_reasoning_the_caseworker_wrote(client, w, heard):
    client.force_login(w["caseworker"])
    response = client.post(reverse("workspace:reasoning", args=[heard.reference]), form_data(heard))
    assert response.status_code == 302
    assert response["Location"] == reverse("workspace:letter_preview", args=[heard.reference])
    draft = ReasoningDraft.objects.get(case=heard)
    assert draft.updated_by == w["caseworker"] and draft.assessment == {
        "c": "Training compute of 3.2 × 10^25 FLOP, above the threshold."
    }
    with at(datetime.date(2026, 4, 20)):
        services.decision_propose(
            actor=w["caseworker"], case=heard, outcome="designate", reasoning=INTERNAL
        )
        services.decision_approve(actor=w["approver"], case=heard)
    text = text_of(render(Letter.objects.get(case=heard, kind=LetterKind.DECISION)))
    for written in form_data(heard).values():
        assert written in text
    assert "The Commission finds this argument not substantiated." not in text  # not generated
    assert LONG_CLAIM not in text and INTERNAL not in text


def test_a_refused_draft_comes_back_with_its_values(client, w, heard):
    client.force_login(w["caseworker"])
    data = form_data(heard, conclusion="  ")
    response = client.post(reverse("workspace:reasoning", args=[heard.reference]), data)
    page = response.content.decode()
    assert response.status_code == 400
    assert "There is a problem" in page
    assert "The benchmarks cited do not measure agentic capabilities." in page
    assert not ReasoningDraft.objects.filter(case=heard).exists()


def test_the_reasoning_is_frozen_while_the_approver_reads_it(client, w, heard):
    with at(datetime.date(2026, 4, 20)):
        services.decision_propose(
            actor=w["caseworker"], case=heard, outcome="designate", reasoning="R"
        )
    client.force_login(w["caseworker"])
    url = reverse("workspace:reasoning", args=[heard.reference])
    assert "You cannot edit the reasoning" in client.get(url).content.decode()
    response = client.post(url, form_data(heard))
    assert response.status_code == 400
    assert "You cannot edit the reasoning: the case has a decision proposed." in (
        response.content.decode()
    )
    with pytest.raises(ActionRefused):
        services.reasoning_save(
            actor=w["caseworker"],
            case=heard,
            facts="",
            assessment={},
            arguments={},
            hearing="",
            conclusion="C",
        )


def test_the_approver_previews_exactly_the_letter_that_will_be_sent(client, w, heard):
    services.reasoning_save(
        actor=w["caseworker"],
        case=heard,
        facts="Facts as written.",
        assessment={"e": "Comparable to the most advanced models."},
        arguments={},
        hearing="",
        conclusion="Designated, as written.",
    )
    with at(datetime.date(2026, 4, 20)):
        services.decision_propose(
            actor=w["caseworker"], case=heard, outcome="designate", reasoning=INTERNAL
        )
    client.force_login(w["approver"])
    page = client.get(reverse("workspace:letter_preview", args=[heard.reference])).content
    page = page.decode()
    assert "Facts as written." in page and "Designated, as written." in page
    assert "Means of redress" in page and "Article 263" in page
    assert "since Monday 2 March 2026" in page
    assert "You would sign it" in page and "Anna Berg" in page
    assert INTERNAL not in page
    with at(datetime.date(2026, 4, 20)):
        services.decision_approve(actor=w["approver"], case=heard)
    text = text_of(render(Letter.objects.get(case=heard, kind=LetterKind.DECISION)))
    assert "Facts as written." in text and "Designated, as written." in text


def test_a_provider_never_reaches_the_reasoning(client, w, heard):
    client.force_login(w["member"])
    assert client.get(reverse("workspace:reasoning", args=[heard.reference])).status_code == 403
