"""The reasoning a decision letter prints, in parts: the caseworker's draft when there is one
(:class:`~gpai_cases.cases.models.ReasoningDraft`), else a draft generated from the case that
reads as prose. Internal notes (the scorecard's notes, the claim reviews' notes) never reach it;
every claim is quoted whole, once (docs/adr/0012-structured-reasoning.md)."""

from __future__ import annotations

import dataclasses
from typing import Any

from gpai_cases.assessment.models import CRITERIA, RATING_LABELS
from gpai_cases.cases import deadlines
from gpai_cases.cases.models import Case, ClaimBasis, ClaimReview, ReasoningDraft, RequestKind

#: Annex XIII criteria by key, without their letter: "Number of parameters".
CRITERION_NAMES = {key: label.split(") ", 1)[1].split(" (")[0] for key, label in CRITERIA}

CONCLUSIONS = {
    "designate": "The Commission therefore designates {model} as a general-purpose AI model with "
    "systemic risk.",
    "not_designate": "The Commission therefore does not designate {model} as a general-purpose AI "
    "model with systemic risk.",
    "maintain": "The Commission therefore maintains the designation of {model} as a "
    "general-purpose AI model with systemic risk.",
    "revoke": "The Commission therefore revokes the designation of {model} as a general-purpose AI "
    "model with systemic risk.",
    "not_reassessed": "The Commission therefore decides not to reassess the designation of {model} "
    "on the basis of the request.",
}


@dataclasses.dataclass
class Part:
    key: str
    title: str
    text: str = ""
    #: (what, text): one per criterion or argument
    items: list[tuple[str, str]] = dataclasses.field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not self.text.strip() and not any(t.strip() for _, t in self.items)


def _model_name(case: Case) -> str:
    m = case.model
    return f"{m.name} {m.version}".strip() if m.version else m.name


def generated_facts(case: Case) -> str:
    provider, model = case.model.provider.legal_name, _model_name(case)
    if case.kind == "notification":
        n = getattr(case, "notification", None)
        when = deadlines.format_day_long(case.submitted_at.date()) if case.submitted_at else ""
        text = f"On {when}, {provider} notified the Commission under Article 52(1) of Regulation "
        text += f"(EU) 2024/1689 that its model {model} "
        if n is not None and n.trigger_date:
            verb = "would meet" if n.trigger_type == "will_be_met" else "met"
            text += (
                f"{verb} the condition of Article 51(1)(a) (training compute above 10^25 FLOP) "
                f"on {deadlines.format_day_long(n.trigger_date)}."
            )
        else:
            text += "meets the condition of Article 51(1)(a)."
        return text
    if case.kind == "ex_officio":
        how = (
            "following a qualified alert of the scientific panel under Article 90(1)(a)"
            if case.basis == "scientific_panel_alert"
            else "of its own motion"
        )
        return (
            f"The Commission opened this procedure {how} on "
            f"{deadlines.format_day_long(case.created_at.date())} to assess whether {model}, "
            f"a general-purpose AI model of {provider}, has capabilities or an impact equivalent "
            "to those of Article 51(1)(a), on the criteria of Annex XIII."
        )
    designation = case.designation
    since = deadlines.format_day_long(designation.decided_on) if designation else ""
    who = (
        f"{provider} requested"
        if case.initiative != "commission"
        else "The Commission opened of its own motion"
    )
    return f"{who} a reassessment under Article 52(5) of the designation of {model} of {since}."


def generated_assessment(case: Case) -> list[tuple[str, str]]:
    """One sentence or two per Annex XIII criterion the scorecard rated or found something on:
    the finding and the rating; never the internal note."""
    scorecard = case.scorecards.order_by("-version").first()
    if scorecard is None:
        return []
    items = []
    for key, _label in CRITERIA:
        row = scorecard.criteria.get(key, {})
        sentences = []
        if row.get("provider_figure"):
            sentences.append(f"The provider states: {row['provider_figure'].rstrip('.')}.")
        if row.get("finding"):
            sentences.append(f"{row['finding'].strip().rstrip('.')}.")
        if row.get("rating") in RATING_LABELS:
            sentences.append(
                f"The Commission finds the model {RATING_LABELS[row['rating']].lower()} "
                "on this criterion."
            )
        if sentences:
            items.append((key, " ".join(sentences)))
    return items


def generated_argument(claim: Any) -> str:
    said = claim.text.strip()
    # the claim's own full stop closes the sentence: “… each score.” not “… each score.”.
    text = f"The provider argued that: “{said}”" + ("" if said[-1:] in ".!?" else ".")
    if claim.supplementary:
        text += (
            " It was filed after the notification: it is weighed, but it is not an argument "
            "presented under Article 52(2)."
        )
    if claim.review == ClaimReview.NOT_SUBSTANTIATED:
        text += " The Commission finds this argument not substantiated."
        if claim.basis == ClaimBasis.MITIGATION:
            text += (
                " An argument resting on mitigations (safeguards, refusal training, restricted "
                "access) is not a valid ground: the arguments must concern the model's "
                "capabilities (Commission guidelines, July 2025)."
            )
    elif claim.review == ClaimReview.SUBSTANTIATED:
        text += " The Commission finds this argument substantiated."
    return text


def generated_hearing(case: Case) -> str:
    parts = []
    for h in case.information_requests.filter(kind=RequestKind.HEARING).order_by("sent_on", "pk"):
        text = (
            f"On {deadlines.format_day_long(h.sent_on)} the Commission sent the provider its "
            f"draft decision and gave it until {deadlines.format_day_long(h.due_date)} to comment."
        )
        if h.responded_at:
            text += f" The provider commented: “{h.response.strip()}”"
        elif h.status == "withdrawn":
            text += " The hearing was withdrawn."
        else:
            text += " The provider did not comment by that date."
        parts.append(text)
    return "\n\n".join(parts)


def generated_conclusion(case: Case, outcome: str) -> str:
    return CONCLUSIONS.get(outcome, "").format(model=_model_name(case))


def claims_of(case: Case) -> list[Any]:
    return list(case.claims.order_by("filed_at", "pk"))


def parts_for(case: Case, outcome: str, draft: ReasoningDraft | None = None) -> list[Part]:
    """The parts the letter prints, in order; those with nothing in them are left out."""
    if draft is None:
        draft = ReasoningDraft.objects.filter(case=case).first()
    claims = claims_of(case)
    if draft is not None:
        parts = [
            Part("facts", "The facts", draft.facts),
            Part(
                "assessment",
                "Assessment against the criteria of Annex XIII",
                items=[(k, draft.assessment.get(k, "")) for k, _ in CRITERIA],
            ),
            Part(
                "arguments",
                "The provider's arguments",
                items=[(str(c.pk), draft.arguments.get(str(c.pk), "")) for c in claims],
            ),
            Part("hearing", "The hearing", draft.hearing),
            Part("conclusion", "Conclusion", draft.conclusion),
        ]
    else:
        parts = [
            Part("facts", "The facts", generated_facts(case)),
            Part(
                "assessment",
                "Assessment against the criteria of Annex XIII",
                items=generated_assessment(case),
            ),
            Part(
                "arguments",
                "The provider's arguments",
                items=[(str(c.pk), generated_argument(c)) for c in claims],
            ),
            Part("hearing", "The hearing", generated_hearing(case)),
            Part("conclusion", "Conclusion", generated_conclusion(case, outcome)),
        ]
    labels = {**CRITERION_NAMES, **{str(c.pk): f"Argument {i}" for i, c in enumerate(claims, 1)}}
    for part in parts:
        part.items = [(labels.get(k, k), t) for k, t in part.items if t.strip()]
    return [p for p in parts if not p.empty]


def generated_draft(case: Case, outcome: str) -> dict[str, Any]:
    """The starting point of the caseworker's draft: the generated parts, by field."""
    return {
        "facts": generated_facts(case),
        "assessment": dict(generated_assessment(case)),
        "arguments": {str(c.pk): generated_argument(c) for c in claims_of(case)},
        "hearing": generated_hearing(case),
        "conclusion": generated_conclusion(case, outcome),
    }
