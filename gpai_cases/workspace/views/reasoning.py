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

from gpai_cases.assessment.models import CRITERIA
from gpai_cases.cases import access, rules, services
from gpai_cases.cases.models import Case, Decision, DecisionStatus, ReasoningDraft
from gpai_cases.letters.handlers import LETTER_KIND_FOR_DECISION
from gpai_cases.letters.models import Letter
from gpai_cases.letters.reasoning import claims_of, generated_draft
from gpai_cases.letters.rendering import render_html

from .base import office_only

PART_LIMIT = rules.REASONING_PART_LIMIT


def _text(label: str, *, help_text: str = "", required: bool = False, rows: int = 4) -> Any:
    return forms.CharField(
        label=label,
        help_text=help_text,
        required=required,
        max_length=PART_LIMIT,
        strip=False,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


class ReasoningForm(forms.Form):
    """One field per part; one per Annex XIII criterion; one per argument of the provider."""

    def __init__(self, *args: Any, claims: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["facts"] = _text("The facts", rows=5)
        for key, label in CRITERIA:
            self.fields[f"criterion_{key}"] = _text(
                f"Annex XIII {label}",
                help_text="In sentences; leave empty to leave the criterion out of the letter.",
                rows=3,
            )
        for i, claim in enumerate(claims, 1):
            self.fields[f"claim_{claim.pk}"] = _text(
                f"Argument {i} ({claim.get_basis_display().lower()})",
                help_text=f"The provider argued: “{claim.text}”. Say why it fails or holds.",
            )
        self.fields["hearing"] = _text("The hearing and the provider's comments", rows=5)
        self.fields["conclusion"] = _text("Conclusion", required=True, rows=3)
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
        else generated_draft(case, outcome)
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
    status = 200
    if request.method == "POST":
        access.require(access.may_draft_reasoning, request.user, case)
        form = ReasoningForm(request.POST, claims=claims)
        if form.is_valid():
            try:
                services.reasoning_save(actor=request.user, case=case, **form.parts())
            except services.ActionRefused as refused:
                for reason in refused.reasons:
                    form.add_error(None, reason)
            else:
                messages.success(request, "The reasoning is saved: the letter will print it.")
                return redirect("workspace:letter_preview", reference=case.reference)
        status = 400
    else:
        form = ReasoningForm(initial=_initial(case, draft, outcome), claims=claims)
    return render(
        request,
        "workspace/reasoning.html",
        {
            "case": case,
            "form": form,
            "draft": draft,
            "outcome": outcome,
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
            "signs": signs,
            "has_draft": ReasoningDraft.objects.filter(case=case).exists(),
            # the letter's own template rendered it, every value escaped: the body is safe HTML
            "letter_body": mark_safe(found.group(1) if found else ""),  # noqa: S308  # nosec B308 B703
        },
    )
