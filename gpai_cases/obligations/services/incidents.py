"""Serious incidents of designated models: the initial report (due from the day the provider
became aware, by the kind of harm), intermediate reports while unresolved, the final report; late
reports flagged; the dates follow the data (docs/rules.md § serious-incidents)."""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction
from django.db.models import Max

from gpai_cases.cases import audit
from gpai_cases.cases.audit import Action
from gpai_cases.cases.models import Designation

from .. import access, dates, rules
from ..models import IncidentKind, IncidentReport, IncidentStage, SeriousIncident
from .base import checked_upload, holidays_around, refuse_if, refused_on_conflict, store_file, today
from .periods import incident_kinds

__all__ = ["incident_dates_recompute", "incident_report", "incident_update"]


def _kind(kind: Any) -> IncidentKind | None:
    if isinstance(kind, IncidentKind):
        return kind
    incident_kinds()  # seeds the kinds again if a database flush left none
    return IncidentKind.objects.filter(code=str(kind or "")).first()


def _initial_due(incident: SeriousIncident) -> dates.ComputedDate:
    kind = incident.kind
    return dates.incident_initial_due(
        incident.aware_on,
        days=kind.initial_days,
        kind=kind.label,
        citation=kind.citation,
        holidays=holidays_around(incident.aware_on),
    )


def _next_due(incident: SeriousIncident) -> tuple[Any, str]:
    last = incident.reports.aggregate(d=Max("filed_on"))["d"] or incident.reported_on
    start = incident.resolved_on or last
    return dates.incident_next_due(
        last_report_on=last,
        resolved_on=incident.resolved_on,
        closed=incident.closed_on is not None,
        intermediate_days=incident.kind.intermediate_days,
        final_days=incident.kind.final_days,
        citation=incident.kind.citation,
        holidays=holidays_around(start),
    )


def _store_next_due(incident: SeriousIncident) -> None:
    due, stage = _next_due(incident)
    incident.next_due = due.value if due else None
    incident.next_due_rule = due.rule if due else ""
    incident.next_due_stage = stage
    incident.save(update_fields=["next_due", "next_due_rule", "next_due_stage"])


def _attach(actor: Any, provider: Any, uploaded_file: Any, checked: tuple | None) -> Any:
    if checked is None:
        return None
    return store_file(actor=actor, provider=provider, uploaded_file=uploaded_file, checked=checked)


def incident_report(
    *,
    actor: Any,
    designation: Designation,
    kind: Any,
    title: str,
    aware_on: datetime.date | None,
    what_happened: str,
    corrective_measures: str,
    resolved_on: datetime.date | None = None,
    uploaded_file: Any = None,
) -> SeriousIncident:
    """Report a serious incident (its initial report): accepted whenever it comes, flagged late
    after the kind's period from the day the provider became aware."""
    access.require(access.may_report_incident, actor, designation)
    kind = _kind(kind)
    day = today()
    refuse_if(
        rules.incident_report_blockers(
            designation,
            kind=kind,
            kind_given=True,
            title=title,
            aware_on=aware_on,
            what_happened=what_happened,
            corrective_measures=corrective_measures,
            resolved_on=resolved_on,
            today=day,
        )
    )
    checked = checked_upload(uploaded_file) if uploaded_file is not None else None
    with refused_on_conflict("Someone filed a report at the same moment; reload the page."):
        designation = (
            Designation.objects.select_for_update(of=("self",))
            .select_related("model__provider", "case")
            .get(pk=designation.pk)
        )
        refuse_if(rules.designation_blockers(designation))
        incident = SeriousIncident(
            designation=designation,
            case=designation.case,
            model=designation.model,
            kind=kind,
            title=title.strip(),
            aware_on=aware_on,
            reported_on=day,
            resolved_on=resolved_on,
            reported_by=actor,
        )
        initial = _initial_due(incident)
        incident.initial_due, incident.initial_due_rule = initial.value, initial.rule
        incident.initial_late = day > initial.value
        incident.save()
        report = IncidentReport.objects.create(
            incident=incident,
            case=designation.case,
            number=1,
            stage=IncidentStage.INITIAL,
            what_happened=what_happened.strip(),
            corrective_measures=corrective_measures.strip(),
            resolved_on=resolved_on,
            file=_attach(actor, designation.model.provider, uploaded_file, checked),
            filed_on=day,
            filed_by=actor,
            due_date=initial.value,
            due_rule=initial.rule,
        )
        _store_next_due(incident)
        audit.record(
            case=designation.case,
            actor=actor,
            action=Action.INCIDENT_REPORTED,
            payload={
                "incident": incident.pk,
                "report": report.pk,
                "kind": kind.code,
                "due_date": initial.value.isoformat(),
                "late": incident.initial_late,
            },
        )
    return incident


def incident_update(
    *,
    actor: Any,
    incident: SeriousIncident,
    what_happened: str,
    corrective_measures: str,
    resolved_on: datetime.date | None = None,
    final: bool = False,
    uploaded_file: Any = None,
) -> IncidentReport:
    """An intermediate report, or the final report (which gives, or has, the date the incident
    was resolved, and closes it)."""
    access.require(access.may_file_incident_report, actor, incident)
    day = today()
    refuse_if(
        rules.incident_update_blockers(
            incident,
            final=final,
            what_happened=what_happened,
            corrective_measures=corrective_measures,
            resolved_on=resolved_on,
            today=day,
        )
    )
    checked = checked_upload(uploaded_file) if uploaded_file is not None else None
    with refused_on_conflict("Someone filed a report at the same moment; reload the page."):
        incident = (
            SeriousIncident.objects.select_for_update(of=("self",))
            .select_related("kind", "designation", "model__provider", "case")
            .get(pk=incident.pk)
        )
        refuse_if(rules.incident_update_blockers(incident, final=final, resolved_on=resolved_on))
        if resolved_on is not None:
            incident.resolved_on = resolved_on
        stage = IncidentStage.FINAL if final else IncidentStage.INTERMEDIATE
        due, due_stage = _next_due(incident)
        answered = due if due is not None and due_stage == stage else None
        number = incident.reports.count() + 1
        report = IncidentReport.objects.create(
            incident=incident,
            case=incident.case,
            number=number,
            stage=stage,
            what_happened=what_happened.strip(),
            corrective_measures=corrective_measures.strip(),
            resolved_on=resolved_on,
            file=_attach(actor, incident.model.provider, uploaded_file, checked),
            filed_on=day,
            filed_by=actor,
            due_date=answered.value if answered else None,
            due_rule=answered.rule if answered else "",
        )
        if final:
            incident.closed_on = day
        incident.save(update_fields=["resolved_on", "closed_on"])
        _store_next_due(incident)
        audit.record(
            case=incident.case,
            actor=actor,
            action=Action.INCIDENT_REPORT_FILED,
            payload={
                "incident": incident.pk,
                "report": report.pk,
                "stage": stage,
                "late": report.late,
            },
        )
    return report


def _recorded(incident: SeriousIncident, field: str, old: Any, new: Any, reason: str) -> None:
    audit.record(
        case=incident.case,
        actor=None,
        action=Action.DATES_RECOMPUTED,
        payload={
            "field": f"serious incident {incident.pk} {field}",
            "old": str(old),
            "new": str(new),
            "reason": reason,
            "incident": incident.pk,
        },
    )


def incident_dates_recompute(*, reason: str, kinds: list[str] | None = None) -> int:
    """Recompute the due dates (and the late flag of the initial report) of every open incident
    (of ``kinds``), after a change of a kind's period or of the holiday calendar. Each change is
    audited on the incident's case. Returns how many incidents changed."""
    incidents = SeriousIncident.objects.filter(closed_on__isnull=True).select_related(
        "kind", "case"
    )
    if kinds is not None:
        incidents = incidents.filter(kind__in=kinds)
    changed = 0
    with transaction.atomic():
        for incident in incidents.select_for_update(of=("self",)):
            before = (incident.initial_due, incident.initial_late, incident.next_due)
            initial = _initial_due(incident)
            if (initial.value, initial.rule) != (incident.initial_due, incident.initial_due_rule):
                if initial.value != incident.initial_due:
                    _recorded(incident, "initial_due", incident.initial_due, initial.value, reason)
                incident.initial_due, incident.initial_due_rule = initial.value, initial.rule
            late = incident.reported_on > incident.initial_due
            if late != incident.initial_late:
                audit.record(
                    case=incident.case,
                    actor=None,
                    action=Action.LATE_FLAG_CHANGED,
                    payload={
                        "old": incident.initial_late,
                        "new": late,
                        "reason": reason,
                        "incident": incident.pk,
                    },
                )
                incident.initial_late = late
            incident.save(update_fields=["initial_due", "initial_due_rule", "initial_late"])
            old_next = incident.next_due
            _store_next_due(incident)
            if incident.next_due != old_next:
                _recorded(incident, "next_due", old_next, incident.next_due, reason)
            if before != (incident.initial_due, incident.initial_late, incident.next_due):
                changed += 1
    return changed
