""" "What needs me": the top of every home page, by role — what the person must act on now."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.cache import caches
from django.db.models import Case as DbCase
from django.db.models import CharField, Count, F, Max, Value, When, Window
from django.db.models.functions import RowNumber
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext, gettext_lazy

from gpai_cases.accounts import roles
from gpai_cases.cases.dayformat import ShortDays
from gpai_cases.cases.models import Decision, DecisionStatus
from gpai_cases.core import freshness
from gpai_cases.core.compiled import Compiled
from gpai_cases.core.escaping import escaped
from gpai_cases.core.fragments import version_text
from gpai_cases.core.links import url_filler
from gpai_cases.register.services import pending_changes

from . import deadlines_of
from .models import InboxMessage

#: How many items a panel shows (the rest: the inbox, the queue).
LIMIT = 10


@dataclass(frozen=True)
class Need:
    label: str
    link: str
    date: Any = None
    rule: str = ""
    #: ``date`` as the panel prints it (the short day), written when the panel is built
    day: str = ""

    def __getitem__(self, name: str) -> Any:
        """The template's lookup of ``n.label`` tries ``n["label"]`` first: answered here, not
        by an exception caught before ``getattr`` (docs/adr/0021: a failed lookup costs more
        than the value)."""
        return getattr(self, name)


def _build_unread(groups: tuple[tuple[str, tuple[str, ...]], ...], user: Any) -> Any:
    group = DbCase(
        *(When(kind__in=kinds, then=Value(name)) for name, kinds in groups),
        output_field=CharField(),
    )
    return (
        InboxMessage.objects.filter(
            user_id=user.pk,
            read_at__isnull=True,
            kind__in=[k for _, kinds in groups for k in kinds],
        )
        .annotate(
            group=group,
            rank=Window(RowNumber(), partition_by=[group], order_by=[F("created_at"), F("pk")]),
        )
        .filter(rank__lte=LIMIT)
        .order_by("created_at", "pk")
        .values_list("group", "pk", "subject", "due_date", "due_rule")
    )


#: The groups of kinds are the shape: the same few on every home page.
_UNREAD = Compiled(_build_unread)


def _unread(user: Any, groups: dict[str, tuple[str, ...]]) -> dict[str, list[Need]]:
    """The person's first unread messages of each group of kinds, oldest first, at most
    :data:`LIMIT` per group, in one query (a window numbers each group's rows), compiled once
    (:mod:`gpai_cases.core.compiled`); only the columns a need shows (a message's body can be
    long), one reverse() per call."""
    link = url_filler("inbox_open", int)
    found: dict[str, list[Need]] = {name: [] for name in groups}
    for name, pk, subject, due_date, due_rule in _UNREAD.rows(tuple(groups.items()), user):
        found[name].append(Need(subject, link(pk), due_date, due_rule))
    return found


def _deadlines(user: Any) -> list[Need]:
    return [Need(d.title, d.link, d.date, d.rule) for d in deadlines_of.for_user(user, limit=LIMIT)]


_UNREAD_SUMMARY = Compiled(
    lambda shape, user: (
        InboxMessage.objects.filter(user_id=user.pk, read_at__isnull=True)
        .order_by()
        .values("user_id")
        .annotate(n=Count("pk"), newest=Max("pk"))
        .values_list("n", "newest")
    )
)


def unread_summary(user: Any) -> dict[str, Any]:
    """How many unread messages the person has (``n``) and the newest one's id (``newest``)."""
    for n, newest in _UNREAD_SUMMARY.rows((), user):
        return {"n": n, "newest": newest}
    return {"n": 0, "newest": None}


def unread_of(request: HttpRequest) -> dict[str, Any]:
    """:func:`unread_summary` of the signed-in person, read once per request: for the panel's
    key and for the header's count."""
    summary = getattr(request, "gpai_unread", None)
    if summary is None:
        summary = request.gpai_unread = unread_summary(request.user)  # type: ignore[attr-defined]
    return summary


def for_request(request: HttpRequest, *, version: Any = None) -> dict[str, list[Need]]:
    """:func:`for_user` of the signed-in person, with this request's unread numbers;
    ``version``: the data version, when the page has read it already for its own fragment."""
    return for_user(request.user, version=version, unread=unread_of(request))


def for_user(
    user: Any, *, version: Any = None, unread: dict[str, Any] | None = None
) -> dict[str, list[Need]]:
    """Titled lists of what the user must act on (empty lists are left out).

    Kept in the fragments cache under everything they are made of: the data version (any change
    to cases, requests, obligations, the register; for a provider's member, only the reference
    version and its providers' cases, :func:`freshness.provider_version`), the person's unread
    messages (how many, and the newest), the day (deadlines are counted from it), the person and
    the language. A hit costs those two small queries instead of one query per list. A
    transaction that changed data and has not committed sees data no version names: it builds its
    own panel (as fragments do)."""
    if freshness.uncommitted_changes():
        return _panels(user)
    unread = unread_summary(user) if unread is None else unread
    key = ":".join(
        map(
            str,
            (
                "needs",
                version_text(_version_of(user) if version is None else version),
                user.pk,
                user.role,
                unread["n"],
                unread["newest"],
                timezone.localdate(),
                translation.get_language() or "en",
            ),
        )
    )
    cache = caches["fragments"]
    panels = cache.get(key)
    if panels is None:
        panels = _panels(user)
        cache.set(key, panels)
    return panels


def _version_of(user: Any) -> Any:
    """What the person's panel depends on: a provider's member sees only its providers' cases."""
    if roles.is_provider_member(user):
        return freshness.provider_version(user.pk)
    return freshness.current()


def _panels(user: Any) -> dict[str, list[Need]]:
    panels: dict[Any, list[Need]] = {}
    if roles.is_provider_member(user):
        panels[gettext_lazy("Requests and notifications due")] = _deadlines(user)
        panels[gettext_lazy("Letters not yet read")] = _unread(
            user, {"letters": ("letter_ready",)}
        )["letters"]
    elif roles.is_caseworker(user):
        panels[gettext_lazy("My cases by next deadline")] = _deadlines(user)
        unread = _unread(
            user,
            {
                "received": ("answer_received", "correction_received", "supplementary_received"),
                "lapsed": ("request_lapsed",),
            },
        )
        panels[gettext_lazy("Answers and filings received")] = unread["received"]
        panels[gettext_lazy("Requests that lapsed unanswered")] = unread["lapsed"]
    elif roles.is_approver(user):
        waiting = (
            Decision.objects.filter(status=DecisionStatus.PROPOSED)
            .exclude(proposed_by=user)
            .select_related("case__model")
            .order_by("proposed_at")[:LIMIT]
        )
        panels[gettext_lazy("Proposals waiting for your approval")] = [
            Need(
                gettext("%(reference)s — %(model)s: %(outcome)s")
                % {
                    "reference": d.case.reference,
                    "model": d.case.model,
                    "outcome": d.get_outcome_display(),
                },
                reverse("workspace:case", args=[d.case.reference]),
                d.proposed_at.date(),
                gettext("proposed on this day"),
            )
            for d in waiting
        ]
    elif roles.is_office_admin(user):
        changed = [c for c in pending_changes() if c.change != "unchanged"]
        panels[gettext_lazy("Changes waiting for publication")] = [
            Need(
                f"{c.entry['model_name']} ({c.entry['provider_name']}): {c.change}",
                reverse("register:publish"),
            )
            for c in changed[:LIMIT]
        ]
    # words and days in the reader's language now (lazy ones are not kept in a cache), escaped
    # once (core/escaping.py): the panel prints them as they are
    days = ShortDays()
    return {
        str(title): [
            Need(
                escaped(str(n.label)),
                escaped(n.link),
                n.date,
                n.rule if hasattr(n.rule, "render") else escaped(str(n.rule)),
                days(n.date) if n.date else "",
            )
            for n in items
        ]
        for title, items in panels.items()
        if items
    }
