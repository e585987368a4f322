"""Event messages: each step someone else must know about reaches the right people — and nobody
else — once in the inbox and once by e-mail, with what is due by when and a link to act."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.core import mail
from django.urls import reverse

from gpai_cases.accounts.models import Role
from gpai_cases.cases import services
from gpai_cases.cases.models import InformationRequest
from gpai_cases.reminders.models import EmailState, InboxMessage

from ..conftest import file_draft_notification, pdf_upload
from ..factories import UserFactory

pytestmark = pytest.mark.django_db

DEC_1 = datetime.datetime(2026, 12, 1, 9, tzinfo=datetime.UTC)


@pytest.fixture
def colleague_a(provider_a):
    """A second member of Alpha Labs: both members are told."""
    return UserFactory(role=Role.PROVIDER, email="anton@alpha.example", provider=provider_a)


@pytest.fixture
def told(django_capture_on_commit_callbacks):
    """Run an action and its after-commit work (e-mails); return the new messages by kind."""

    def run(action):
        before = set(InboxMessage.objects.values_list("pk", flat=True))
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            action()
        return list(InboxMessage.objects.exclude(pk__in=before).select_related("user"))

    return run


def _addressees(messages):
    return sorted(m.user.email if m.user else m.email_to for m in messages)


def _mailed():
    return sorted(address for m in mail.outbox for address in m.to)


def test_a_request_reaches_every_member_of_the_provider_once_with_its_due_date_and_link(
    told, assessing_a, caseworker, member_a, colleague_a, member_b
):
    with time_machine.travel(DEC_1):
        messages = told(
            lambda: services.information_request_send(
                actor=caseworker, case=assessing_a, questions=["What data?"]
            )
        )
    request = InformationRequest.objects.get(case=assessing_a)
    new = [m for m in messages if m.kind == "request_sent"]
    assert _addressees(new) == sorted([colleague_a.email, member_a.email])
    assert request.due_date == datetime.date(2026, 12, 15)  # 14 days after Tue 1 Dec
    assert {m.due_date for m in new} == {request.due_date}
    respond = reverse("portal:respond", args=[assessing_a.reference, request.pk])
    assert all(m.link == respond for m in new)
    assert all(
        "Tuesday 15 December 2026" in m.body and str(request.due_rule) in m.body for m in new
    )
    # the letter of the request follows (rendered after the commit): members only, never staff
    assert set(_mailed()) == {colleague_a.email, member_a.email}
    requests = [
        e
        for e in mail.outbox
        if "Request for information" in e.subject and "letter is ready" not in e.subject
    ]
    assert sorted(a for e in requests for a in e.to) == sorted([colleague_a.email, member_a.email])
    assert all(respond in e.body for e in requests)  # the e-mail carries the link
    assert all(m.email_state == EmailState.SENT for m in new)


def test_a_hearing_is_its_own_kind_and_names_the_ai_office_not_the_caseworker(
    told, assessing_a, caseworker, member_a
):
    messages = told(
        lambda: services.information_request_send(
            actor=caseworker, case=assessing_a, kind="hearing", draft_reasoning="We designate."
        )
    )
    (hearing,) = [m for m in messages if m.user == member_a and m.kind != "letter_ready"]
    assert hearing.kind == "hearing_sent" and "right to be heard" in hearing.body
    assert caseworker.email not in hearing.body and caseworker.display_name not in hearing.body


def test_an_answer_reaches_the_assignee_only(told, assessing_a, caseworker, caseworker2, member_a):
    request = services.information_request_send(actor=caseworker, case=assessing_a, questions=["Q"])
    messages = told(
        lambda: services.information_request_answer(actor=member_a, request=request, response="A")
    )
    assert [(m.kind, m.user) for m in messages] == [("answer_received", caseworker)]
    assert _mailed() == [caseworker.email]
    assert messages[0].link == f"/workspace/cases/{assessing_a.reference}/"


def test_with_nobody_assigned_an_answer_goes_to_the_caseworkers_mailbox(
    told, submitted_a, caseworker, member_a, settings
):
    request = services.information_request_send(actor=caseworker, case=submitted_a, questions=["Q"])
    messages = told(
        lambda: services.information_request_answer(actor=member_a, request=request, response="A")
    )
    assert [(m.kind, m.user, m.email_to) for m in messages] == [
        ("answer_received", None, settings.GPAI_CASEWORKER_MAILBOX)
    ]
    assert _mailed() == [settings.GPAI_CASEWORKER_MAILBOX]


def test_a_submission_tells_the_caseworkers_mailbox_and_the_provider_of_its_receipt(
    told, draft_a, member_a, settings
):
    messages = told(lambda: services.case_submit(actor=member_a, case=draft_a))
    assert sorted((m.kind, m.user_id, m.email_to) for m in messages) == [
        ("letter_ready", member_a.pk, ""),  # the acknowledgement of receipt
        ("notification_received", None, settings.GPAI_CASEWORKER_MAILBOX),
    ]


def test_a_supplementary_filing_reaches_the_assignee(told, assessing_a, caseworker, member_a):
    messages = told(
        lambda: services.document_add(
            actor=member_a, case=assessing_a, uploaded_file=pdf_upload("more.pdf"), title="More"
        )
    )
    # the caseworker is told; the provider gets its receipt (a letter)
    assert sorted((m.kind, m.user.email) for m in messages) == [
        ("letter_ready", member_a.email),
        ("supplementary_received", caseworker.email),
    ]


def test_a_proposal_reaches_every_approver_and_a_return_reaches_the_proposer(
    told, assessing_a, caseworker, approver, approver2
):
    proposed = told(
        lambda: services.decision_propose(
            actor=caseworker, case=assessing_a, outcome="designate", reasoning="R"
        )
    )
    assert sorted((m.kind, m.user.email) for m in proposed) == [
        ("decision_proposed", approver.email),
        ("decision_proposed", approver2.email),
    ]
    returned = told(
        lambda: services.decision_return(actor=approver, case=assessing_a, comment="Explain (e).")
    )
    assert [(m.kind, m.user) for m in returned] == [("proposal_returned", caseworker)]
    assert "Explain (e)." in returned[0].body


def test_an_approved_decision_its_letter_and_the_designation_reach_the_provider_and_admins(
    told, assessing_a, caseworker, approver, member_a, office_admin
):
    services.decision_propose(
        actor=caseworker, case=assessing_a, outcome="designate", reasoning="R"
    )
    messages = told(lambda: services.decision_approve(actor=approver, case=assessing_a))
    kinds = sorted((m.kind, m.user.email) for m in messages)
    assert kinds == [
        ("decision_approved", member_a.email),
        ("designation_changed", office_admin.email),
        ("letter_ready", member_a.email),  # rendered after the commit
    ]


def test_an_ex_officio_procedure_reaches_the_provider(told, caseworker, model_b, member_b):
    messages = told(
        lambda: services.case_open_ex_officio(actor=caseworker, model=model_b, basis="ex_officio")
    )
    assert ("ex_officio_opened", member_b) in [(m.kind, m.user) for m in messages]


def test_an_assignment_reaches_the_new_assignee_but_nobody_who_acted(
    told, assessing_a, caseworker, caseworker2
):
    to_other = told(
        lambda: services.case_assign(
            actor=caseworker, case=assessing_a, assignee=caseworker2, reason="Holiday"
        )
    )
    assert [(m.kind, m.user) for m in to_other] == [("case_assigned", caseworker2)]
    to_self = told(
        lambda: services.case_assign(
            actor=caseworker2, case=assessing_a, assignee=caseworker2, reason="Mine"
        )
    )
    assert to_self == []


def test_a_reassessment_request_reaches_the_mailbox(told, designation_a, member_a, settings):
    case = services.case_create_reassessment(
        actor=member_a, designation=designation_a, reasons="New"
    )
    services.document_add(actor=member_a, case=case, uploaded_file=pdf_upload("r.pdf"))
    with time_machine.travel(datetime.datetime(2027, 3, 20, 9, tzinfo=datetime.UTC)):
        messages = told(lambda: services.case_submit(actor=member_a, case=case))
    assert ("reassessment_requested", settings.GPAI_CASEWORKER_MAILBOX) in [
        (m.kind, m.email_to) for m in messages
    ]


def test_another_providers_members_are_never_told(
    told, caseworker, member_a, member_b, model_a, model_b
):
    case_b = file_draft_notification(member_b, model_b)
    services.case_submit(actor=member_b, case=case_b)
    services.case_take_up(actor=caseworker, case=case_b)
    messages = told(
        lambda: services.information_request_send(actor=caseworker, case=case_b, questions=["Q"])
    )
    assert member_a not in [m.user for m in messages]
    assert member_a.email not in _mailed()


def test_requests_over_time_reach_the_provider_and_a_lapse_the_assignee_too(
    told, assessing_a, caseworker, member_a
):
    with time_machine.travel(DEC_1):
        request = services.information_request_send(
            actor=caseworker, case=assessing_a, questions=["Q"]
        )
        asked = told(
            lambda: services.extension_request(
                actor=member_a,
                request=request,
                reason="Our engineers are at a conference.",
                proposed_due_date=datetime.date(2026, 12, 22),
            )
        )
        assert [(m.kind, m.user) for m in asked] == [("extension_requested", caseworker)]
        extension = request.extensions.get()
        refused = told(
            lambda: services.extension_refuse(actor=caseworker, extension=extension, note="No.")
        )
        assert [(m.kind, m.user) for m in refused if m.kind != "letter_ready"] == [
            ("extension_refused", member_a)
        ]
        extended = told(
            lambda: services.information_request_extend(
                actor=caseworker,
                request=request,
                due_date=datetime.date(2026, 12, 18),
                reason="More time for the provider.",
            )
        )
        (message,) = [m for m in extended if m.kind == "request_extended"]
        assert message.user == member_a and message.due_date == datetime.date(2026, 12, 18)
    with time_machine.travel(datetime.datetime(2026, 12, 19, 9, tzinfo=datetime.UTC)):
        lapsed = told(lambda: services.information_requests_lapse())
    assert sorted((m.kind, m.user.email) for m in lapsed) == sorted(
        [("request_lapsed", member_a.email), ("request_lapsed", caseworker.email)]
    )


def test_a_withdrawn_request_reaches_the_provider(told, assessing_a, caseworker, member_a):
    request = services.information_request_send(actor=caseworker, case=assessing_a, questions=["Q"])
    messages = told(
        lambda: services.information_request_withdraw(
            actor=caseworker, request=request, reason="Sent to the wrong provider."
        )
    )
    (withdrawn,) = [m for m in messages if m.kind == "request_withdrawn"]
    assert withdrawn.user == member_a and "Sent to the wrong provider." in withdrawn.body


def test_a_correction_reaches_the_assignee_and_the_provider_gets_its_receipt(
    told, assessing_a, caseworker, member_a
):
    evidence = services.document_add(
        actor=member_a, case=assessing_a, uploaded_file=pdf_upload("fix.pdf"), title="Fix"
    )
    messages = told(
        lambda: services.notification_correct(
            actor=member_a,
            case=assessing_a,
            reason="The fine-tuning phase was left out.",
            documents=[evidence],
            compute_flop="3.9e25",
            compute_method="architecture",
        )
    )
    kinds = sorted((m.kind, m.user.email) for m in messages)
    assert ("correction_received", caseworker.email) in kinds
    assert ("letter_ready", member_a.email) in kinds  # the receipt of the correction
    (correction,) = [m for m in messages if m.kind == "correction_received"]
    assert "The fine-tuning phase was left out." in correction.body
