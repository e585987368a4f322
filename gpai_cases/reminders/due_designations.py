"""The sweep's finders over designations: the reassessment a provider may now ask for, and the
model reports missing or overdue (docs/rules.md § model-reports)."""

from __future__ import annotations

import datetime

from django.db.models import DateField, Exists, F, IntegerField, OuterRef, Q, Subquery, Value

from gpai_cases.cases import deadlines
from gpai_cases.cases.calendar import holidays_around
from gpai_cases.cases.models import Designation
from gpai_cases.obligations import dates as obligation_dates
from gpai_cases.obligations.models import ModelReport
from gpai_cases.obligations.services.periods import MODEL_REPORT_FIRST, MODEL_REPORT_UPDATE, periods

from .dues import BOTH, PROVIDER, Due, day_long, due_words, not_sent
from .models import Reminder, ReminderKind


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
                "earliest_long": day_long(d.reassessment_earliest),
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
    # A first report falls due no sooner than the period's fewest days after the decision (the
    # end of a period for acting only moves later) or, for a model placed on the market after the
    # decision, the day before that day: only these may be past due, so only these are loaded
    # (most designations of a day are not; the exact day is computed below).
    earliest = today - datetime.timedelta(days=obligation_dates.fewest_days(first.as_kwargs))
    first_may_be_due = Q(
        model__eu_market_date__gt=F("decided_on"), model__eu_market_date__lte=today
    ) | Q(decided_on__lt=earliest) & (
        Q(model__eu_market_date__isnull=True) | Q(model__eu_market_date__lte=F("decided_on"))
    )
    reports = ModelReport.objects.filter(model=OuterRef("model_id"))
    last = reports.order_by("-version")
    kind = ReminderKind.MODEL_REPORT
    in_force = Designation.objects.filter(ended_on__isnull=True).select_related(
        "case__model__provider", "case__assignee", "model"
    )
    # two queries, each of which the database answers with a join rather than two subqueries
    # per designation in force: no report yet (and the first may be past due) ...
    missing = (
        in_force.filter(~Exists(reports), first_may_be_due)
        .filter(not_sent(kind, "case_id", OuterRef("pk"), "missing"))
        .annotate(last_id=Value(None, IntegerField()), last_on=Value(None, DateField()))
    )
    # ... or a last report no newer than the update period (one filed by then, at least)
    overdue = (
        in_force.filter(Exists(reports.filter(filed_on__lte=cutoff)))
        .annotate(
            last_id=Subquery(last.values("pk")[:1]), last_on=Subquery(last.values("filed_on")[:1])
        )
        .filter(last_on__lte=cutoff)
        .filter(not_sent(kind, "case_id", OuterRef("last_id"), "update-overdue"))
    )
    # the ids first, without the records a reminder shows: the database then joins those only for
    # the few designations found (joined before the filters, they cost a scan of every case)
    rows = [
        record
        for query in (missing, overdue)
        if (ids := list(query.values_list("pk", flat=True)))
        for record in query.filter(pk__in=ids)
    ]
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
                "due_long": day_long(due.value),
                "due_words": due_words(due.value, today),
                "rule": due.rule,
            }
            found.append(Due(kind, d.case, ref, stage, BOTH, context))
    return found
