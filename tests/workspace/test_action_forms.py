"""Every workspace action is a Django form on a page of its own: a refusal (by the form or by the
service) shows the same page again with the error summary, the field errors and everything
typed; approve and publish ask for a confirmation; every text field states its limit."""

from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gpai_cases.assessment.models import Scorecard
from gpai_cases.cases import services
from gpai_cases.cases.models import Case, Claim, Decision, InformationRequest
from gpai_cases.providers.models import GPAIModel

from ..conftest import file_draft_notification

pytestmark = pytest.mark.django_db


def url(name, case, *args):
    return reverse(f"workspace:{name}", args=[case.reference, *args])


def test_a_100000_character_question_is_refused_with_the_limit_named_and_kept(
    client, caseworker, assessing_a
):
    client.force_login(caseworker)
    page = client.get(url("request_information", assessing_a)).content.decode()
    assert "at most 5,000 characters" in page and "At most 50,000 characters." in page
    assert "maxlength" not in page  # a browser would cut a pasted text without a word
    question = "w" * 100_000
    refused = client.post(
        url("request_information", assessing_a),
        {"kind": "question", "questions": question, "due_date": "2026-12-30"},
    )
    body = refused.content.decode()
    assert refused.status_code == 200 and "There is a problem" in body
    assert "At most 50,000 characters: this has 100,000" in body
    assert question in body and 'value="2026-12-30"' in body  # everything typed is kept
    assert not InformationRequest.objects.filter(case=assessing_a).exists()
    one_long = client.post(
        url("request_information", assessing_a),
        {"kind": "question", "questions": "Short?\n" + "q" * 6_000},
    ).content.decode()
    assert "Question 2: At most 5,000 characters: this has 6,000" in one_long


def test_a_request_refused_by_the_service_keeps_what_was_typed(client, caseworker, assessing_a):
    client.force_login(caseworker)
    refused = client.post(
        url("request_information", assessing_a),
        {"kind": "hearing", "questions": "Which chips did you use?", "draft_reasoning": " "},
    )
    body = refused.content.decode()
    assert refused.status_code == 200 and "draft reasoning of the decision" in body
    assert "Which chips did you use?" in body
    assert re.search(
        r'<input(?=[^>]*type="radio")(?=[^>]*name="kind")(?=[^>]*value="hearing")[^>]*\bchecked\b',
        body,
    )
    sent = client.post(
        url("request_information", assessing_a),
        {"kind": "question", "questions": "Which chips?\nHow long?"},
    )
    assert sent.status_code == 302 and sent["Location"] == url("case", assessing_a)
    assert InformationRequest.objects.get(case=assessing_a).questions == [
        "Which chips?",
        "How long?",
    ]


def test_a_refused_proposal_keeps_the_typed_reasoning_not_the_auto_draft(
    client, caseworker, member_a, submitted_a
):
    services.case_take_up(actor=caseworker, case=submitted_a)
    services.information_request_send(actor=caseworker, case=submitted_a, questions=["Q?"])
    client.force_login(caseworker)
    typed = "My own reasoning, typed with care: the compute is above the threshold."
    refused = client.post(url("propose", submitted_a), {"outcome": "designate", "reasoning": typed})
    body = refused.content.decode()
    assert refused.status_code == 200 and "still open" in body and "There is a problem" in body
    assert typed in body and 'value="designate"' in body
    assert not Decision.objects.filter(case=submitted_a).exists()


def test_the_claim_review_shows_the_saved_finding_and_note(client, caseworker, member_a, model_a):
    case = file_draft_notification(member_a, model_a)
    services.claims_file(
        actor=member_a, case=case, claims=[{"text": "Weak benchmarks", "basis": "capability"}]
    )
    services.case_submit(actor=member_a, case=case)
    services.case_take_up(actor=caseworker, case=case)
    claim = Claim.objects.get(case=case)
    client.force_login(caseworker)
    review = url("review_claim", case, claim.pk)
    refused = client.post(review, {"review": "not_substantiated", "note": " "})
    assert "Add a note explaining the finding." in refused.content.decode()
    assert '<option value="not_substantiated" selected>' in refused.content.decode()
    client.post(review, {"review": "not_substantiated", "note": "Scores at the frontier."})
    page = client.get(review).content.decode()
    assert '<option value="not_substantiated" selected>' in page  # no flip to "Substantiated"
    assert "Scores at the frontier.</textarea>" in page
    assert Claim.objects.get(pk=claim.pk).review == "not_substantiated"


def test_a_scorecard_whose_attachment_is_refused_keeps_every_value(client, caseworker, assessing_a):
    client.force_login(caseworker)
    data = {
        "c-a-finding": "About 4e11 parameters",
        "c-a-rating": "comparable",
        "c-e-note": "Frontier agentic scores",
        "r-cbrn-relevant": "on",
        "r-cbrn-note": "Uplift tested",
        "evaluator": "Lab X",
        "evaluation_method": "Red teaming",
        "evaluation_result": "Passed",
        "evaluation_report": SimpleUploadedFile("report.pdf", b""),
    }
    refused = client.post(url("assessment", assessing_a), data)
    body = refused.content.decode()
    assert refused.status_code == 200 and "There is a problem" in body
    assert "Choose the file again" in body
    for value in ("About 4e11 parameters", "Frontier agentic scores", "Uplift tested", "Lab X"):
        assert value in body
    assert "Red teaming</textarea>" in body and '<option value="comparable" selected>' in body
    assert 'name="r-cbrn-relevant" id="id_r-cbrn-relevant" checked' in body
    assert not Scorecard.objects.filter(case=assessing_a).exists()
    too_long = client.post(url("assessment", assessing_a), {"c-b-note": "n" * 5_001})
    assert "At most 5,000 characters: this has 5,001" in too_long.content.decode()
    assert not Scorecard.objects.filter(case=assessing_a).exists()


def test_approve_asks_for_confirmation_with_what_happens_and_to_whom(
    client, caseworker, approver, assessing_a
):
    services.decision_propose(
        actor=caseworker, case=assessing_a, outcome="designate", reasoning="R"
    )
    client.force_login(approver)
    case_page = client.get(url("case", assessing_a)).content.decode()
    assert f'href="{url("approve", assessing_a)}"' in case_page  # a link, not a one-click button
    asked = client.get(url("approve", assessing_a)).content.decode()
    assert "What happens when you approve" in asked
    assert assessing_a.model.provider.legal_name in asked and "decision letter" in asked
    assert 'name="confirm" value="yes"' in asked
    assert client.post(url("approve", assessing_a)).status_code == 200  # no confirm: asked again
    assert Case.objects.get(pk=assessing_a.pk).state == "decision_proposed"
    done = client.post(url("approve", assessing_a), {"confirm": "yes"})
    assert done.status_code == 302
    assert Case.objects.get(pk=assessing_a.pk).state != "decision_proposed"


def test_a_refused_return_and_assignment_keep_the_form(client, caseworker, approver, assessing_a):
    services.decision_propose(
        actor=caseworker, case=assessing_a, outcome="designate", reasoning="R"
    )
    client.force_login(approver)
    refused = client.post(url("return", assessing_a), {"comment": "   "})
    assert "Say why the proposal is returned." in refused.content.decode()
    too_long = client.post(url("return", assessing_a), {"comment": "c" * 5_001})
    assert "At most 5,000 characters: this has 5,001" in too_long.content.decode()
    client.force_login(caseworker)
    nobody = client.post(url("assign", assessing_a), {"assignee": "", "reason": "Holiday cover"})
    body = nobody.content.decode()
    assert "Choose a caseworker." in body and 'value="Holiday cover"' in body


def test_ex_officio_on_a_registered_model_chosen_from_a_list_grouped_by_provider(
    client, caseworker, model_b
):
    client.force_login(caseworker)
    page = client.get(reverse("workspace:ex_officio")).content.decode()
    assert f'<optgroup label="{model_b.provider.legal_name}">' in page
    assert "<legend><h2>A registered model</h2></legend>" in page
    mixed = client.post(
        reverse("workspace:ex_officio"),
        {"basis": "ex_officio", "source": "registered", "model": model_b.pk, "new_model_name": "X"},
    ).content.decode()
    assert "leave the new model&#x27;s fields empty" in mixed and 'value="X"' in mixed
    none = client.post(
        reverse("workspace:ex_officio"), {"basis": "ex_officio", "source": "registered"}
    ).content.decode()
    assert "Choose the registered model from the list." in none
    opened = client.post(
        reverse("workspace:ex_officio"),
        {"basis": "ex_officio", "source": "registered", "model": model_b.pk},
    )
    case = Case.objects.get(kind="ex_officio")
    assert opened["Location"] == url("case", case) and case.model == model_b
    assert GPAIModel.objects.count() == 1  # nothing registered on the way


def test_portal_text_fields_state_their_limits(client, member_a, submitted_a):
    from gpai_cases.portal.forms import ClaimForm, ResponseForm

    assert "At most 20,000 characters." in ClaimForm().fields["text"].help_text
    form = ResponseForm({"response": "r" * 50_001})
    assert not form.is_valid()
    assert "At most 50,000 characters: this has 50,001" in form.errors["response"][0]
    assert "maxlength" not in str(ResponseForm()["response"])
