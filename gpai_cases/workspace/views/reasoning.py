"""The reasoning of a decision, drafted part by part, and the letter as it will be sent
(docs/adr/0012-structured-reasoning.md)."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from gpai_cases.assessment.models import CRITERIA
from gpai_cases.cases import access, rules, services
from gpai_cases.cases.models import Case, Decision, DecisionStatus, Outcome, ReasoningDraft
from gpai_cases.letters.handlers import LETTER_KIND_FOR_DECISION
from gpai_cases.letters.languages import language_of_letters
from gpai_cases.letters.models import Letter
from gpai_cases.letters.reasoning import claims_of, generated_draft_for
from gpai_cases.letters.rendering import render_html

from .base import office_only

PART_LIMIT = rules.REASONING_PART_LIMIT


def _text(
    label: str, *, help_text: str = "", required: bool = False, rows: int = 4, lang: str = ""
) -> Any:
    """A part of the letter: its label in the reader's language, its text in the letter's
    (``lang``, declared on the field so that readers and checks know it)."""
    attrs: dict[str, Any] = {"rows": rows, **({"lang": lang} if lang else {})}
    return forms.CharField(
        label=label,
        help_text=help_text,
        required=required,
        max_length=PART_LIMIT,
        strip=False,
        widget=forms.Textarea(attrs=attrs),
    )


class ReasoningForm(forms.Form):
    """One field per part; one per Annex XIII criterion; one per argument of the provider."""

    def __init__(self, *args: Any, claims: list[Any], lang: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["facts"] = _text(gettext("The facts"), rows=5, lang=lang)
        for key, label in CRITERIA:
            self.fields[f"criterion_{key}"] = _text(
                gettext("Annex XIII %(criterion)s") % {"criterion": label},
                help_text=gettext(
                    "In sentences; leave empty to leave the criterion out of the letter."
                ),
                rows=3,
                lang=lang,
            )
        for i, claim in enumerate(claims, 1):
            self.fields[f"claim_{claim.pk}"] = _text(
                gettext("Argument %(number)s (%(basis)s)")
                % {"number": i, "basis": claim.get_basis_display()},
                help_text=gettext(
                    "The provider argued: “{said}”. Say why it fails or holds."
                ).format(said=claim.text),
                lang=lang,
            )
        self.fields["hearing"] = _text(
            gettext("The hearing and the provider's comments"), rows=5, lang=lang
        )
        self.fields["conclusion"] = _text(gettext("Conclusion"), required=True, rows=3, lang=lang)
        self.claims = claims

    def parts(self) -> dict[str, Any]:
        d = {k: v.replace("\x00", "") for k, v in self.cleaned_data.items()}
        return {
            "facts": d["facts"],
            "assessment": {key: d[f"criterion_{key}"] for key, _ in CRITERIA},
            "arguments": {str(c.pk): d[f"claim_{c.pk}"] for c in self.claims},
            "hearing": d["hearing"],
            "conclusion": d["conclusion"],
        }


def _outcome(case: Case, asked: str = "") -> str:
    """The outcome the letter is drafted for: the proposal's, else the one asked for, else the
    latest hearing's draft outcome, else the first the case allows."""
    proposal = case.decisions.filter(status=DecisionStatus.PROPOSED).first()
    if proposal is not None:
        return proposal.outcome
    if asked in case.allowed_outcomes:
        return asked
    hearing = case.information_requests.exclude(draft_outcome="").order_by("-sent_on").first()
    if hearing is not None and hearing.draft_outcome in case.allowed_outcomes:
        return hearing.draft_outcome
    return case.allowed_outcomes[0]


def _outcome_label(outcome: str) -> str:
    return str(Outcome(outcome).label) if outcome in Outcome.values else outcome


def _initial(case: Case, draft: ReasoningDraft | None, outcome: str) -> dict[str, str]:
    source: dict[str, Any] = (
        {
            "facts": draft.facts,
            "assessment": draft.assessment,
            "arguments": draft.arguments,
            "hearing": draft.hearing,
            "conclusion": draft.conclusion,
        }
        if draft is not None
        else generated_draft_for(case, outcome)
    )
    initial = {k: source[k] for k in ("facts", "hearing", "conclusion")}
    initial.update({f"criterion_{k}": v for k, v in source["assessment"].items()})
    initial.update({f"claim_{k}": v for k, v in source["arguments"].items()})
    return initial


@office_only
def reasoning(request: HttpRequest, reference: str) -> HttpResponse:
    case = access.get_case_for(request.user, reference)
    draft = ReasoningDraft.objects.filter(case=case).select_related("updated_by").first()
    outcome = _outcome(case, request.GET.get("outcome", ""))
    claims = claims_of(case)
    may_edit = access.may_draft_reasoning(request.user, case)
    lang = language_of_letters(case.model.provider)
    status = 200
    if request.method == "POST":
        access.require(access.may_draft_reasoning, request.user, case)
        form = ReasoningForm(request.POST, claims=claims, lang=lang)
        if form.is_valid():
            try:
                services.reasoning_save(actor=request.user, case=case, **form.parts())
            except services.ActionRefused as refused:
                for reason in refused.reasons:
                    form.add_error(None, reason)
            else:
                messages.success(
                    request, gettext("The reasoning is saved: the letter will print it.")
                )
                return redirect("workspace:letter_preview", reference=case.reference)
        status = 400
    else:
        form = ReasoningForm(initial=_initial(case, draft, outcome), claims=claims, lang=lang)
    return render(
        request,
        "workspace/reasoning.html",
        {
            "case": case,
            "form": form,
            "draft": draft,
            "outcome": outcome,
            "outcome_label": _outcome_label(outcome),
            "letter_language": lang,
            "may_edit": may_edit,
            "blockers": rules.reasoning_blockers(case) if may_edit else [],
        },
        status=status,
    )


BODY = re.compile(r"<body[^>]*>(.*)</body>", re.S)


@office_only
def letter_preview(request: HttpRequest, reference: str) -> HttpResponse:
    """The decision letter exactly as it will be sent, with the proposed decision (or, before a
    proposal, the outcome asked for): what the approver reads before approving."""
    case = access.get_case_for(request.user, reference)
    access.require(access.may_preview_letter, request.user, case)
    proposal = (
        case.decisions.filter(status=DecisionStatus.PROPOSED).select_related("proposed_by").first()
    )
    outcome = _outcome(case, request.GET.get("outcome", ""))
    signs = request.user if request.user.is_approver else None
    decision = proposal or Decision(case=case, outcome=outcome, reasoning="")
    decision.decided_on = timezone.localdate()
    decision.approved_by = signs
    letter = Letter(
        case=case,
        kind=LETTER_KIND_FOR_DECISION[outcome],
        reference=f"{case.reference}/L{case.letters.count() + 1:02d}",
        letter_date=timezone.localdate(),
        decision=decision,
        signatory_name=(signs.full_name or signs.email) if signs else "",
        signatory_function=(signs.function if signs else ""),
    )
    found = BODY.search(render_html(letter))
    return render(
        request,
        "workspace/letter_preview.html",
        {
            "case": case,
            "proposal": proposal,
            "outcome": outcome,
            "outcome_label": _outcome_label(outcome),
            "letter_language": language_of_letters(case.model.provider),
            "signs": signs,
            "has_draft": ReasoningDraft.objects.filter(case=case).exists(),
            # the letter's own template rendered it, every value escaped: the body is safe HTML
            "letter_body": mark_safe(found.group(1) if found else ""),  # noqa: S308  # nosec B308 B703
        },
    )
