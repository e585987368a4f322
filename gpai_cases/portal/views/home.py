"""The provider's home (organisation, models, cases) and the model form."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import OuterRef, Subquery
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from gpai_cases.cases import access, deadlines, rules, services
from gpai_cases.cases.dayformat import format_day
from gpai_cases.cases.models import (
    OPEN_STATES,
    Case,
    Designation,
    InformationRequest,
    Kind,
    RequestStatus,
    State,
)
from gpai_cases.core.forms import form_data
from gpai_cases.core.fragments import cached_fragment
from gpai_cases.core.links import url_filler
from gpai_cases.obligations.services import code_of_practice_current
from gpai_cases.providers import compute
from gpai_cases.providers.models import ReleaseMode, threshold_flop
from gpai_cases.reminders import needs

from .. import forms
from .base import model_for, provider_for, provider_only


@provider_only
def home(request: HttpRequest) -> HttpResponse:
    provider = provider_for(request)

    def context() -> dict[str, Any]:
        today = timezone.localdate()
        case_url, wizard_url = url_filler("portal:case", str), url_filler("portal:wizard", str, str)
        edit_url, notify_url = (
            url_filler("portal:model_edit", int),
            url_filler("portal:notify", int),
        )
        reassessment_url = url_filler("portal:reassessment", int)
        models = _model_rows(request, provider)
        for m in models:
            m.edit_url, m.notify_url = edit_url(m.pk), notify_url(m.pk)
            m.can_notify = not rules.notify_blockers(m)
            m.standing = _standing(m, today, case_url, wizard_url, reassessment_url)
        return {
            "provider": provider,
            "code_of_practice": code_of_practice_current(provider),
            "members": provider.memberships.select_related("user").order_by("user__email"),
            "models": models,
            "cases": _case_rows(request, provider, case_url, wizard_url),
            "threshold": threshold_flop(),
        }

    body = cached_fragment(
        request,
        "portal/_home_body.html",
        (request.user.pk, provider.pk, timezone.localdate()),
        context,
    )
    return render(
        request,
        "portal/home.html",
        {
            "body": body,
            "provider_name": provider.legal_name,
            "needs": _needs_of(request, provider),
        },
    )


class _Loaded(list):
    """A related set read beforehand, answering ``.all()`` as a prefetched manager does."""

    def all(self) -> _Loaded:
        return self


class _ModelRow:
    """A model with its open cases and designations in force read beforehand: what
    ``rules.notify_blockers`` and :func:`_standing` read (``.cases.all()``, ``.designations.all()``),
    without Django's prefetch building a related manager per model; the rest is the model's."""

    def __init__(
        self, model: Any, cases: list[Any], designations: list[Any], releases: dict[str, str]
    ) -> None:
        self._model, self.cases, self.designations = model, _Loaded(cases), _Loaded(designations)
        # what the template prints, as plain strings made once (not looked up on every use)
        self.name = str(model)
        self.training_compute_display = model.training_compute_display
        self.get_release_mode_display = releases.get(model.release_mode, model.release_mode)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._model, name)

    def __str__(self) -> str:
        return self.name


@dataclass(frozen=True)
class _OpenCase:
    """What the rules and the standing read of an open case, read as values."""

    reference: str
    kind: str
    state: str
    designation_id: int | None
    wizard_step: str

    def get_state_display(self) -> str:
        return str(dict(State.choices).get(self.state, self.state))


def _model_rows(request: HttpRequest, provider: Any) -> list[_ModelRow]:
    """The provider's models, each with its open cases (as values) and its designations in
    force: three plain queries, whatever the number of models."""
    models = list(
        access.models_visible_to(request.user).filter(provider=provider).order_by("name", "version")
    )
    ids = [m.pk for m in models]
    cases: dict[int, list[_OpenCase]] = defaultdict(list)
    for c in Case.objects.filter(model_id__in=ids, state__in=OPEN_STATES).values_list(
        "model_id", "reference", "kind", "state", "designation_id", "notification__wizard_step"
    ):
        cases[c[0]].append(_OpenCase(c[1], c[2], c[3], c[4], c[5] or ""))
    designations: dict[int, list[Any]] = defaultdict(list)
    for d in Designation.objects.filter(model_id__in=ids, ended_on__isnull=True).select_related(
        "case"
    ):
        designations[d.model_id].append(d)
    releases = {value: str(label) for value, label in ReleaseMode.choices}
    return [_ModelRow(m, cases[m.pk], designations[m.pk], releases) for m in models]


#: The columns the home's table of cases shows, read as values (no model instances).
CASE_COLUMNS = (
    "reference",
    "kind",
    "state",
    "late",
    "model__name",
    "model__version",
    "notification__wizard_step",
    "notification__notification_due",
)


def _case_rows(request: HttpRequest, provider: Any, case_url: Any, wizard_url: Any) -> list[Any]:
    """The provider's latest 100 cases as plain values, under the names the template reads (as
    on a Case): one query, the nearest open request's due date in a subquery."""
    next_answer = (
        InformationRequest.objects.filter(case=OuterRef("pk"), status=RequestStatus.OPEN)
        .order_by("due_date")
        .values("due_date")[:1]
    )
    rows = (
        access.cases_visible_to(request.user)
        .filter(model__provider=provider)  # the provider the user acts for, only
        .annotate(next_answer=Subquery(next_answer))
        .order_by("-created_at")
        .values(*CASE_COLUMNS, "next_answer")[:100]
    )
    # the labels in the reader's language, once (lazy ones would be translated at every print)
    kinds = {value: str(label) for value, label in Kind.choices}
    states = {value: str(label) for value, label in State.choices}
    cases = []
    for c in rows:
        # the nearest date the provider must act by: an answer, or the notification itself
        dates = [c["next_answer"]] if c["next_answer"] else []
        if c["state"] == State.DRAFT and c["notification__notification_due"]:
            dates.append(c["notification__notification_due"])
        cases.append(
            {
                "reference": c["reference"],
                "url": case_url(c["reference"]),
                "wizard_url": wizard_url(
                    c["reference"], c["notification__wizard_step"] or "trigger"
                ),
                "model": f"{c['model__name']} {c['model__version']}".strip(),
                "state": c["state"],
                "get_kind_display": kinds.get(c["kind"], c["kind"]),
                "get_state_display": states.get(c["state"], c["state"]),
                "late": c["late"],
                "open_requests": bool(c["next_answer"]),
                "nearest_due": min(dates) if dates else None,
                # as the shortday filter writes it, in the reader's language
                "nearest_due_day": format_day(min(dates)) if dates else "",
            }
        )
    return cases


def _needs_of(request: HttpRequest, provider: Any) -> dict[str, list[Any]]:
    """What the user must act on, for the provider acted for only (a member of several sees the
    others' when acting for them)."""
    panels = needs.for_user(request.user)
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


def _standing(
    model: Any, today: datetime.date, case_url: Any, wizard_url: Any, reassessment_url: Any
) -> list[dict[str, Any]]:
    """What applies to a model now, in words (docs/rules.md § one-case-per-model): "notify",
    "notified: case …", "designated since …", "reassessment possible from …" or the request."""
    items: list[dict[str, Any]] = []
    open_cases = [c for c in model.cases.all() if c.state in OPEN_STATES]
    for d in model.designations.all():
        if not d.active:
            continue
        items.append(
            {"text": _("designated since %(date)s") % {"date": deadlines.format_date(d.decided_on)}}
        )
        pending = [
            c for c in open_cases if c.kind == Kind.REASSESSMENT and c.designation_id == d.pk
        ]
        if pending:
            items.append(
                {
                    "text": _("reassessment requested: case %(reference)s")
                    % {"reference": pending[0].reference},
                    "url": case_url(pending[0].reference),
                }
            )
        elif today < d.reassessment_earliest:
            earliest = deadlines.format_date(d.reassessment_earliest)
            items.append({"text": _("reassessment possible from %(date)s") % {"date": earliest}})
        elif not rules.reassessment_blockers(d, today=today):
            items.append(
                {"text": _("Request a reassessment"), "url": reassessment_url(d.pk), "button": True}
            )
    for c in open_cases:
        if c.kind == Kind.NOTIFICATION and c.state == State.DRAFT:
            step = c.wizard_step or "trigger"
            items.append(
                {
                    "text": _("notification in draft: case %(reference)s")
                    % {"reference": c.reference},
                    "url": wizard_url(c.reference, step),
                }
            )
        elif c.kind == Kind.NOTIFICATION:
            items.append(
                {
                    "text": _("notified: case %(reference)s") % {"reference": c.reference},
                    "url": case_url(c.reference),
                }
            )
        elif c.kind == Kind.EX_OFFICIO:
            items.append(
                {
                    "text": _("ex officio procedure: case %(reference)s")
                    % {"reference": c.reference},
                    "url": case_url(c.reference),
                }
            )
    if not items and model.above_threshold:
        items.append({"text": _("above the threshold: notify"), "badge": "late"})
    return items


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
