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
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Case as Case_
from django.db.models import CharField, Exists, OuterRef, Q, Subquery, Value, When
from django.utils import timezone, translation
from django.utils.functional import lazy

from gpai_cases.cases import deadlines
from gpai_cases.cases.audit import Action, record_many
from gpai_cases.cases.calendar import holidays_around
from gpai_cases.cases.models import (
    Case,
    ClockStop,
    Designation,
    InformationRequest,
    Notification,
    RequestStatus,
    State,
)
from gpai_cases.obligations import dates as obligation_dates
from gpai_cases.obligations.models import ModelReport
from gpai_cases.obligations.services.periods import MODEL_REPORT_FIRST, MODEL_REPORT_UPDATE, periods
from gpai_cases.providers.models import Membership

from . import delivery
from .models import InboxMessage, Reminder, ReminderKind
from .writing import Writer, by_language


def _in_sentence(label: Any) -> str:
    """A kind's name inside a sentence: lower case, except in German (nouns keep their capital)."""
    text = str(label)
    return text if (translation.get_language() or "").startswith("de") else text.lower()


# The words of a day, written when the message is written, in its reader's language (the sweep
# itself runs in the default language): lazy, so that each reader's override applies.
_date = lazy(deadlines.format_date, str)
_day_long = lazy(deadlines.format_day_long, str)
_due_words = lazy(deadlines.due_in_words, str)
_kind_words = lazy(_in_sentence, str)

PROVIDER, CASEWORKERS, ASSIGNEE = "provider", "caseworkers", "assignee"
BOTH = "provider_and_caseworkers"


@dataclass
class Due:
    kind: str
    case: Case
    ref_id: int
    stage: str
    audience: str
    context: dict[str, Any] = field(default_factory=dict)

    @property
    def key(self) -> tuple[str, int, int, str]:
        return (self.kind, self.case.pk, self.ref_id, self.stage)


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


def _not_sent(kind: str, case_ref: str, ref: Any, stage: Any) -> Exists:
    return ~Exists(
        Reminder.objects.filter(kind=kind, case_id=OuterRef(case_ref), ref_id=ref, stage=stage)
    )


#: What a reminder needs of its case: tens of thousands of rows load fast when they are this slim.
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
        .filter(_not_sent(ReminderKind.NOTIFICATION_DUE, "case_id", 0, OuterRef("stage")))
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
                "due_date": _date(n.notification_due),
                "due_long": _day_long(n.notification_due),
                "due_words": _due_words(n.notification_due, today),
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
            _not_sent(ReminderKind.INFORMATION_DUE, "case_id", OuterRef("pk"), OuterRef("stage"))
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
                "request_kind": _kind_words(r.get_kind_display()),
                "sent_on": _date(r.sent_on),
                "due_date": _date(r.due_date),
                "due_long": _day_long(r.due_date),
                "due_words": _due_words(r.due_date, today),
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
        .filter(_not_sent(ReminderKind.ASSESSMENT_CLOCK, "pk", 0, "100"))
        .filter(
            Q(assessment_started_on__lte=today - datetime.timedelta(days=target))
            | _not_sent(ReminderKind.ASSESSMENT_CLOCK, "pk", 0, "80")
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


def due_reassessment_dates(today: datetime.date) -> list[Due]:
    rows = (
        Designation.objects.filter(ended_on__isnull=True, reassessment_earliest__lte=today)
        .filter(
            # announced once per decision: a reminder sent since the last decision counts
            ~Exists(
                Reminder.objects.filter(
                    kind=ReminderKind.REASSESSMENT_OPEN,
                    case_id=OuterRef("case_id"),
                    ref_id=OuterRef("pk"),
                    sent_at__date__gte=OuterRef("last_decision_on"),
                )
            )
        )
        .select_related("case__model__provider", "model")
    )
    return [
        Due(
            ReminderKind.REASSESSMENT_OPEN,
            d.case,
            d.pk,
            f"open-{d.reassessment_earliest:%Y%m%d}",
            PROVIDER,
            {
                "model": str(d.model),
                "earliest_long": _day_long(d.reassessment_earliest),
                "rule": d.reassessment_rule,
            },
        )
        for d in rows
    ]


def due_model_reports(today: datetime.date) -> list[Due]:
    """Designated models whose first model report is past due, or whose last report is older than
    the update period (docs/rules.md § model-reports): each told once — the first report once per
    designation, an update once per last report (``ref_id``)."""
    found = periods(MODEL_REPORT_FIRST, MODEL_REPORT_UPDATE)
    first, update = found[MODEL_REPORT_FIRST], found[MODEL_REPORT_UPDATE]
    cutoff = (
        deadlines.add_months(today, -update.amount)
        if update.unit == "months"
        else today - datetime.timedelta(days=update.amount)
    )
    last = ModelReport.objects.filter(model=OuterRef("model_id")).order_by("-version")
    kind = ReminderKind.MODEL_REPORT
    rows = (
        Designation.objects.filter(ended_on__isnull=True)
        .annotate(
            last_id=Subquery(last.values("pk")[:1]), last_on=Subquery(last.values("filed_on")[:1])
        )
        .filter(
            Q(last_id__isnull=True, decided_on__lt=today)
            & _not_sent(kind, "case_id", OuterRef("pk"), "missing")
            | Q(last_on__lte=cutoff)
            & _not_sent(kind, "case_id", OuterRef("last_id"), "update-overdue")
        )
        .select_related("case__model__provider", "case__assignee", "model")
    )
    rows = list(rows)
    holidays = holidays_around(today - datetime.timedelta(days=366), today) if rows else ()
    found = []
    for d in rows:
        if d.last_id is None:
            due = obligation_dates.first_model_report_due(
                d.decided_on,
                market_date=d.model.eu_market_date,
                period=first.as_kwargs,
                citation=first.citation,
                holidays=holidays,
            )
            ref, stage = d.pk, "missing"
        else:
            due = obligation_dates.model_report_update_due(
                d.last_on, period=update.as_kwargs, citation=update.citation, holidays=holidays
            )
            ref, stage = d.last_id, "update-overdue"
        if due.value < today:
            context = {
                "model": str(d.model),
                "due_long": _day_long(due.value),
                "due_words": _due_words(due.value, today),
                "rule": due.rule,
            }
            found.append(Due(kind, d.case, ref, stage, BOTH, context))
    return found


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
