"""The rows of the provider's home (its models and its cases), read as values and prepared as
plain strings and flags the template only prints (docs/adr/0021-cheap-list-pages.md).

No model instance is built: the models, their open cases, their designations in force, the
members and the table of cases are ``values()`` of the columns shown. The words that repeat from
row to row are translated once per render (:class:`_Words`); every one is still translated.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import (
    ExpressionWrapper,
    F,
    FilteredRelation,
    OuterRef,
    Q,
    Subquery,
    TextField,
)
from django.http import HttpRequest
from django.utils.translation import gettext as _

from gpai_cases.cases import access, deadlines, rules
from gpai_cases.cases.dayformat import ShortDays
from gpai_cases.cases.models import (
    OPEN_STATES,
    InformationRequest,
    Kind,
    RequestStatus,
    State,
)
from gpai_cases.cases.rulecodes import Rule
from gpai_cases.core.compiled import Compiled
from gpai_cases.core.links import url_filler
from gpai_cases.providers import compute
from gpai_cases.providers.flopformat import format_flop
from gpai_cases.providers.models import Membership, ReleaseMode, threshold_flop

__all__ = ["CASE_COLUMNS", "MODEL_COLUMNS", "case_rows", "member_rows", "model_rows"]

Url = Callable[..., str]


class _Loaded(list):
    """A related set read beforehand, answering ``.all()`` as a prefetched manager does."""

    def all(self) -> _Loaded:
        return self


@dataclass(frozen=True)
class _OpenCase:
    """What the rules and the standing read of an open case, read as values."""

    reference: str
    kind: str
    state: str
    designation_id: int | None
    wizard_step: str


@dataclass(frozen=True)
class _CaseRef:
    reference: str


@dataclass(frozen=True)
class _Designation:
    """What the rules and the standing read of a designation, read as values."""

    pk: int
    basis: str
    decided_on: datetime.date
    reassessment_earliest: datetime.date
    #: the rule as stored (JSON text): read into a Rule only by what prints it (a refusal)
    rule_stored: Any
    ended_on: datetime.date | None
    case: _CaseRef

    @property
    def active(self) -> bool:
        return self.ended_on is None

    @property
    def reassessment_rule(self) -> Rule:
        return Rule.from_json(self.rule_stored)


class _ModelFacts:
    """A model as ``rules.can_notify`` and :func:`_standing` read it (its name, its open
    cases and designations in force answering ``.all()``), without a model instance."""

    __slots__ = ("above_threshold", "cases", "designations", "name")

    def __init__(
        self, name: str, above: bool, cases: list[_OpenCase], designations: list[_Designation]
    ) -> None:
        self.name, self.above_threshold = name, above
        self.cases, self.designations = _Loaded(cases), _Loaded(designations)

    def __str__(self) -> str:
        return self.name


class _Words:
    """The words the rows repeat, translated once per render (in the reader's language)."""

    def __init__(self) -> None:
        self.designated_since = _("designated since %(date)s")
        self.reassessment_requested = _("reassessment requested: case %(reference)s")
        self.reassessment_from = _("reassessment possible from %(date)s")
        self.request_reassessment = _("Request a reassessment")
        self.draft = _("notification in draft: case %(reference)s")
        self.notified = _("notified: case %(reference)s")
        self.ex_officio = _("ex officio procedure: case %(reference)s")
        self.above = _("above the threshold: notify")
        self.not_declared = _("not declared")


#: The provider's members, compiled once (the provider is the one the user acts for, chosen
#: through the access rules by ``provider_for``).
_MEMBERS = Compiled(
    lambda shape, provider_id: (
        Membership.objects.filter(provider_id=provider_id)
        .order_by("user__email")
        .values_list("user__full_name", "user__email")
    )
)


def member_rows(provider: Any) -> list[dict[str, str]]:
    """The provider's members as the summary prints them: name (or e-mail) and e-mail."""
    return [
        {"name": full_name or email, "email": email}
        for full_name, email in _MEMBERS.rows((), provider.pk)
    ]


_IN_FORCE = Q(designations__ended_on__isnull=True)
_OPEN = Q(cases__state__in=OPEN_STATES)

#: The model table's columns, of the designation in force what the rules and the standing read,
#: and of each open case what :class:`_OpenCase` holds.
MODEL_COLUMNS = (
    "pk",
    "name",
    "version",
    "training_compute_flop",
    "release_mode",
    "in_force__pk",
    "in_force__basis",
    "in_force__decided_on",
    "in_force__reassessment_earliest",
    "in_force_rule",
    "in_force__case__reference",
)
_OPEN_COLUMNS = (
    "open_case__reference",
    "open_case__kind",
    "open_case__state",
    "open_case__designation_id",
    "open_case__notification__wizard_step",
)


#: The provider's models as the access rules let the person read them, each with its designation
#: in force and its open cases, compiled once per role: one row per model and open case (a model
#: has few; at most one designation in force, the constraint one_active_designation), one query.
_MODELS = Compiled(
    lambda shape, user, provider_id: (
        access.models_visible_to(user)
        .filter(provider_id=provider_id)
        .annotate(
            in_force=FilteredRelation("designations", condition=_IN_FORCE),
            open_case=FilteredRelation("cases", condition=_OPEN),
            # the rule as stored, as text: a Rule is built only where a refusal prints it (the
            # converter built one per model, 6 µs each, for the few that print it)
            in_force_rule=ExpressionWrapper(
                F("in_force__reassessment_rule"), output_field=TextField()
            ),
        )
        .order_by("name", "version", "pk", "-open_case__created_at", "open_case__pk")
        .values_list(*MODEL_COLUMNS, *_OPEN_COLUMNS)
    )
)


def model_rows(
    request: HttpRequest, provider: Any, today: datetime.date, case_url: Url, wizard_url: Url
) -> list[dict[str, Any]]:
    """The provider's models with what applies to each now, as plain values: one query (the
    models with their designation in force and their open cases), whatever their number."""
    models: list[tuple[Any, ...]] = []
    cases: dict[int, list[_OpenCase]] = defaultdict(list)
    width = len(MODEL_COLUMNS)
    for row in _MODELS.rows((), request.user, provider.pk):
        if not models or models[-1][0] != row[0]:
            models.append(row[:width])
        if row[width] is not None:  # an open case (its reference is never empty)
            reference, kind, state, designation_id, step = row[width:]
            cases[row[0]].append(_OpenCase(reference, kind, state, designation_id, step or ""))
    releases = {value: str(label) for value, label in ReleaseMode.choices}
    edit_url, notify_url = url_filler("portal:model_edit", int), url_filler("portal:notify", int)
    reassessment_url = url_filler("portal:reassessment", int)
    words, threshold = _Words(), threshold_flop()
    rows = []
    for pk, name, version, flop, release_mode, *designation in models:
        facts = _ModelFacts(
            f"{name} {version}".strip(),
            flop is not None and compute.above_threshold(flop, threshold),
            cases[pk],
            [_Designation(*designation[:5], None, _CaseRef(designation[5]))]
            if designation[0] is not None
            else [],
        )
        rows.append(
            {
                "name": facts.name,
                "training_compute_display": words.not_declared
                if flop is None
                else format_flop(flop),
                "get_release_mode_display": releases.get(release_mode, release_mode),
                "edit_url": edit_url(pk),
                "notify_url": notify_url(pk),
                "can_notify": rules.can_notify(facts),
                "standing": _standing(facts, today, words, case_url, wizard_url, reassessment_url),
            }
        )
    return rows


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


def _build_cases(shape: Any, user: Any, provider_id: int) -> Any:
    next_answer = (
        InformationRequest.objects.filter(case=OuterRef("pk"), status=RequestStatus.OPEN)
        .order_by("due_date")
        .values("due_date")[:1]
    )
    return (
        access.cases_visible_to(user)
        .filter(model__provider_id=provider_id)  # the provider the user acts for, only
        .annotate(next_answer=Subquery(next_answer))
        .order_by("-created_at")
        .values(*CASE_COLUMNS, "next_answer")[:100]
    )


#: The latest cases, compiled once per role (docs/adr/0025-queries-compiled-once.md).
_CASES = Compiled(_build_cases)


def case_rows(request: HttpRequest, provider: Any, case_url: Url, wizard_url: Url) -> list[Any]:
    """The provider's latest 100 cases as plain values, under the names the template reads (as
    on a Case): one query, the nearest open request's due date in a subquery."""
    rows = _CASES.dicts((), request.user, provider.pk)
    # the labels and the links' words in the reader's language, once per render (lazy ones would
    # be translated at every print)
    kinds = {value: str(label) for value, label in Kind.choices}
    states = {value: str(label) for value, label in State.choices}
    continue_word, answer_word = _("continue the draft"), _("answer")
    days = ShortDays()  # as the shortday filter writes them, each once
    cases = []
    for c in rows:
        url = case_url(c["reference"])
        # the nearest date the provider must act by: an answer, or the notification itself
        dates = [c["next_answer"]] if c["next_answer"] else []
        draft = c["state"] == State.DRAFT
        if draft and c["notification__notification_due"]:
            dates.append(c["notification__notification_due"])
        nearest = min(dates) if dates else None
        # the due cell's link: continue a draft, or answer an open request
        if nearest is None:
            due_url = due_word = ""
        elif draft:
            step = c["notification__wizard_step"] or "trigger"
            due_url, due_word = wizard_url(c["reference"], step), continue_word
        elif c["next_answer"]:
            due_url, due_word = url, answer_word
        else:
            due_url = due_word = ""
        # plain text: the row template (Jinja2) escapes each value as it prints it
        cases.append(
            {
                "reference": c["reference"],
                "url": url,
                "model": f"{c['model__name']} {c['model__version']}".strip(),
                "kind": kinds.get(c["kind"], c["kind"]),
                "state": states.get(c["state"], c["state"]),
                "late": c["late"],
                "due_day": days(nearest) if nearest is not None else "",
                "due_url": due_url,
                "due_word": due_word,
            }
        )
    return cases


def _standing(
    model: _ModelFacts,
    today: datetime.date,
    words: _Words,
    case_url: Url,
    wizard_url: Url,
    reassessment_url: Url,
) -> list[dict[str, Any]]:
    """What applies to a model now, in words (docs/rules.md § one-case-per-model): "notify",
    "notified: case …", "designated since …", "reassessment possible from …" or the request."""
    items: list[dict[str, Any]] = []
    open_cases = [c for c in model.cases.all() if c.state in OPEN_STATES]
    for d in model.designations.all():
        if not d.active:
            continue
        items.append(_item(words.designated_since % {"date": deadlines.format_date(d.decided_on)}))
        pending = [
            c for c in open_cases if c.kind == Kind.REASSESSMENT and c.designation_id == d.pk
        ]
        if pending:
            items.append(
                _item(
                    words.reassessment_requested % {"reference": pending[0].reference},
                    url=case_url(pending[0].reference),
                )
            )
        elif today < d.reassessment_earliest:
            earliest = deadlines.format_date(d.reassessment_earliest)
            items.append(_item(words.reassessment_from % {"date": earliest}))
        elif not rules.reassessment_blockers(d, today=today):
            items.append(_item(words.request_reassessment, url=reassessment_url(d.pk), button=True))
    for c in open_cases:
        if c.kind == Kind.NOTIFICATION and c.state == State.DRAFT:
            items.append(
                _item(
                    words.draft % {"reference": c.reference},
                    url=wizard_url(c.reference, c.wizard_step or "trigger"),
                )
            )
        elif c.kind == Kind.NOTIFICATION:
            items.append(
                _item(words.notified % {"reference": c.reference}, url=case_url(c.reference))
            )
        elif c.kind == Kind.EX_OFFICIO:
            items.append(
                _item(words.ex_officio % {"reference": c.reference}, url=case_url(c.reference))
            )
    if not items and model.above_threshold:
        items.append(_item(words.above, badge="late"))
    return items


def _item(text: str, *, url: str = "", button: bool = False, badge: str = "") -> dict[str, Any]:
    """One thing that applies, with every key the template asks (a missing key costs the
    template a failed lookup and a ``dir()``)."""
    return {"text": text, "url": url, "button": button, "badge": badge}
