"""Event messages: whatever someone else must act on reaches them, once, never lost.

Each recorded event of a case (:data:`gpai_cases.cases.audit.recorded`) that another person must
know about becomes one inbox message per recipient, written in the event's own transaction — the
outbox. Its e-mail is sent after the commit by a worker (:mod:`.outbox`); if the broker is down,
the periodic sweep sends it once the broker is back. People choose per kind: e-mail at once, in a
daily digest, or the inbox only — except for the kinds that carry a legal time limit, which are
always e-mailed at once.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from gpai_cases.accounts.language import language_of
from gpai_cases.accounts.roles import Role
from gpai_cases.cases import deadlines
from gpai_cases.cases.audit import Action
from gpai_cases.cases.models import CaseEvent, InformationRequest, RequestKind
from gpai_cases.core.queueing import queue_or
from gpai_cases.letters.models import LetterKind
from gpai_cases.obligations.audit import Action as ObligationAction
from gpai_cases.obligations.models import (
    Chapter,
    FrameworkReview,
    ObligationEvent,
    SeriousIncident,
)
from gpai_cases.providers.models import Membership

from .models import Channel, EmailState, InboxMessage, MessagePreference

PROVIDER, ASSIGNEE, APPROVERS, PROPOSER, NEW_ASSIGNEE, ADMINS, MAILBOX = (
    "provider",
    "assignee",
    "approvers",
    "proposer",
    "new_assignee",
    "admins",
    "mailbox",
)


@dataclass(frozen=True)
class MessageKind:
    code: str
    label: Any
    audiences: tuple[str, ...]
    #: Carries a legal time limit (requests, hearings, decisions, letters): always e-mailed.
    legal: bool = False


KINDS = {
    k.code: k
    for k in [
        MessageKind("request_sent", _("A request for information was sent"), (PROVIDER,), True),
        MessageKind("hearing_sent", _("A draft decision was sent for comment"), (PROVIDER,), True),
        MessageKind("request_extended", _("A due date was extended"), (PROVIDER,), True),
        MessageKind(
            "extension_refused", _("A request for more time was refused"), (PROVIDER,), True
        ),
        MessageKind("request_withdrawn", _("A request was withdrawn"), (PROVIDER,), True),
        MessageKind("request_lapsed", _("A request lapsed unanswered"), (PROVIDER, ASSIGNEE), True),
        MessageKind("decision_approved", _("A decision was adopted"), (PROVIDER,), True),
        MessageKind("letter_ready", _("A letter is ready"), (PROVIDER,), True),
        MessageKind("ex_officio_opened", _("The Commission opened a procedure"), (PROVIDER,), True),
        MessageKind(
            "reassessment_opened", _("The Commission reassesses a designation"), (PROVIDER,), True
        ),
        MessageKind("notification_received", _("A notification was submitted"), (ASSIGNEE,)),
        MessageKind("reassessment_requested", _("A reassessment was requested"), (ASSIGNEE,)),
        MessageKind("answer_received", _("An answer was received"), (ASSIGNEE,)),
        MessageKind("extension_requested", _("The provider asks for more time"), (ASSIGNEE,)),
        MessageKind("correction_received", _("A correction was filed"), (ASSIGNEE,)),
        MessageKind(
            "supplementary_received", _("A supplementary filing was received"), (ASSIGNEE,)
        ),
        MessageKind("decision_proposed", _("A decision awaits approval"), (APPROVERS,)),
        MessageKind("proposal_returned", _("A proposal was returned"), (PROPOSER,)),
        MessageKind("case_assigned", _("A case was assigned to you"), (NEW_ASSIGNEE,)),
        MessageKind("designation_changed", _("A designation changed"), (ADMINS,)),
        # after designation (gpai_cases.obligations): on the designation's case ...
        MessageKind("model_report_received", _("A model report was filed"), (ASSIGNEE,)),
        MessageKind("incident_reported", _("A serious incident was reported"), (MAILBOX, ASSIGNEE)),
        MessageKind(
            "incident_update_received",
            _("A report on a serious incident was filed"),
            (MAILBOX, ASSIGNEE),
        ),
        MessageKind(
            "incident_dates_changed",
            _("The due date of a serious incident's report changed"),
            (PROVIDER,),
            True,
        ),
        # ... and a provider's own, which belong to no case (obligations.audit)
        MessageKind(
            "framework_received", _("A safety and security framework was filed"), (MAILBOX,)
        ),
        MessageKind("framework_acknowledged", _("A framework was acknowledged"), (PROVIDER,)),
        MessageKind(
            "framework_changes_requested",
            _("Changes to a framework were requested"),
            (PROVIDER,),
            True,
        ),
        MessageKind(
            "code_of_practice_recorded", _("A Code of Practice status was recorded"), (PROVIDER,)
        ),
    ]
}


def _kind_of(event: CaseEvent) -> str | None:
    """The kind of message an event calls for, or None when nobody else must know of it."""
    p = event.payload or {}
    match event.action:
        case Action.INFORMATION_REQUESTED:
            return "hearing_sent" if p.get("kind") == RequestKind.HEARING else "request_sent"
        case Action.SUBMITTED:
            kind = event.case.kind
            return "reassessment_requested" if kind == "reassessment" else "notification_received"
        case Action.CLAIM_FILED | Action.DOCUMENT_UPLOADED:
            return "supplementary_received" if p.get("supplementary") else None
        case Action.DATES_RECOMPUTED:
            # of an incident's dates, the provider is told of the next report it owes
            moved = p.get("incident") and str(p.get("field", "")).endswith("next_due")
            return "incident_dates_changed" if moved else None
    return {
        Action.DUE_DATE_EXTENDED: "request_extended",
        Action.EXTENSION_REFUSED: "extension_refused",
        Action.REQUEST_WITHDRAWN: "request_withdrawn",
        Action.REQUEST_LAPSED: "request_lapsed",
        Action.DECISION_APPROVED: "decision_approved",
        Action.LETTER_ISSUED: "letter_ready",
        Action.OPENED_EX_OFFICIO: "ex_officio_opened",
        Action.REASSESSMENT_OPENED: "reassessment_opened",
        Action.INFORMATION_PROVIDED: "answer_received",
        Action.EXTENSION_REQUESTED: "extension_requested",
        Action.NOTIFICATION_CORRECTED: "correction_received",
        Action.DECISION_PROPOSED: "decision_proposed",
        Action.DECISION_RETURNED: "proposal_returned",
        Action.ASSIGNED: "case_assigned",
        Action.DESIGNATION_CHANGED: "designation_changed",
        Action.MODEL_REPORT_FILED: "model_report_received",
        Action.INCIDENT_REPORTED: "incident_reported",
        Action.INCIDENT_REPORT_FILED: "incident_update_received",
    }.get(event.action)


@dataclass(frozen=True)
class Recipient:
    user: Any  # None for the caseworkers' mailbox
    email: str
    provider_side: bool


def _people(event: CaseEvent, audience: str) -> list[Recipient]:
    from gpai_cases.accounts.models import User

    case = event.case
    if audience == PROVIDER:
        members = Membership.objects.filter(
            provider_id=case.model.provider_id, user__is_active=True
        ).select_related("user")
        return [Recipient(m.user, m.user.email, True) for m in members]
    if audience == ASSIGNEE:
        if case.assignee_id and case.assignee.is_active:
            return [Recipient(case.assignee, case.assignee.email, False)]
        return [Recipient(None, settings.GPAI_CASEWORKER_MAILBOX, False)]
    if audience == MAILBOX:
        return [Recipient(None, settings.GPAI_CASEWORKER_MAILBOX, False)]
    if audience == NEW_ASSIGNEE:
        assignee = User.objects.filter(pk=event.payload.get("assignee"), is_active=True).first()
        return [Recipient(assignee, assignee.email, False)] if assignee else []
    if audience == PROPOSER:
        decision = case.decisions.filter(status="returned").order_by("-proposed_at").first()
        proposer = decision.proposed_by if decision else None
        return [Recipient(proposer, proposer.email, False)] if proposer else []
    role = Role.APPROVER if audience == APPROVERS else Role.ADMIN
    return [Recipient(u, u.email, False) for u in User.objects.filter(role=role, is_active=True)]


def recipients(event: Any, kind: MessageKind) -> list[Recipient]:
    """Who must know: never the person who acted, each once."""
    people = _obligation_people if isinstance(event, ObligationEvent) else _people
    seen, found = set(), []
    for audience in kind.audiences:
        for r in people(event, audience):
            key = r.user.pk if r.user else r.email
            if key in seen or (r.user is not None and r.user.pk == event.actor_id):
                continue
            seen.add(key)
            found.append(r)
    return found


def _request_of(event: CaseEvent) -> InformationRequest | None:
    pk = (event.payload or {}).get("request")
    return InformationRequest.objects.filter(pk=pk).first() if pk else None


def _letter_label(event: CaseEvent) -> str:
    kind = (event.payload or {}).get("kind", "") if event.action == Action.LETTER_ISSUED else ""
    return str(LetterKind(kind).label) if kind in LetterKind.values else ""


def _incident_of(event: CaseEvent) -> SeriousIncident | None:
    pk = (event.payload or {}).get("incident")
    return SeriousIncident.objects.filter(pk=pk).select_related("kind").first() if pk else None


def _link(event: CaseEvent, kind: MessageKind, recipient: Recipient) -> str:
    case = event.case
    if kind.code == "designation_changed":
        return reverse("register:publish")
    if (event.payload or {}).get("incident"):
        door = "portal" if recipient.provider_side else "workspace"
        return reverse(f"{door}:incident", args=[event.payload["incident"]])
    if kind.code == "model_report_received":
        return reverse("workspace:model", args=[case.model_id])
    if recipient.provider_side:
        request = _request_of(event)
        if request is not None and request.status == "open":
            return reverse("portal:respond", args=[case.reference, request.pk])
        return reverse("portal:case", args=[case.reference])
    return reverse("workspace:case", args=[case.reference])


def _content(event: CaseEvent, kind: MessageKind, recipient: Recipient) -> dict[str, Any]:
    request = _request_of(event)
    due = request.due_date if request is not None and request.status == "open" else None
    rule = request.due_rule if due else ""
    incident = _incident_of(event)
    if incident is not None and incident.next_due and recipient.provider_side:
        due, rule = incident.next_due, incident.next_due_rule
    context = {
        "event": event,
        "case": event.case,
        "payload": event.payload or {},
        "request": request,
        "provider_side": recipient.provider_side,
        "due_words": deadlines.due_in_words(due, event.at.date()) if due else "",
        "rule": rule,
        "letter_kind": _letter_label(event),
        "incident": incident,
    }
    return _rendered(kind, context, due)


def _rendered(kind: MessageKind, context: dict[str, Any], due: Any) -> dict[str, Any]:
    """The subject (first line of the template), body and due date of a message."""
    subject, _, body = render_to_string(f"reminders/messages/{kind.code}.txt", context).partition(
        "\n"
    )
    return {
        "subject": " ".join(subject.split())[:300],
        "body": body.strip(),
        "due_date": due,
        "due_rule": context["rule"],
    }


def email_state(kind: MessageKind, user: Any, preferences: dict[tuple[int, str], str]) -> str:
    """Legal time limits are always e-mailed at once; otherwise the person's choice."""
    if kind.legal or user is None:
        return EmailState.PENDING
    channel = preferences.get((user.pk, kind.code), Channel.IMMEDIATE)
    return {
        Channel.IMMEDIATE: EmailState.PENDING,
        Channel.DIGEST: EmailState.DIGEST,
        Channel.INBOX: EmailState.NONE,
    }[channel]


def on_event(sender: Any, event: CaseEvent, **kwargs: Any) -> None:
    """Record the messages an event calls for (in its transaction); e-mail them after commit."""
    code = _kind_of(event)
    if code is None:
        return
    kind = KINDS[code]
    _store(
        kind,
        recipients(event, kind),
        lambda r: {
            "case": event.case,
            "event": event,
            "link": _link(event, kind, r),
            **_content(event, kind, r),
        },
    )


def _in_language_of(recipient: Recipient, build: Any) -> dict[str, Any]:
    """A message is written in its reader's language (their account's; the mailbox's default)."""
    with translation.override(language_of(recipient.user)):
        return build(recipient)


def _store(kind: MessageKind, people: list[Recipient], build: Any) -> None:
    """One inbox message per recipient, in the event's transaction; e-mailed after the commit."""
    code = kind.code
    if not people:
        return
    prefs = dict(
        ((p.user_id, p.kind), p.channel)
        for p in MessagePreference.objects.filter(
            kind=code, user_id__in=[r.user.pk for r in people if r.user]
        )
    )
    messages = InboxMessage.objects.bulk_create(
        InboxMessage(
            user=r.user,
            email_to="" if r.user else r.email,
            kind=code,
            email_state=email_state(kind, r.user, prefs),
            **_in_language_of(r, build),
        )
        for r in people
    )
    pending = [m.pk for m in messages if m.email_state == EmailState.PENDING]
    if pending:
        transaction.on_commit(functools.partial(_queue_delivery, pending))


# ---- a provider's obligations that belong to no case (gpai_cases.obligations.audit) ---------------

OBLIGATION_KINDS = {
    ObligationAction.FRAMEWORK_FILED: "framework_received",
    ObligationAction.FRAMEWORK_ACKNOWLEDGED: "framework_acknowledged",
    ObligationAction.FRAMEWORK_CHANGES_REQUESTED: "framework_changes_requested",
    ObligationAction.CODE_OF_PRACTICE_RECORDED: "code_of_practice_recorded",
}


def _obligation_people(event: ObligationEvent, audience: str) -> list[Recipient]:
    if audience == PROVIDER and event.provider_id:
        members = Membership.objects.filter(
            provider_id=event.provider_id, user__is_active=True
        ).select_related("user")
        return [Recipient(m.user, m.user.email, True) for m in members]
    if audience == MAILBOX:
        return [Recipient(None, settings.GPAI_CASEWORKER_MAILBOX, False)]
    return []


def _obligation_content(event: ObligationEvent, kind: MessageKind) -> dict[str, Any]:
    p = event.payload or {}
    review = (
        FrameworkReview.objects.filter(pk=p["review"]).select_related("version").first()
        if p.get("review")
        else None
    )
    due = review.due_date if review is not None and review.status == "open" else None
    context = {
        "event": event,
        "provider": event.provider,
        "payload": p,
        "review": review,
        "chapter": dict(Chapter.choices).get(p.get("chapter"), ""),
        "due_words": deadlines.due_in_words(due, event.at.date()) if due else "",
        "rule": review.due_rule if due else "",
    }
    return _rendered(kind, context, due)


def on_obligation_event(sender: Any, event: ObligationEvent, **kwargs: Any) -> None:
    """Record the messages a provider's framework or Code of Practice event calls for."""
    code = OBLIGATION_KINDS.get(event.action)
    if code is None:
        return
    kind = KINDS[code]
    _store(
        kind,
        recipients(event, kind),
        lambda r: {
            "obligation_event": event,
            "link": reverse("portal:obligations")
            if r.provider_side
            else reverse("workspace:provider", args=[event.provider_id]),
            **_obligation_content(event, kind),
        },
    )


def _queue_delivery(ids: list[int]) -> None:
    from .tasks import deliver_messages

    # broker down: the messages stay pending and the periodic sweep sends them once it is back
    queue_or(deliver_messages, ids, what=f"e-mailing {len(ids)} messages (left for the sweep)")


def kind_choices() -> list[MessageKind]:
    """The kinds a person may choose for, legal ones last (they cannot be switched off)."""
    return sorted(KINDS.values(), key=lambda k: (k.legal, k.label))
