"""When may a cached page fragment be served? While the data it shows has not changed.

Three kinds of number, all in the database, all moved *after* the transaction that changed the
data commits:

- the **data version** (``DataVersion`` row 1) moves after every change to the data of the domain
  apps: pages that show many cases (the queue, the portal home) are keyed by it;
- the **reference version** (row 2) moves after a change that is not one case's own: providers,
  models, people, designations, the calendar, and bulk writes that do not say which cases they
  touched;
- a case's **stamp** (``CaseStamp``) is set to the new data version after a change to that case
  or to a record that belongs to it (its notification, claims, documents, requests, decisions,
  letters, events, scorecards). A case page is keyed by the reference version and its case's
  stamp, so it stays cached while other cases change.

A ``post_save``/``post_delete``/``m2m_changed`` signal of any model of the domain apps records the
change; bulk writes that bypass signals (``QuerySet.update``, ``bulk_create``) call
:func:`changed` themselves. One callback per transaction applies everything at commit.

Why after the commit, and why in the database:
- A reader that saw the old number and the new data caches fresh data under an old key (harmless);
  a reader can never cache old data under the new number, because the number moves only once the
  new data is visible. A counter bumped inside the transaction would also be correct, but would
  make every writer wait for every other one.
- The numbers live in the database, not in the cache, so that web processes, Celery workers and
  the admin all agree on them whatever cache backend each of them has (per-process memory in
  development, Redis in production).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.apps import apps as global_apps
from django.db import transaction
from django.db.models import F, OuterRef, Subquery
from django.db.models.signals import m2m_changed, post_delete, post_save

#: Apps whose data appears on cached pages; a write to any of their models moves the version.
DOMAIN_APPS = frozenset(
    {"accounts", "providers", "documents", "cases", "letters", "register", "assessment"}
)
#: Models of those apps that no cached page shows: writing them leaves the version alone (a
#: sign-in writes both, and must not make every cached page render again).
NOT_SHOWN = frozenset({"accounts.SignInEvent"})
#: Saves that touch only these fields change nothing a cached page shows (``last_login`` is
#: written by every sign-in).
UNSHOWN_FIELDS = frozenset({"last_login"})
#: Records with a ``case`` that other cases' pages show too: their changes move the reference
#: version (a designation appears on the page of the reassessment that reviews it).
SHARED = frozenset({"cases.Designation"})
ROW, REFERENCE_ROW = 1, 2


def _version(row: int) -> int:
    from .models import DataVersion

    return DataVersion.objects.filter(pk=row).values_list("n", flat=True).first() or 0


def current() -> int:
    """The data version: moves after any change (pages that show many cases)."""
    return _version(ROW)


def reference_version() -> int:
    """The reference version: moves after any change that is not one case's own."""
    return _version(REFERENCE_ROW)


def case_version(reference: str) -> tuple[int, int] | None:
    """What a case page depends on: (reference version, the case's stamp), in one query; None
    when there is no such case."""
    from gpai_cases.cases.models import Case

    from .models import CaseStamp, DataVersion

    return (
        Case.objects.filter(reference=reference)
        .annotate(
            reference_version=Subquery(
                DataVersion.objects.filter(pk=REFERENCE_ROW).values("n")[:1]
            ),
            stamp=Subquery(CaseStamp.objects.filter(case=OuterRef("pk")).values("n")[:1]),
        )
        .values_list("reference_version", "stamp")
        .first()
    )


class _Pending:
    """What one transaction changed, applied once it commits."""

    def __init__(self) -> None:
        self.cases: set[int] = set()
        self.shared = False

    def __call__(self) -> None:
        from .models import CaseStamp

        # One transaction holding the data version's row: versions are handed out one after the
        # other, and every case changed here is stamped with the version this change made.
        with transaction.atomic():
            version = _bump(ROW)
            if self.shared:
                _bump(REFERENCE_ROW)
            if self.cases:
                CaseStamp.objects.bulk_create(
                    [CaseStamp(case_id=pk, n=version) for pk in sorted(self.cases)],
                    update_conflicts=True,
                    unique_fields=["case"],
                    update_fields=["n"],
                    batch_size=500,
                )


def _bump(row: int) -> int:
    """Move one counter by one and return its new value. Inside a transaction, the UPDATE keeps
    the row locked until commit: concurrent bumps wait, so every value is handed out once."""
    from .models import DataVersion

    if not DataVersion.objects.filter(pk=row).update(n=F("n") + 1):
        DataVersion.objects.get_or_create(pk=row, defaults={"n": 1})
    return DataVersion.objects.filter(pk=row).values_list("n", flat=True).get()


def changed(using: str | None = None, *, cases: Iterable[int] | None = None) -> None:
    """Data changed: move the numbers once this transaction commits (at once outside one).

    ``cases``: the ids of the only cases whose own data changed; None when the change is not
    one case's own (or nobody knows which cases a bulk write touched).
    """
    connection = transaction.get_connection(using)
    pending = None
    if connection.in_atomic_block:
        # one callback per transaction; a rolled-back savepoint drops its callback with it, and
        # a later change then registers a new one
        pending = next((e[1] for e in connection.run_on_commit if isinstance(e[1], _Pending)), None)
    new = pending is None
    pending = pending or _Pending()
    if cases is None:
        pending.shared = True
    else:
        pending.cases.update(cases)
    if not connection.in_atomic_block:
        pending()
    elif new:
        transaction.on_commit(pending, using=using)


def _cases_of(instance: Any) -> list[int] | None:
    """The case whose own data ``instance`` is, or None when it is shared."""
    label = instance._meta.label
    if label in SHARED:
        return None
    if label == "cases.Case":
        return [instance.pk]
    case_id = getattr(instance, "case_id", None)
    return [case_id] if case_id else None


def _on_write(sender: Any, instance: Any = None, using: str | None = None, **kwargs: Any) -> None:
    update_fields = kwargs.get("update_fields")
    if update_fields and frozenset(update_fields) <= UNSHOWN_FIELDS:
        return
    changed(using, cases=_cases_of(instance) if instance is not None else None)


def connect() -> None:
    """Listen to the models of the domain apps only (a receiver for every sender would also turn
    off Django's fast delete for sessions and every other model)."""
    for config in global_apps.get_app_configs():
        if config.label not in DOMAIN_APPS:
            continue
        for model in config.get_models():
            if model._meta.label in NOT_SHOWN:
                continue
            for signal in (post_save, post_delete):
                signal.connect(
                    _on_write, sender=model, dispatch_uid=f"freshness-{model._meta.label}"
                )
            for field in model._meta.local_many_to_many:
                through = field.remote_field.through
                m2m_changed.connect(
                    _on_write, sender=through, dispatch_uid=f"freshness-m2m-{through._meta.label}"
                )
