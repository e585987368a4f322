"""The public page where anyone holding a letter checks it is authentic (docs/adr/0011)."""

from __future__ import annotations

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from gpai_cases.accounts.middleware import second_factor_exempt
from gpai_cases.cases import rules

from . import verification

#: The largest PDF the page reads (a letter is far smaller).
MAX_UPLOAD_BYTES = 10 * 1024 * 1024


class VerifyForm(forms.Form):
    reference = forms.CharField(
        label=_("Reference of the letter"),
        required=False,
        max_length=40,
        help_text=_("As printed at the top right of the letter, for example GPAI-2026-0001/L01."),
    )
    code = forms.CharField(
        label=_("Verification code"),
        required=False,
        max_length=20,
        help_text=_("Printed beside the reference; spaces do not matter."),
    )
    pdf = forms.FileField(
        label=_("Or upload the letter (PDF)"),
        required=False,
        help_text=_(
            "The file as you received it: it is compared, byte for byte, with the one sent."
        ),
    )

    def clean_pdf(self) -> object:
        pdf = self.cleaned_data.get("pdf")
        if pdf is not None and pdf.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                gettext("That file is larger than any letter of the AI Office (10 MB at most).")
            )
        return pdf


@second_factor_exempt
@require_http_methods(["GET", "POST"])
def letter_verify(request: HttpRequest) -> HttpResponse:
    form = VerifyForm(request.POST or None, request.FILES or None)
    verdict, status = None, 200
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        attempts = verification.attempt(request.META.get("REMOTE_ADDR") or "unknown")
        reasons = rules.verification_blockers(
            attempts=attempts,
            allowed=verification.attempts_allowed(),
            reference=data["reference"],
            code=data["code"],
            has_upload=data["pdf"] is not None,
        )
        if reasons:
            for reason in reasons:
                form.add_error(None, reason)
            status = 429 if attempts > verification.attempts_allowed() else 400
        elif data["pdf"] is not None:
            verdict = verification.verify_pdf(data["pdf"].read())
        else:
            verdict = verification.verify_code(data["reference"], data["code"])
    elif request.method == "POST":
        status = 400
    return render(request, "letters/verify.html", {"form": form, "verdict": verdict}, status=status)
