"""The reminder sweep: one indexed query per kind picks the cases whose date has reached a stage
that has not been reminded yet (the database computes the stage and checks the reminders sent);
each new reminder is recorded under a unique constraint before anything is sent, so concurrent or
repeated sweeps send it once.

Stages reached late (beat was down) are caught up: the most urgent stage reached is sent.
Reminders are recorded, written to the audit trail and put in the inboxes in batches; their
words are written from a pattern per kind, stage and language (``writing``), in each reader's
language; their e-mails are handed to a worker once each batch commits (``delivery``).
"""

from __future__ import annotations

import datetime
import math
from collections import defaultdict
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Case as Case_
from django.db.models import CharField, OuterRef, Q, Value, When
from django.utils import timezone

from gpai_cases.cases import deadlines
from gpai_cases.cases.audit import Action, record_many
from gpai_cases.cases.models import (
    Case,
    ClockStop,
    InformationRequest,
    Notification,
    RequestStatus,
    State,
)
from gpai_cases.providers.models import Membership

from . import delivery
from .due_designations import due_model_reports, due_reassessment_dates
from .dues import (
    ASSIGNEE,
    BOTH,
    CASEWORKERS,
    PROVIDER,
    Due,
    date_words,
    day_long,
    due_words,
    kind_words,
    not_sent,
)
from .models import InboxMessage, Reminder, ReminderKind
from .writing import Writer, by_language

__all__ = ["BATCH", "FINDERS", "Due", "due_model_reports", "due_reassessment_dates", "sweep"]


def _notification_stage(days_left: int) -> str | None:
    if days_left < 0:
        return "overdue"
    if days_left == 0:
        return "due-0"
    if days_left <= 2:
        return "due-2"
    if days_left <= 7:
        return "due-7"
    return None


def _request_stage(days_left: int) -> str | None:
    if days_left < 0:
        return "overdue"
    if days_left == 0:
        return "due-0"
    if days_left <= 3:
        return "due-3"
    return None


def _stage_in_sql(date_field: str, today: datetime.date, stages: list[tuple[int, str]]) -> Case_:
    """The current stage of a due date, computed by the database (mirrors the functions above)."""
    whens = [When(**{f"{date_field}__lt": today}, then=Value("overdue"))]
    whens.append(When(**{date_field: today}, then=Value("due-0")))
    whens += [
        When(**{f"{date_field}__lte": today + datetime.timedelta(days=days)}, then=Value(stage))
        for days, stage in stages
    ]
    return Case_(*whens, default=Value(""), output_field=CharField())


CASE_FIELDS = (
    "id",
    "reference",
    "state",
    "kind",
    "assessment_started_on",
    "model__id",
    "model__name",
    "model__version",
    "model__provider__id",
    "model__provider__legal_name",
    "assignee__id",
    "assignee__email",
    "assignee__full_name",
    # read for every reader (the language of their message): deferred, it is a query per row
    "assignee__language",
)


def _case_fields(prefix: str = "") -> list[str]:
    return [prefix + name for name in CASE_FIELDS]


def due_notifications(today: datetime.date) -> list[Due]:
    rows = (
        Notification.objects.filter(
            case__state=State.DRAFT, notification_due__lte=today + datetime.timedelta(days=7)
        )
        # escalated as overdue and still overdue: the last stage was sent
        .filter(Q(case__overdue_escalated=False) | Q(notification_due__gte=today))
        .annotate(stage=_stage_in_sql("notification_due", today, [(2, "due-2"), (7, "due-7")]))
        .filter(not_sent(ReminderKind.NOTIFICATION_DUE, "case_id", 0, OuterRef("stage")))
        .select_related("case__model__provider", "case__assignee")
        .only("id", "notification_due", "notification_due_rule", *_case_fields("case__"))
    )
    return [
        Due(
            ReminderKind.NOTIFICATION_DUE,
            n.case,
            0,
            n.stage,
            CASEWORKERS if n.stage == "overdue" else PROVIDER,
            {
                "due_date": date_words(n.notification_due),
                "due_long": day_long(n.notification_due),
                "due_words": due_words(n.notification_due, today),
                "rule": n.notification_due_rule,
            },
        )
        for n in rows
        if n.stage == _notification_stage((n.notification_due - today).days)
    ]


def due_information_requests(today: datetime.date) -> list[Due]:
    rows = (
        InformationRequest.objects.filter(
            status=RequestStatus.OPEN, due_date__lte=today + datetime.timedelta(days=3)
        )
        .annotate(stage=_stage_in_sql("due_date", today, [(3, "due-3")]))
        .filter(
            not_sent(ReminderKind.INFORMATION_DUE, "case_id", OuterRef("pk"), OuterRef("stage"))
        )
        .select_related("case__model__provider", "case__assignee")
        .only("id", "kind", "sent_on", "due_date", "due_rule", "status", *_case_fields("case__"))
    )
    return [
        Due(
            ReminderKind.INFORMATION_DUE,
            r.case,
            r.pk,
            r.stage,
            CASEWORKERS if r.stage == "overdue" else PROVIDER,
            {
                "request_kind": kind_words(r.get_kind_display()),
                "sent_on": date_words(r.sent_on),
                "due_date": date_words(r.due_date),
                "due_long": day_long(r.due_date),
                "due_words": due_words(r.due_date, today),
                "rule": r.due_rule,
            },
        )
        for r in rows
        if r.stage == _request_stage((r.due_date - today).days)
    ]


def due_assessment_clocks(today: datetime.date) -> list[Due]:
    target = settings.GPAI_ASSESSMENT_TARGET_DAYS
    first = math.ceil(0.8 * target)
    # Elapsed days are an upper bound of days used (stops only subtract): an indexed pre-filter;
    # the database leaves out cases whose last stage was sent, and cases told of 80 % whose
    # elapsed days cannot have reached the target yet.
    candidates = (
        Case.objects.filter(
            state=State.UNDER_ASSESSMENT,
            assessment_started_on__lte=today - datetime.timedelta(days=first),
        )
        .filter(not_sent(ReminderKind.ASSESSMENT_CLOCK, "pk", 0, "100"))
        .filter(
            Q(assessment_started_on__lte=today - datetime.timedelta(days=target))
            | not_sent(ReminderKind.ASSESSMENT_CLOCK, "pk", 0, "80")
        )
        .order_by()
    )
    # the days used are computed here, from slim rows; only the cases due are loaded whole
    rows = list(candidates.values_list("pk", "assessment_started_on"))
    # the clock stops of all these cases in one plain query (no model instances, no prefetch)
    stops: dict[int, list[tuple[datetime.date, datetime.date | None]]] = defaultdict(list)
    for case_id, started_on, ended_on in ClockStop.objects.filter(
        case__in=candidates.values("pk")
    ).values_list("case_id", "started_on", "ended_on"):
        stops[case_id].append((started_on, ended_on))
    sent_80 = set(
        Reminder.objects.filter(
            kind=ReminderKind.ASSESSMENT_CLOCK, stage="80", case__in=candidates.values("pk")
        ).values_list("case_id", flat=True)
    )
    due: dict[int, tuple[str, int]] = {}
    for pk, started_on in rows:
        used = deadlines.assessment_days_used(started_on, today, stops.get(pk, ()))
        stage = "100" if used >= target else "80" if used >= first else None
        if stage and not (stage == "80" and pk in sent_80):
            due[pk] = (stage, used)
    cases = (
        Case.objects.filter(pk__in=list(due))
        .select_related("model__provider", "assignee")
        .only(*_case_fields())
        .order_by("pk")
    )
    return [
        Due(
            ReminderKind.ASSESSMENT_CLOCK,
            case,
            0,
            due[case.pk][0],
            ASSIGNEE,
            {"used": due[case.pk][1], "target": target},
        )
        for case in cases
    ]


FINDERS = (
    due_notifications,
    due_information_requests,
    due_assessment_clocks,
    due_reassessment_dates,
    due_model_reports,
)


def _recipients(dues: list[Due]) -> dict[int, list[Any]]:
    provider_ids = {d.case.model.provider_id for d in dues if d.audience in (PROVIDER, BOTH)}
    members: dict[int, list[Any]] = defaultdict(list)
    for m in (
        Membership.objects.filter(provider_id__in=provider_ids, user__is_active=True)
        .select_related("user")
        .only("provider_id", "user__id", "user__email", "user__language")
    ):
        members[m.provider_id].append(m.user)
    return members


#: Reminders sent per transaction: one INSERT claims them, one writes their audit entries, one
#: their inbox messages, and their e-mails leave over one connection once it commits.
BATCH = 500
#: After a sweep that sent this many, the reminders table's statistics are refreshed.
ANALYZE_AFTER = 5_000


def _audience(due: Due, members: dict[int, list[Any]]) -> tuple[list[Any], list[str]]:
    """Who gets the reminder in the app, and to which addresses it is e-mailed."""
    if due.audience == PROVIDER:
        users = members.get(due.case.model.provider_id, [])
        return users, [u.email for u in users]
    if due.audience == ASSIGNEE and due.case.assignee is not None:
        return [due.case.assignee], [due.case.assignee.email]
    if due.audience == BOTH:
        users = members.get(due.case.model.provider_id, [])
        return users, [u.email for u in users] + [settings.GPAI_CASEWORKER_MAILBOX]
    users = [due.case.assignee] if due.case.assignee else []
    return users, [settings.GPAI_CASEWORKER_MAILBOX] + [u.email for u in users]


def _claim(planned: list[tuple[Due, list[Any], list[str]]]) -> set[tuple[str, int, int, str]]:
    """Record the reminders as sent; returns the keys this call recorded. A key recorded before
    (a rerun) or by a concurrent sweep is skipped by the database (the unique constraint), so
    each reminder is claimed, and sent, once."""
    if not planned:
        return set()
    meta = Reminder._meta
    fields = [
        meta.get_field(n) for n in ("kind", "case", "ref_id", "stage", "sent_at", "recipients")
    ]
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    now = timezone.now()
    rows = [
        [f.get_db_prep_save(v, connection) for f, v in zip(fields, values, strict=True)]
        for values in (
            (due.kind, due.case.pk, due.ref_id, due.stage, now, emails)
            for due, _users, emails in planned
        )
    ]
    if connection.vendor == "postgresql":
        # one array a column: a short statement, however many rows (as Django's bulk_create);
        # the types are the model's columns' own
        arrays = ", ".join(f"%s::{f.db_type(connection).split('(')[0]}[]" for f in fields)
        source = f"SELECT * FROM UNNEST({arrays})"  # noqa: S608  # nosec B608
        params = [list(column) for column in zip(*rows, strict=True)]
    else:
        row = "(" + ", ".join(["%s"] * len(fields)) + ")"
        source, params = "VALUES " + ", ".join([row] * len(rows)), [v for r in rows for v in r]
    unique = ", ".join(
        connection.ops.quote_name(meta.get_field(n).column)
        for n in ("kind", "case", "ref_id", "stage")
    )
    # names come from the model and are quoted; every value is a bound parameter
    sql = (
        f"INSERT INTO {connection.ops.quote_name(meta.db_table)} ({columns}) {source} "  # nosec B608
        f"ON CONFLICT ({unique}) DO NOTHING RETURNING {unique}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return {(k, int(c), int(r), st) for k, c, r, st in cursor.fetchall()}


def _send_batch(dues: list[Due], members: dict[int, list[Any]], writer: Writer) -> int:
    planned = [(due, *_audience(due, members)) for due in dues]
    with transaction.atomic():
        claimed = _claim(planned)
        fresh = [p for p in planned if p[0].key in claimed]
        if not fresh:
            return 0
        escalated = [
            due.case.pk
            for due, _u, _e in fresh
            if due.kind == ReminderKind.NOTIFICATION_DUE and due.stage == "overdue"
        ]
        if escalated:
            Case.objects.filter(pk__in=escalated).update(overdue_escalated=True)
        record_many(
            [
                {
                    "case": due.case,
                    "actor": None,
                    "action": Action.REMINDER_SENT,
                    "payload": {"kind": due.kind, "stage": due.stage, "ref": due.ref_id},
                }
                for due, _u, _e in fresh
            ]
        )
        inbox, emails = [], []
        for due, users, addresses in fresh:
            for language, readers, to in by_language(users, addresses):
                subject, text = writer.write(due, language)
                inbox += [
                    InboxMessage(user=u, case=due.case, subject=subject, body=text) for u in readers
                ]
                if to:
                    emails.append(
                        delivery.message(
                            subject=subject,
                            text=text,
                            reference=due.case.reference,
                            to=to,
                            language=language,
                        )
                    )
        InboxMessage.objects.bulk_create(inbox, batch_size=BATCH)
        # e-mailed by a worker once this commits (the inbox has them already)
        transaction.on_commit(lambda: delivery.hand_over(emails))
    return len(fresh)


def sweep(today: datetime.date | None = None) -> int:
    """Send every reminder that is due and not yet sent. Returns how many were sent."""
    today = today or timezone.localdate()
    dues = [d for finder in FINDERS for d in finder(today)]
    members = _recipients(dues)
    writer = Writer(today)
    sent = sum(
        _send_batch(dues[i : i + BATCH], members, writer) for i in range(0, len(dues), BATCH)
    )
    if sent >= ANALYZE_AFTER and connection.vendor == "postgresql":
        # A catch-up wrote many reminders at once. Until autovacuum analyses the table, the
        # planner believes it nearly empty and turns the finders' "not sent yet" into slow
        # nested loops (seen: 0.3 s became 5 s); refresh its statistics now.
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(Reminder._meta.db_table)}")
    return sent
