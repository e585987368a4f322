"""The data the obligations start from, as code: the kinds of harm of serious incidents with
their periods, and the periods of model reports and requests for changes — each value with where
it comes from and what could be verified in the reference texts (../shared/reference). Migration
``obligations/0002`` loads it; :func:`ensure` loads what is missing (a database emptied by a test
flush), so that the sweep and the forms never find the data absent. Admins edit the rows; this
module is only the starting point."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_noop

# What the reference texts (../shared/reference) let us verify, said once.
VERIFIED = (
    "Verified in the reference texts: the Commission's opinion on the Code (recital (33)) says "
    "that Commitment 9 of the Safety and Security chapter sets out, in Measure 9.3, what "
    "'without undue delay' typically requires of reporting timelines for serious incidents "
    "(Art 55(1)(c) AI Act); the Code of Practice introduction says incidents are reported "
    "'according to severity and tight deadlines'."
)
NOT_VERIFIED = (
    "Not verified: neither reference text gives the kinds of harm nor any number of days; this "
    "value is the reading of Measure 9.3 given in issue 20. Check it against the text of the "
    "Code (Safety and Security chapter, July 2025) and correct it here if it differs."
)


def _initial(days, what):
    return f"{days} days for {what}: Measure 9.3 as read in issue 20. {VERIFIED} {NOT_VERIFIED}"


INTERMEDIATE = (
    "28 days (at least every four weeks after the last report while the incident is unresolved): "
    "our reading of Measure 9.3 (intermediate reports). " + VERIFIED + " " + NOT_VERIFIED
)
FINAL = (
    "60 days after the incident is resolved: our reading of Measure 9.3 (final report). "
    + VERIFIED
    + " "
    + NOT_VERIFIED
)
CITATION = "Code of Practice, Safety and Security chapter, Measure 9.3"

#: The kinds of harm as seeded; their labels are messages (gettext_noop), so that a label an admin
#: has not reworded is shown in the reader's language (IncidentKind.words).
KINDS = [
    (
        "critical_infrastructure",
        gettext_noop(
            "Serious and irreversible disruption of the management or operation of critical "
            "infrastructure"
        ),
        1,
        2,
        "a serious and irreversible disruption of critical infrastructure",
    ),
    (
        "cybersecurity_breach",
        gettext_noop("Serious cybersecurity breach"),
        2,
        5,
        "a serious cybersecurity breach",
    ),
    ("death", gettext_noop("Death of a person"), 3, 10, "the death of a person"),
    (
        "serious_harm",
        gettext_noop(
            "Serious harm to a person's health, an infringement of fundamental rights, or serious "
            "harm to property or the environment"
        ),
        4,
        15,
        "serious harm to health, fundamental rights, property or the environment",
    ),
]

PERIODS = [
    (
        "model_report_first",
        "First model report of a model already on the market when designated",
        14,
        "days",
        "Code of Practice, Safety and Security chapter, Commitment 7; period of the AI Office",
        "Verified in the reference texts: Commitment 7 of the Safety and Security chapter is the "
        "reporting of a model report to the AI Office (Commission opinion, recitals (7) and (43)); "
        "the Code of Practice introduction says 'A mandatory Safety and Security Model Report must "
        "be submitted prior to release'. A model whose EU market placement is still ahead at its "
        "designation reports before that date. For a model already on the market when designated "
        "the reference texts give no period: 14 days from the decision is the AI Office's working "
        "value (as the default period of a request for information, docs/rules.md § requests).",
    ),
    (
        "model_report_update",
        "Update of the model report",
        6,
        "months",
        "Code of Practice, Safety and Security chapter, Commitment 7 (updates)",
        "Verified in the reference texts: the model report is 'updated as risks evolve' (Code of "
        "Practice introduction). Not verified: they give no period; six months after the last "
        "report is our reading of the Code's measure on model report updates, to be checked "
        "against the text of the Code. Until then the sweep warns when no report was filed for "
        "this long.",
    ),
    (
        "framework_changes",
        "New version of the framework asked for by a request for changes",
        14,
        "days",
        "period of the AI Office, as for a request for information",
        "The AI Office's default, as the default period of a request for information "
        "(GPAI_RFI_DEFAULT_DAYS, docs/rules.md § requests); a caseworker may set another period "
        "in the request. The reference texts give no period.",
    ),
]


def ensure(kind_model: Any = None, period_model: Any = None) -> None:
    """Create the seeded kinds and periods that are missing; an edited row is left as it is."""
    if kind_model is None or period_model is None:
        from .models import IncidentKind, ObligationPeriod

        kind_model, period_model = IncidentKind, ObligationPeriod
    for code, label, severity, days, what in KINDS:
        kind_model.objects.get_or_create(
            code=code,
            defaults={
                "label": label,
                "severity": severity,
                "citation": CITATION,
                "initial_days": days,
                "initial_source": _initial(days, what),
                "intermediate_days": 28,
                "intermediate_source": INTERMEDIATE,
                "final_days": 60,
                "final_source": FINAL,
            },
        )
    for code, label, amount, unit, citation, source in PERIODS:
        period_model.objects.get_or_create(
            code=code,
            defaults={
                "label": label,
                "amount": amount,
                "unit": unit,
                "citation": citation,
                "source": source,
            },
        )
