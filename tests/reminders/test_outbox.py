"""The outbox: an e-mail is delayed by a broker outage, never lost, never sent twice; people
choose how they are told, except of legal time limits; the calendar feed holds their deadlines."""

from __future__ import annotations

import datetime
import re
from unittest import mock

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from icalendar import Calendar

from gpai_cases.cases import services
from gpai_cases.reminders import outbox
from gpai_cases.reminders.models import (
    CalendarFeed,
    Channel,
    EmailState,
    InboxMessage,
    MessagePreference,
)
from gpai_cases.reminders.tasks import deliver_messages

from ..conftest import file_draft_notification

pytestmark = pytest.mark.django_db


def _is_the_request(e) -> bool:
    """The request's own e-mail (the "letter is ready" e-mail that follows names it too)."""
    return "Request for information" in e.subject and "letter is ready" not in e.subject


def _send_request(case, caseworker, capture):
    with capture(execute=True):
        return services.information_request_send(actor=caseworker, case=case, questions=["Q?"])


def test_with_the_broker_down_the_message_is_in_the_inbox_at_once_and_e_mailed_once_it_is_back(
    assessing_a, caseworker, member_a, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with mock.patch.object(deliver_messages, "delay", side_effect=OSError("broker down")):
        _send_request(assessing_a, caseworker, django_capture_on_commit_callbacks)
    message = InboxMessage.objects.get(user=member_a, kind="request_sent")
    assert message.email_state == EmailState.PENDING
    assert not [e for e in mail.outbox if _is_the_request(e)]
    # the broker is back: the every-minute sweep sends it, and a second sweep sends nothing
    with time_machine.travel(datetime.timedelta(minutes=2)):
        assert outbox.deliver_pending() >= 1
        outbox.deliver_pending()
    sent = [e for e in mail.outbox if _is_the_request(e)]
    assert [e.to for e in sent] == [[member_a.email]]
    message.refresh_from_db()
    assert message.email_state == EmailState.SENT and message.emailed_at is not None


def test_a_retried_delivery_sends_nothing_twice(assessing_a, caseworker, member_a):
    services.information_request_send(actor=caseworker, case=assessing_a, questions=["Q?"])
    message = InboxMessage.objects.get(user=member_a, kind="request_sent")
    mail.outbox.clear()
    assert outbox.deliver([message.pk]) == 1
    assert outbox.deliver([message.pk]) == 0  # the task ran again (a retry, a duplicate)
    assert len(mail.outbox) == 1


def test_an_smtp_failure_keeps_the_message_pending_with_its_error(
    assessing_a, caseworker, member_a
):
    services.information_request_send(actor=caseworker, case=assessing_a, questions=["Q?"])
    message = InboxMessage.objects.get(user=member_a, kind="request_sent")
    with (
        mock.patch("gpai_cases.reminders.delivery.send", side_effect=OSError("SMTP down")),
        pytest.raises(OSError),
    ):
        outbox.deliver([message.pk])
    message.refresh_from_db()
    assert message.email_state == EmailState.PENDING
    assert message.email_attempts == 1 and "SMTP down" in message.email_error
    assert outbox.deliver([message.pk]) == 1  # and it goes out once SMTP answers


def test_a_digest_preference_sends_one_e_mail_a_day_and_inbox_only_sends_none(
    assessing_a, caseworker, member_a, django_capture_on_commit_callbacks
):
    MessagePreference.objects.create(user=caseworker, kind="answer_received", channel="digest")
    MessagePreference.objects.create(
        user=caseworker, kind="supplementary_received", channel=Channel.INBOX
    )
    request = services.information_request_send(actor=caseworker, case=assessing_a, questions=["Q"])
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.information_request_answer(actor=member_a, request=request, response="A")
        services.claims_file(
            actor=member_a, case=assessing_a, claims=[{"text": "Late claim", "basis": "reach"}]
        )
    answer = InboxMessage.objects.get(user=caseworker, kind="answer_received")
    late = InboxMessage.objects.get(user=caseworker, kind="supplementary_received")
    assert (answer.email_state, late.email_state) == (EmailState.DIGEST, EmailState.NONE)
    assert not [e for e in mail.outbox if caseworker.email in e.to]
    assert outbox.send_digests() == 1 and outbox.send_digests() == 0
    (digest,) = [e for e in mail.outbox if caseworker.email in e.to]
    assert "Answer received" in digest.body and "Late claim" not in digest.body
    answer.refresh_from_db()
    assert answer.email_state == EmailState.DIGESTED


def test_messages_with_a_legal_time_limit_ignore_inbox_only(assessing_a, caseworker, member_a):
    MessagePreference.objects.create(user=member_a, kind="request_sent", channel=Channel.INBOX)
    services.information_request_send(actor=caseworker, case=assessing_a, questions=["Q?"])
    message = InboxMessage.objects.get(user=member_a, kind="request_sent")
    assert message.email_state == EmailState.PENDING


def test_the_preferences_page_offers_only_the_kinds_that_may_be_switched_off(client, member_a):
    client.force_login(member_a)
    page = client.get(reverse("message_preferences")).content.decode()
    assert "always e-mailed at once and cannot be switched off" in page
    assert 'name="answer_received"' in page and 'name="request_sent"' not in page
    client.post(reverse("message_preferences"), {"answer_received": "digest"})
    assert MessagePreference.objects.get(user=member_a, kind="answer_received").channel == "digest"


def test_the_calendar_feed_holds_the_persons_open_deadlines_only(
    client, assessing_a, caseworker, member_a, member_b, model_b
):
    draft_b = file_draft_notification(member_b, model_b)
    answered = services.information_request_send(
        actor=caseworker, case=assessing_a, questions=["Old?"]
    )
    services.information_request_answer(actor=member_a, request=answered, response="A")
    with time_machine.travel(datetime.datetime(2026, 12, 1, 9, tzinfo=datetime.UTC)):
        open_request = services.information_request_send(
            actor=caseworker, case=assessing_a, questions=["New?"]
        )
    client.force_login(member_a)
    client.post(reverse("calendar_renew"))
    token = CalendarFeed.objects.get(user=member_a).token
    client.logout()
    response = client.get(reverse("calendar_feed", args=[token]))
    assert response["Content-Type"].startswith("text/calendar")
    events = Calendar.from_ical(response.content).walk("VEVENT")
    assert [(str(e["UID"]), e.decoded("DTSTART")) for e in events] == [
        (f"request-{open_request.pk}@gpai-cases", open_request.due_date)
    ]
    assert str(open_request.due_rule) in str(events[0]["DESCRIPTION"])
    assert draft_b.reference not in response.content.decode()
    # renewing the address revokes the old one
    client.force_login(member_a)
    client.post(reverse("calendar_renew"))
    assert client.get(reverse("calendar_feed", args=[token])).status_code == 404


def test_a_caseworkers_feed_holds_the_next_deadlines_of_their_cases(
    client, assessing_a, caseworker, caseworker2
):
    feed = CalendarFeed.objects.create(user=caseworker, token="cw-token")
    other = CalendarFeed.objects.create(user=caseworker2, token="cw2-token")
    mine = Calendar.from_ical(client.get(reverse("calendar_feed", args=[feed.token])).content)
    theirs = Calendar.from_ical(client.get(reverse("calendar_feed", args=[other.token])).content)
    (event,) = mine.walk("VEVENT")
    assert event.decoded("DTSTART") == assessing_a.next_deadline
    assert "assessment target" in str(event["SUMMARY"])
    assert theirs.walk("VEVENT") == []


def test_the_api_lists_the_callers_messages_and_marks_one_read(
    assessing_a, caseworker, member_a, member_b
):
    from rest_framework.authtoken.models import Token
    from rest_framework.test import APIClient

    services.information_request_send(actor=caseworker, case=assessing_a, questions=["Q?"])
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=member_a).key}")
    listed = api.get(reverse("api:messages")).json()["results"]
    assert [m["kind"] for m in listed] == ["request_sent"] and listed[0]["unread"] is True
    assert listed[0]["link"].startswith("http") and listed[0]["due_date"]
    read = api.post(reverse("api:message-read", args=[listed[0]["id"]]))
    assert read.status_code == 200 and read.json()["unread"] is False
    other = APIClient()
    other.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=member_b).key}")
    assert other.get(reverse("api:messages")).json()["results"] == []
    assert other.post(reverse("api:message-read", args=[listed[0]["id"]])).status_code == 404


def test_following_a_message_marks_it_read_and_opens_the_page_where_to_act(
    client, assessing_a, caseworker, member_a
):
    request = services.information_request_send(actor=caseworker, case=assessing_a, questions=["Q"])
    message = InboxMessage.objects.get(user=member_a, kind="request_sent")
    client.force_login(member_a)
    assert "1 unread" in client.get(reverse("portal:home")).content.decode()
    response = client.get(reverse("inbox_open", args=[message.pk]))
    assert response["Location"] == reverse(
        "portal:respond", args=[assessing_a.reference, request.pk]
    )
    message.refresh_from_db()
    assert message.read_at is not None


def test_a_german_reader_gets_the_whole_e_mail_in_german(
    assessing_a, caseworker, member_a, django_capture_on_commit_callbacks
):
    """The message is written in German when it is recorded; the line with the link, the HTML
    frame and a digest's subject are added when it is sent, by a worker in English: in German too."""
    member_a.language = "de"
    member_a.save(update_fields=["language"])
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.information_request_send(actor=caseworker, case=assessing_a, questions=["Q?"])
    email = next(e for e in mail.outbox if member_a.email in e.to and "Wo Sie handeln" in e.body)
    assert "Wo Sie handeln:" in email.body and "Where to act" not in email.body
    # the due day as German writes it ("16. Dezember 2026"), not "16 Dezember 2026"
    request_email = next(e for e in mail.outbox if e.subject.startswith("Auskunftsersuchen"))
    assert re.search(r"bis \d{1,2}\. [A-ZÄÖÜ][a-zäöü]+ \d{4}", request_email.subject)
    html, _ = email.alternatives[0]
    assert 'lang="de"' in html and "Europäische Kommission" in html

    caseworker.language = "de"
    caseworker.save(update_fields=["language"])
    MessagePreference.objects.create(user=caseworker, kind="answer_received", channel="digest")
    request = services.information_request_send(actor=caseworker, case=assessing_a, questions=["Q"])
    with django_capture_on_commit_callbacks(execute=True):
        services.information_request_answer(actor=member_a, request=request, response="A")
    mail.outbox.clear()
    assert outbox.send_digests() == 1
    [digest] = mail.outbox
    assert digest.subject.startswith("GPAI Cases: 1 Nachricht vom ")
