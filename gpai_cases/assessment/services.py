"""Saving the assessment scorecard (caseworkers, while the case is under assessment)."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import formats
from django.utils.translation import gettext

from gpai_cases.cases import access, facts
from gpai_cases.cases.audit import Action, record
from gpai_cases.cases.models import Case
from gpai_cases.core.errors import refuse_if
from gpai_cases.providers.compute import format_flop

from .models import CRITERIA, RISKS, Scorecard
from .rules import scorecard_blockers

__all__ = ["provider_figures", "scorecard_save"]


def provider_figures(case: Case) -> dict[str, str]:
    """What the provider declared, per Annex XIII criterion: for a submitted notification the
    figures as filed (docs/rules.md § facts-as-filed) and the compute as notified (or as
    corrected by a dated correction); the model's current figures otherwise."""
    f = facts.case_facts(case)
    n = getattr(case, "notification", None) if case.kind == "notification" else None
    compute = n.compute_flop if n and n.compute_flop else f.value("training_compute_flop")
    parameters, tokens = f.value("parameter_count"), f.value("training_tokens")
    users, end_users = f.value("eu_business_users"), f.value("eu_end_users")
    none = gettext("not declared")
    business = ""
    if users is not None:
        number = formats.number_format(users, force_grouping=True)
        business = (
            gettext("%(number)s registered EU business users — presumption applies")
            if users >= 10_000
            else gettext("%(number)s registered EU business users")
        ) % {"number": number}
    end = (
        gettext("%(number)s registered EU end users")
        % {"number": formats.number_format(end_users, force_grouping=True)}
        if end_users is not None
        else none
    )
    return {
        "a": format_flop(parameters) if parameters else none,
        "b": gettext("%(number)s tokens") % {"number": format_flop(tokens)} if tokens else none,
        "c": f"{format_flop(compute)} FLOP" if compute else none,
        "d": f.shown("modalities") if f.value("modalities") else none,
        "e": gettext("see the evidence filed"),
        "f": business or none,
        "g": end,
    }


def scorecard_save(
    *,
    actor: Any,
    case: Case,
    criteria: dict[str, dict[str, str]],
    risks: dict[str, dict[str, Any]],
    evaluator: str = "",
    evaluation_method: str = "",
    evaluation_result: str = "",
    evaluation_report: Any = None,
) -> Scorecard:
    access.require(access.may_assess, actor, case)
    refuse_if(scorecard_blockers(case, criteria=criteria, evaluation_report=evaluation_report))
    clean_criteria = {}
    for key, _label in CRITERIA:
        row = criteria.get(key, {})
        rating = row.get("rating", "")
        clean_criteria[key] = {
            "provider_figure": str(row.get("provider_figure", ""))[:500],
            "finding": str(row.get("finding", ""))[:5000],
            "rating": rating,
            "note": str(row.get("note", ""))[:5000],
        }
    clean_risks = {
        key: {
            "relevant": bool(risks.get(key, {}).get("relevant")),
            "note": str(risks.get(key, {}).get("note", ""))[:5000],
        }
        for key, _ in RISKS
    }
    with transaction.atomic():
        Case.objects.select_for_update().filter(pk=case.pk).first()
        version = (Scorecard.objects.filter(case=case).aggregate(m=Max("version"))["m"] or 0) + 1
        scorecard = Scorecard.objects.create(
            case=case,
            version=version,
            saved_by=actor,
            criteria=clean_criteria,
            risks=clean_risks,
            evaluator=evaluator.strip()[:300],
            evaluation_method=evaluation_method.strip(),
            evaluation_result=evaluation_result.strip(),
            evaluation_report=evaluation_report,
        )
        record(
            case=case,
            actor=actor,
            action=Action.ASSESSMENT_SAVED,
            payload={"scorecard": scorecard.pk, "version": version},
        )
    return scorecard
