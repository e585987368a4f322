"""The provider's home (organisation, models, cases) and the model form."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from gpai_cases.cases import access, services
from gpai_cases.cases.models import State
from gpai_cases.core import freshness
from gpai_cases.core.forms import form_data
from gpai_cases.core.fragments import cached_fragment, cached_page
from gpai_cases.core.links import url_filler
from gpai_cases.core.rows import render_rows
from gpai_cases.obligations.services import code_of_practice_current
from gpai_cases.providers import compute
from gpai_cases.providers.models import threshold_flop
from gpai_cases.reminders import needs

from .. import forms
from . import home_rows
from .base import model_for, provider_for, provider_only


@provider_only
def home(request: HttpRequest) -> HttpResponse:
    provider = provider_for(request)

    def context() -> dict[str, Any]:
        case_url, wizard_url = url_filler("portal:case", str), url_filler("portal:wizard", str, str)
        models = home_rows.model_rows(request, provider, timezone.localdate(), case_url, wizard_url)
        cases = home_rows.case_rows(request, provider, case_url, wizard_url)
        # the tables' rows in Jinja2 (docs/adr/0026-list-rows-in-jinja2.md), their words here
        words = {
            "late": _("late"),
            "edit": _("Edit"),
            "notify": _("Notify the Commission"),
        }
        return {
            "provider": provider,
            "code_of_practice": code_of_practice_current(provider),
            "members": home_rows.member_rows(provider),
            "models": models,
            "models_html": render_rows("portal_models.jinja", models=models, words=words),
            "cases": cases,
            "cases_html": render_rows("portal_cases.jinja", cases=cases, words=words),
            "threshold": threshold_flop(),
        }

    # read once: the fragment and the panel are keyed by it (the reference version and the newest
    # stamp of the cases of the person's providers: other providers' cases leave them cached)
    version = freshness.provider_version(request.user.pk)
    parts = (request.user.pk, provider.pk, timezone.localdate())
    return cached_page(
        request,
        "portal/home.html",
        parts,
        version,
        lambda: {
            "body": cached_fragment(
                request, "portal/_home_body.html", parts, context, version=lambda: version
            ),
            "provider_name": provider.legal_name,
            "needs": _needs_of(request, provider, version),
        },
    )


def _needs_of(request: HttpRequest, provider: Any, version: Any) -> dict[str, list[Any]]:
    """What the user must act on, for the provider acted for only (a member of several sees the
    others' when acting for them)."""
    panels = needs.for_request(request, version=version)
    if getattr(request, "acting_choices", 1) < 2:
        return panels
    others = set(
        access.cases_visible_to(request.user)
        .exclude(model__provider=provider)
        .values_list("reference", flat=True)
    )
    if not others:
        return panels

    def mine(need: Any) -> bool:
        return not any(ref in need.label or ref in need.link for ref in others)

    kept = {title: [n for n in items if mine(n)] for title, items in panels.items()}
    return {title: items for title, items in kept.items() if items}


@provider_only
def model_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    provider = provider_for(request)
    instance = model_for(request, pk) if pk else None
    form = forms.ModelForm(form_data(request)[0], instance=instance)
    threshold_note = None
    if request.method == "POST" and form.is_valid():
        fields = {k: v for k, v in form.cleaned_data.items() if k != "reason"}
        reason = form.cleaned_data.get("reason", "")
        try:
            if instance is None:
                model = services.model_register(
                    actor=request.user, provider=provider, via="portal", **fields
                )
            else:
                model = services.model_update(
                    actor=request.user, model=instance, via="portal", reason=reason, **fields
                )
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                for e in errors:
                    form.add_error(field if field in form.fields else None, e)
        else:
            shown = (
                compute.format_flop(model.training_compute_flop)
                if model.training_compute_flop
                else _("not declared")
            )
            saved = (
                _(
                    "Saved %(model)s. Training compute %(value)s FLOP: above the threshold of %(threshold)s FLOP."
                )
                if model.above_threshold
                else _(
                    "Saved %(model)s. Training compute %(value)s FLOP: not above the threshold of "
                    "%(threshold)s FLOP."
                )
            )
            messages.success(
                request,
                saved
                % {
                    "model": model,
                    "value": shown,
                    "threshold": compute.format_flop(threshold_flop()),
                },
            )
            return redirect("portal:home")
    if (
        form.is_bound
        and form.is_valid() is False
        and form.cleaned_data.get("training_compute_flop")
    ):
        value, threshold = form.cleaned_data["training_compute_flop"], threshold_flop()
        note = (
            _("%(value)s FLOP is above the threshold of %(threshold)s FLOP.")
            if compute.above_threshold(value, threshold)
            else _("%(value)s FLOP is not above the threshold of %(threshold)s FLOP.")
        )
        threshold_note = note % {
            "value": compute.format_flop(value),
            "threshold": compute.format_flop(threshold),
        }
    relied_on = (
        [c.reference for c in instance.cases.exclude(state=State.DRAFT).order_by("pk")]
        if instance is not None
        else []
    )
    return render(
        request,
        "portal/model_form.html",
        {
            "form": form,
            "model": instance,
            "threshold_note": threshold_note,
            "relied_on": relied_on,
        },
    )


# ---- the notification wizard ------------------------------------------------------------------------
