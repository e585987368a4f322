"""The caseworkers' case page through its views: what it shows, the actions on a case (right role
allowed, wrong roles refused), the assessment scorecard and the timeline. The queue:
test_workspace.py."""

from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gpai_cases.cases import services
from gpai_cases.cases.models import Case, Claim, Decision, Designation, InformationRequest
from gpai_cases.letters.models import Letter, LetterStatus
from gpai_cases.providers.models import GPAIModel

from ..conftest import file_draft_notification

pytestmark = pytest.mark.django_db


def post(client, user, name, case, data=None, **kwargs):
    client.force_login(user)
    return client.post(
        reverse(f"workspace:{name}", args=[case.reference, *kwargs.values()]),
        data or {},
        follow=True,
    )


def texts(response) -> str:
    """The messages of the page, and the errors of its form (a refusal shows on the form)."""
    said = [str(m) for m in response.context["messages"]]
    form = response.context.get("form")
    if form is not None:
        said += [str(e) for errors in form.errors.values() for e in errors]
    return " ".join(said)


# ---- case page and actions ------------------------------------------------------------------------


def test_case_page_shows_the_filing_the_compute_check_and_what_can_be_done(
    client, caseworker, member_a, model_a
):
    case = file_draft_notification(member_a, model_a)
    services.claims_file(
        actor=member_a, case=case, claims=[{"text": "Refusal training", "basis": "mitigation"}]
    )
    services.case_submit(actor=member_a, case=case)
    client.force_login(caseworker)
    page = client.get(reverse("workspace:case", args=[case.reference]))
    body = page.content.decode()
    assert "3.2 × 10^25" in body  # declared
    assert "Hardware-based" in body and "Architecture-based" in body
    assert "not a valid ground" in body
    assert "Take up this case" in body
    assert "Propose a decision — not now" in body
    assert case.documents.get().sha256 in body


def test_a_caseworker_takes_up_requests_information_and_proposes_through_the_views(
    client, caseworker, member_a, submitted_a
):
    response = post(client, caseworker, "take_up", submitted_a)
    assert "taken up" in texts(response)
    response = post(
        client,
        caseworker,
        "request_information",
        submitted_a,
        {"kind": "question", "questions": "Which chips?\nHow long?"},
    )
    assert "request has been sent" in texts(response)
    request = InformationRequest.objects.get(case=submitted_a)
    assert request.questions == ["Which chips?", "How long?"]
    response = post(
        client, caseworker, "propose", submitted_a, {"outcome": "designate", "reasoning": "R"}
    )
    assert "still open" in texts(response)
    services.information_request_answer(actor=member_a, request=request, response="A")
    response = post(
        client,
        caseworker,
        "propose",
        submitted_a,
        {"outcome": "designate", "reasoning": "Above threshold."},
    )
    assert "proposed to an approver" in texts(response)
    assert Case.objects.get(pk=submitted_a.pk).state == "decision_proposed"


def test_rejecting_arguments_needs_a_hearing_and_cites_claims_not_substantiated(
    client, caseworker, member_a, model_a
):
    case = file_draft_notification(member_a, model_a)
    services.claims_file(
        actor=member_a, case=case, claims=[{"text": "Weak benchmarks", "basis": "capability"}]
    )
    services.case_submit(actor=member_a, case=case)
    services.case_take_up(actor=caseworker, case=case)
    claim = Claim.objects.get(case=case)
    response = post(
        client,
        caseworker,
        "review_claim",
        case,
        {"review": "not_substantiated", "note": "Scores near the frontier"},
        claim_id=claim.pk,
    )
    assert "Review saved" in texts(response)
    page = client.get(reverse("workspace:case", args=[case.reference]))
    assert "Scores near the frontier" in page.content.decode()  # pre-filled in the proposal
    response = post(
        client, caseworker, "propose", case, {"outcome": "designate", "reasoning": "Rejected."}
    )
    assert "must first be heard" in texts(response)
    post(
        client,
        caseworker,
        "request_information",
        case,
        {"kind": "hearing", "draft_reasoning": "We will designate."},
    )
    hearing = InformationRequest.objects.get(case=case, kind="hearing")
    services.information_request_answer(actor=member_a, request=hearing, response="We disagree.")
    response = post(
        client, caseworker, "propose", case, {"outcome": "designate", "reasoning": "Rejected."}
    )
    assert "proposed to an approver" in texts(response)


def test_four_eyes_the_proposer_cannot_approve_and_another_approver_can(
    client, caseworker, approver, approver2, assessing_a
):
    post(client, caseworker, "propose", assessing_a, {"outcome": "designate", "reasoning": "R"})
    client.force_login(caseworker)
    assert (
        client.post(reverse("workspace:approve", args=[assessing_a.reference])).status_code == 403
    )
    Decision.objects.filter(case=assessing_a).update(proposed_by=approver)
    response = post(client, approver, "approve", assessing_a, {"confirm": "yes"})
    assert "another approver must approve" in texts(response)
    asked = post(client, approver2, "approve", assessing_a)  # without the confirmation: asked
    assert "What happens when you approve" in asked.content.decode()
    assert not Designation.objects.filter(case=assessing_a).exists()
    response = post(client, approver2, "approve", assessing_a, {"confirm": "yes"})
    assert "decision is approved" in texts(response)
    assert Designation.objects.filter(case=assessing_a).exists()


def test_an_approver_returns_a_proposal_with_a_comment(client, caseworker, approver, assessing_a):
    post(client, caseworker, "propose", assessing_a, {"outcome": "designate", "reasoning": "R"})
    response = post(client, approver, "return", assessing_a, {"comment": ""})
    assert "Say why" in texts(response)
    response = post(client, approver, "return", assessing_a, {"comment": "Cite (e)."})
    assert "returned" in texts(response)
    assert Case.objects.get(pk=assessing_a.pk).state == "under_assessment"


@pytest.mark.parametrize(
    "action", ["take_up", "propose", "approve", "return", "request_information", "assign"]
)
def test_providers_are_refused_every_action_and_anonymous_users_sign_in(
    client, member_a, submitted_a, action
):
    url = reverse(f"workspace:{action}", args=[submitted_a.reference])
    assert client.post(url).status_code == 302
    client.force_login(member_a)
    assert client.post(url).status_code == 403


def test_wrong_office_roles_are_refused(client, approver, caseworker, office_admin, submitted_a):
    client.force_login(approver)
    assert (
        client.post(reverse("workspace:take_up", args=[submitted_a.reference])).status_code == 403
    )
    client.force_login(office_admin)
    assert (
        client.post(reverse("workspace:take_up", args=[submitted_a.reference])).status_code == 403
    )
    client.force_login(caseworker)
    assert (
        client.post(reverse("workspace:approve", args=[submitted_a.reference])).status_code == 403
    )


def test_assignment_with_a_reason(client, caseworker, caseworker2, assessing_a):
    response = post(
        client,
        caseworker,
        "assign",
        assessing_a,
        {"assignee": caseworker2.pk, "reason": "Holiday cover"},
    )
    assert "Assigned to" in texts(response)
    assert Case.objects.get(pk=assessing_a.pk).assignee == caseworker2


def test_open_ex_officio_registering_provider_and_model_on_the_spot(client, caseworker, member_a):
    client.force_login(member_a)
    assert client.get(reverse("workspace:ex_officio")).status_code == 403
    client.force_login(caseworker)
    page = client.post(reverse("workspace:ex_officio"), {"basis": "scientific_panel_alert"})
    assert (
        b"There is a problem" in page.content
        and b"reference of the scientific panel" in page.content
    )
    response = client.post(
        reverse("workspace:ex_officio"),
        {
            "basis": "scientific_panel_alert",
            "alert_reference": "SP-2026-7",
            "alert_date": "2026-11-01",
            "source": "new",
            "new_provider_name": "Gamma Models Ltd",
            "new_provider_country": "GB",
            "new_provider_representative": "Gamma EU SA, Brussels",
            "new_model_name": "Gamma-9",
            "new_model_version": "1",
            "new_model_compute": "4.1×10^25",
        },
    )
    case = Case.objects.get(kind="ex_officio")
    assert response["Location"] == reverse("workspace:case", args=[case.reference])
    assert case.state == "under_assessment" and case.alert_reference == "SP-2026-7"
    assert str(GPAIModel.objects.get(name="Gamma-9").training_compute_flop) in (
        "4.1E+25",
        "41000000000000000000000000",
    )


def test_a_failed_letter_shows_and_can_be_regenerated(
    client, caseworker, submitted_a, django_capture_on_commit_callbacks
):
    letter = Letter.objects.get(case=submitted_a)
    Letter.objects.filter(pk=letter.pk).update(status=LetterStatus.FAILED, last_error="x")
    client.force_login(caseworker)
    page = client.get(reverse("workspace:case", args=[submitted_a.reference]))
    assert b"letter failed" in page.content
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("workspace:regenerate_letter", args=[submitted_a.reference, letter.pk]))
    letter.refresh_from_db()
    assert letter.status == LetterStatus.RENDERED


def test_documents_download_only_for_those_who_may_read_them(
    client, member_a, member_b, caseworker, draft_a
):
    document = draft_a.documents.get()
    url = reverse("document_download", args=[document.pk])
    client.force_login(member_b)
    assert client.get(url).status_code == 404
    client.force_login(member_a)
    response = client.get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"%PDF")
    client.force_login(caseworker)
    assert client.get(url).status_code == 404  # a draft's document is the provider's own
    services.case_submit(actor=member_a, case=draft_a)
    assert client.get(url).status_code == 200


# ---- assessment scorecard ---------------------------------------------------------------------------


def test_scorecard_is_saved_as_versions_with_provider_figures_and_timeline(
    client, caseworker, approver, member_a, assessing_a
):
    from gpai_cases.assessment.models import Scorecard
    from gpai_cases.cases.models import CaseEvent

    url = reverse("workspace:assessment", args=[assessing_a.reference])
    client.force_login(member_a)
    assert client.get(url).status_code == 403
    client.force_login(caseworker)
    page = client.get(url)
    assert b"3.2 \xc3\x97 10^25 FLOP" in page.content and b"presumption applies" in page.content
    data = {
        "c-c-finding": "Above 10^25",
        "c-c-rating": "above",
        "c-f-rating": "comparable",
        "r-cbrn-relevant": "on",
        "r-cbrn-note": "Uplift tested",
        "evaluator": "Lab X",
        "evaluation_result": "Passed",
    }
    client.post(url, data)
    client.post(
        url,
        {
            **data,
            "c-e-rating": "above",
            "evaluation_report": SimpleUploadedFile("report.pdf", b"%PDF-1.4\n%%EOF\n"),
        },
    )
    versions = list(Scorecard.objects.filter(case=assessing_a).order_by("version"))
    assert [v.version for v in versions] == [1, 2]
    assert (
        versions[0].criteria["c"]["rating"] == "above"
        and versions[0].risks["cbrn"]["relevant"] is True
    )
    assert versions[1].evaluation_report is not None
    assert CaseEvent.objects.filter(case=assessing_a, action="assessment_saved").count() == 2
    bad = client.post(url, {**data, "c-a-rating": "stellar"}, follow=True)
    assert "hoose below, comparable or above" in texts(bad)
    client.force_login(approver)  # approvers read it, cannot change it
    assert b"Save a new version" not in client.get(url).content
    assert client.post(url, data).status_code == 403
    assert Scorecard.objects.filter(case=assessing_a).count() == 2


def test_every_deadline_on_the_case_page_expands_to_its_rule(client, caseworker, assessing_a):
    client.force_login(caseworker)
    body = client.get(reverse("workspace:case", args=[assessing_a.reference])).content.decode()
    assert (
        "assessment target" in body
        and "Internal target of" in body
        and "while the clock was stopped" in body
    )
    services.information_request_send(actor=caseworker, case=assessing_a, questions=["Q"])
    body = client.get(reverse("workspace:case", args=[assessing_a.reference])).content.decode()
    assert "answer due" in body and "days after" in body.lower()


def test_the_proposal_starts_from_the_scorecard_and_the_approver_sees_both(
    client, caseworker, approver, member_a, model_a
):
    case = file_draft_notification(member_a, model_a)
    services.claims_file(
        actor=member_a, case=case, claims=[{"text": "Refusal training", "basis": "mitigation"}]
    )
    services.case_submit(actor=member_a, case=case)
    services.case_take_up(actor=caseworker, case=case)
    client.force_login(caseworker)
    client.post(
        reverse("workspace:assessment", args=[case.reference]),
        {"c-e-finding": "Frontier scores on agentic tasks", "c-e-rating": "above"},
    )
    claim = Claim.objects.get(case=case)
    post(
        client,
        caseworker,
        "review_claim",
        case,
        {"review": "not_substantiated", "note": "Mitigations are not a ground"},
        claim_id=claim.pk,
    )
    hearing = services.information_request_send(
        actor=caseworker, case=case, kind="hearing", draft_reasoning="Draft."
    )
    services.information_request_answer(actor=member_a, request=hearing, response="No.")
    page = client.get(reverse("workspace:propose", args=[case.reference])).content.decode()
    # the reasoning starts from the scorecard's findings, in sentences (letters.reasoning)
    assert "Frontier scores on agentic tasks" in page
    reasoning = re.search(r'<textarea[^>]*name="reasoning"[^>]*>(.*?)</textarea>', page, re.S)
    assert reasoning and "Mitigations are not a ground" not in reasoning.group(1)  # internal note
    post(client, caseworker, "propose", case, {"outcome": "designate", "reasoning": "Rejected."})
    client.force_login(approver)
    page = client.get(reverse("workspace:case", args=[case.reference])).content.decode()
    proposal = page.split('id="proposal-h"')[1].split("</section>")[0]
    assert "Claims cited as not substantiated" in proposal and "Refusal training" in proposal
    assert "Scorecard, version 1" in proposal and "Above the most advanced models" in proposal
    # the timeline says what each step was
    assert (
        "outcome: Designate as GPAI model with systemic risk, citing 1 claim found not "
        "substantiated" in page
    )
    assert "scorecard version 1" in page.split('id="timeline-h"')[1]


def test_the_timeline_shows_assignment_reasons_and_return_comments(
    client, caseworker, caseworker2, approver, assessing_a
):
    post(
        client,
        caseworker,
        "assign",
        assessing_a,
        {"assignee": caseworker2.pk, "reason": "Holiday cover"},
    )
    post(client, caseworker2, "propose", assessing_a, {"outcome": "designate", "reasoning": "R"})
    post(client, approver, "return", assessing_a, {"comment": "Cite criterion (e)."})
    client.force_login(caseworker)
    page = client.get(reverse("workspace:case", args=[assessing_a.reference])).content.decode()
    timeline = page.split('id="timeline-h"')[1]
    assert (
        f"Assigned by {caseworker.display_name}: to {caseworker2.display_name}; reason: Holiday cover"
        in timeline
    )
    assert "Decision returned" in timeline and "comment: Cite criterion (e)." in timeline


def test_case_page_queries_do_not_grow_with_its_rows_and_skip_the_lists_it_has_none_of(
    client, caseworker, assessing_a
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from ..conftest import pdf_upload

    client.force_login(caseworker)
    url = reverse("workspace:case", args=[assessing_a.reference])
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    for n in range(4):
        services.document_add(
            actor=caseworker, case=assessing_a, uploaded_file=pdf_upload(), title=f"Note {n}"
        )
    with CaptureQueriesContext(connection) as many:
        body = client.get(url).content.decode()
    assert "Note 3" in body and body.count("Document added") == 5
    assert len(many.captured_queries) == len(few.captured_queries)
    # a case with no claims, corrections, confidentiality claims or scorecards: one query asks,
    # none of them is read
    read = " ".join(q["sql"] for q in many.captured_queries if "EXISTS" not in q["sql"])
    for table in (
        "cases_claim",
        "cases_notificationcorrection",
        "cases_confidentialityclaim",
        "assessment_scorecard",
    ):
        assert f'FROM "{table}' not in read, table
