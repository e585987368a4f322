"""The reasoning a decision letter prints, in parts: the caseworker's draft when there is one
(:class:`~gpai_cases.cases.models.ReasoningDraft`), else a draft generated from the case that
reads as prose. Internal notes (the scorecard's notes, the claim reviews' notes) never reach it;
every claim is quoted whole, once (docs/adr/0012-structured-reasoning.md).

The generated draft is written in the active language: the letter renders it in its addressee's
(:func:`~.rendering.render_html`), and the reasoning page drafts it in that language too
(:func:`generated_draft_for`), whatever the language of the page."""

from __future__ import annotations

import dataclasses
from typing import Any

from django.utils import translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from gpai_cases.assessment.models import CRITERIA, CRITERION_NAMES, RATING_SENTENCES
from gpai_cases.cases import deadlines
from gpai_cases.cases.models import Case, ClaimBasis, ClaimReview, ReasoningDraft, RequestKind

from .languages import language_of_letters

__all__ = [
    "CRITERION_NAMES",
    "claims_of",
    "generated_argument",
    "generated_assessment",
    "generated_draft",
    "generated_draft_for",
    "parts_for",
]

CONCLUSIONS = {
    "designate": _(
        "The Commission therefore designates {model} as a general-purpose AI model with "
        "systemic risk."
    ),
    "not_designate": _(
        "The Commission therefore does not designate {model} as a general-purpose AI "
        "model with systemic risk."
    ),
    "maintain": _(
        "The Commission therefore maintains the designation of {model} as a "
        "general-purpose AI model with systemic risk."
    ),
    "revoke": _(
        "The Commission therefore revokes the designation of {model} as a general-purpose AI "
        "model with systemic risk."
    ),
    "not_reassessed": _(
        "The Commission therefore decides not to reassess the designation of {model} "
        "on the basis of the request."
    ),
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
        values = {"when": when, "provider": provider, "model": model}
        if n is None or not n.trigger_date:
            return gettext(
                "On {when}, {provider} notified the Commission under Article 52(1) of Regulation "
                "(EU) 2024/1689 that its model {model} meets the condition of Article 51(1)(a)."
            ).format(**values)
        values["day"] = deadlines.format_day_long(n.trigger_date)
        if n.trigger_type == "will_be_met":
            return gettext(
                "On {when}, {provider} notified the Commission under Article 52(1) of Regulation "
                "(EU) 2024/1689 that its model {model} would meet the condition of Article "
                "51(1)(a) (training compute above 10^25 FLOP) on {day}."
            ).format(**values)
        return gettext(
            "On {when}, {provider} notified the Commission under Article 52(1) of Regulation "
            "(EU) 2024/1689 that its model {model} met the condition of Article 51(1)(a) "
            "(training compute above 10^25 FLOP) on {day}."
        ).format(**values)
    if case.kind == "ex_officio":
        values = {
            "day": deadlines.format_day_long(case.created_at.date()),
            "model": model,
            "provider": provider,
        }
        if case.basis == "scientific_panel_alert":
            return gettext(
                "The Commission opened this procedure following a qualified alert of the "
                "scientific panel under Article 90(1)(a) on {day} to assess whether {model}, a "
                "general-purpose AI model of {provider}, has capabilities or an impact "
                "equivalent to those of Article 51(1)(a), on the criteria of Annex XIII."
            ).format(**values)
        return gettext(
            "The Commission opened this procedure of its own motion on {day} to assess whether "
            "{model}, a general-purpose AI model of {provider}, has capabilities or an impact "
            "equivalent to those of Article 51(1)(a), on the criteria of Annex XIII."
        ).format(**values)
    designation = case.designation
    since = deadlines.format_day_long(designation.decided_on) if designation else ""
    values = {"provider": provider, "model": model, "since": since}
    if case.initiative != "commission":
        return gettext(
            "{provider} requested a reassessment under Article 52(5) of the designation of "
            "{model} of {since}."
        ).format(**values)
    return gettext(
        "The Commission opened of its own motion a reassessment under Article 52(5) of the "
        "designation of {model} of {since}."
    ).format(**values)


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
            sentences.append(
                gettext("The provider states: {figure}.").format(
                    figure=row["provider_figure"].rstrip(".")
                )
            )
        if row.get("finding"):
            sentences.append(f"{row['finding'].strip().rstrip('.')}.")
        if row.get("rating") in RATING_SENTENCES:
            sentences.append(str(RATING_SENTENCES[row["rating"]]))
        if sentences:
            items.append((key, " ".join(sentences)))
    return items


def generated_argument(claim: Any) -> str:
    said = claim.text.strip()
    # the claim's own full stop closes the sentence: “… each score.” not “… each score.”.
    if said[-1:] in ".!?":
        text = gettext("The provider argued that: “{said}”").format(said=said)
    else:
        text = gettext("The provider argued that: “{said}”.").format(said=said)
    if claim.supplementary:
        text += " " + gettext(
            "It was filed after the notification: it is weighed, but it is not an argument "
            "presented under Article 52(2)."
        )
    if claim.review == ClaimReview.NOT_SUBSTANTIATED:
        text += " " + gettext("The Commission finds this argument not substantiated.")
        if claim.basis == ClaimBasis.MITIGATION:
            text += " " + gettext(
                "An argument resting on mitigations (safeguards, refusal training, restricted "
                "access) is not a valid ground: the arguments must concern the model's "
                "capabilities (Commission guidelines, July 2025)."
            )
    elif claim.review == ClaimReview.SUBSTANTIATED:
        text += " " + gettext("The Commission finds this argument substantiated.")
    return text


def generated_hearing(case: Case) -> str:
    parts = []
    for h in case.information_requests.filter(kind=RequestKind.HEARING).order_by("sent_on", "pk"):
        text = gettext(
            "On {sent} the Commission sent the provider its draft decision and gave it until "
            "{due} to comment."
        ).format(
            sent=deadlines.format_day_long(h.sent_on), due=deadlines.format_day_long(h.due_date)
        )
        if h.responded_at:
            text += " " + gettext("The provider commented: “{said}”").format(
                said=h.response.strip()
            )
        elif h.status == "withdrawn":
            text += " " + gettext("The hearing was withdrawn.")
        else:
            text += " " + gettext("The provider did not comment by that date.")
        parts.append(text)
    return "\n\n".join(parts)


def generated_conclusion(case: Case, outcome: str) -> str:
    return str(CONCLUSIONS.get(outcome, "")).format(model=_model_name(case))


def claims_of(case: Case) -> list[Any]:
    return list(case.claims.order_by("filed_at", "pk"))


def parts_for(case: Case, outcome: str, draft: ReasoningDraft | None = None) -> list[Part]:
    """The parts the letter prints, in order; those with nothing in them are left out."""
    if draft is None:
        draft = ReasoningDraft.objects.filter(case=case).first()
    claims = claims_of(case)
    if draft is not None:
        parts = [
            Part("facts", gettext("The facts"), draft.facts),
            Part(
                "assessment",
                gettext("Assessment against the criteria of Annex XIII"),
                items=[(k, draft.assessment.get(k, "")) for k, _ in CRITERIA],
            ),
            Part(
                "arguments",
                gettext("The provider's arguments"),
                items=[(str(c.pk), draft.arguments.get(str(c.pk), "")) for c in claims],
            ),
            Part("hearing", gettext("The hearing"), draft.hearing),
            Part("conclusion", gettext("Conclusion"), draft.conclusion),
        ]
    else:
        parts = [
            Part("facts", gettext("The facts"), generated_facts(case)),
            Part(
                "assessment",
                gettext("Assessment against the criteria of Annex XIII"),
                items=generated_assessment(case),
            ),
            Part(
                "arguments",
                gettext("The provider's arguments"),
                items=[(str(c.pk), generated_argument(c)) for c in claims],
            ),
            Part("hearing", gettext("The hearing"), generated_hearing(case)),
            Part("conclusion", gettext("Conclusion"), generated_conclusion(case, outcome)),
        ]
    labels = {
        **{key: str(name) for key, name in CRITERION_NAMES.items()},
        **{
            str(c.pk): gettext("Argument %(number)s") % {"number": i}
            for i, c in enumerate(claims, 1)
        },
    }
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


def generated_draft_for(case: Case, outcome: str) -> dict[str, Any]:
    """:func:`generated_draft` in the language of the letter's addressee (the provider's letter
    language), whatever the language of the page that asks for it."""
    with translation.override(language_of_letters(case.model.provider)):
        return generated_draft(case, outcome)
