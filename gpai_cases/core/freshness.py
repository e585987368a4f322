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
  stamp, so it stays cached while other cases change;
- a **provider scope** (:func:`provider_version`): the reference version and the newest stamp of
  the cases of a person's providers. The portal home is keyed by it, so it stays cached while
  other providers' cases change. Whose a case is (its model) can change only by a shared change,
  and deleting a case is one (:data:`OWNER_FIELDS`): the newest stamp of a provider's cases can
  then only grow, and it grows with every change to one of them or a new one.

A ``post_save``/``post_delete``/``m2m_changed`` signal of any model of the domain apps records the
change; bulk writes that send no signals (``QuerySet.update``, ``bulk_create``, ``bulk_update``)
are reported by :class:`ReportingQuerySet`, the queryset of every such model (a system check
refuses a model without it). Nobody calls :func:`changed` by hand. At commit, everything the
transaction changed is applied at once; a transaction never reads fragments while it has
uncommitted changes (:func:`uncommitted_changes`), so it always sees its own writes.

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

import functools
import threading
from collections.abc import Iterable
from typing import Any

from django.apps import apps as global_apps
from django.core import checks
from django.db import DEFAULT_DB_ALIAS, models, transaction
from django.db.models import F, OuterRef, Subquery
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save

from .compiled import Compiled

#: Apps whose data appears on cached pages; a write to any of their models moves the version.
DOMAIN_APPS = frozenset(
    {
        "accounts",
        "providers",
        "documents",
        "cases",
        "obligations",
        "letters",
        "register",
        "assessment",
    }
)
#: Models of those apps that no cached page shows: writing them leaves the version alone (a
#: sign-in writes both, and must not make every cached page render again).
NOT_SHOWN = frozenset({"accounts.SignInEvent", "cases.ReferenceSequence", "documents.DocumentRead"})
#: Saves that touch only these fields change nothing a cached page shows (``last_login`` is
#: written by every sign-in; a letter's queueing times are the worker's bookkeeping).
UNSHOWN_FIELDS = frozenset({"last_login", "queued_at", "render_started_at"})
#: Records with a ``case`` that other cases' pages show too: their changes move the reference
#: version (a designation appears on the page of the reassessment that reviews it).
SHARED = frozenset({"cases.Designation"})
#: Fields that decide whose a case is (the provider of its model): a write that changes them is a
#: shared change, so that the provider a case leaves sees it go (provider scopes only grow).
OWNER_FIELDS = {"cases.Case": frozenset({"model", "model_id"})}
ROW, REFERENCE_ROW = 1, 2


def _build_version(shape: object, row: int) -> Any:
    from .models import DataVersion

    return DataVersion.objects.filter(pk=row).order_by().values_list("n")[:1]


#: Read on every page: compiled once (docs/adr/0025-queries-compiled-once.md).
_VERSION = Compiled(_build_version)


def _version(row: int) -> int:
    found = _VERSION.rows((), row)
    return (found[0][0] if found else 0) or 0


def current() -> int:
    """The data version: moves after any change (pages that show many cases)."""
    return _version(ROW)


def reference_version() -> int:
    """The reference version: moves after any change that is not one case's own."""
    return _version(REFERENCE_ROW)


def case_version(reference: str) -> tuple[int, int] | None:
    """What a case page depends on: (reference version, the case's stamp), in one query; None
    when there is no such case."""
    found = _CASE_VERSION.rows((), reference)
    return found[0] if found else None


def _build_case_version(shape: object, reference: str) -> Any:
    from .models import CaseStamp, DataVersion

    return (
        global_apps.get_model("cases", "Case")
        .objects.filter(reference=reference)
        .annotate(
            reference_version=Subquery(
                DataVersion.objects.filter(pk=REFERENCE_ROW).values("n")[:1]
            ),
            stamp=Subquery(CaseStamp.objects.filter(case=OuterRef("pk")).values("n")[:1]),
        )
        .order_by("pk")
        .values_list("reference_version", "stamp")[:1]
    )


_CASE_VERSION = Compiled(_build_case_version)


def provider_version(user_id: int) -> tuple[str, int, int | None]:
    """What a page over the cases of a person's providers depends on: the reference version
    (providers, models, memberships) and the newest stamp of those cases, in one query."""
    found = _PROVIDER_VERSION.rows((), user_id)
    if not found:  # no shared change yet: the data version covers everything
        return ("all", current(), None)
    return ("providers", *found[0])


def _build_provider_version(shape: object, user_id: int) -> Any:
    from .models import CaseStamp, DataVersion

    newest = (
        CaseStamp.objects.filter(case__model__provider__memberships__user_id=user_id)
        .order_by("-n")
        .values("n")[:1]
    )
    return (
        DataVersion.objects.filter(pk=REFERENCE_ROW)
        .annotate(newest=Subquery(newest))
        .order_by()
        .values_list("n", "newest")[:1]
    )


_PROVIDER_VERSION = Compiled(_build_provider_version)


class _Pending:
    """What one transaction changed, applied once it commits."""

    def __init__(self) -> None:
        self.cases: set[int] = set()
        self.shared = False

    def __bool__(self) -> bool:
        return self.shared or bool(self.cases)

    def add(self, cases: Iterable[int] | None) -> None:
        if cases is None:
            self.shared = True
        else:
            self.cases.update(cases)

    def apply(self) -> None:
        from .models import CaseStamp

        # One transaction holding the data version's row: versions are handed out one after the
        # other, and every case changed here is stamped with the version this change made.
        with transaction.atomic():
            version = _bump(ROW)
            if self.shared:
                _bump(REFERENCE_ROW)
            # a case created by a transaction that was rolled back may be left over here
            # (this thread's record of changes outlives a rollback): stamp only cases that exist
            cases = (
                global_apps.get_model("cases", "Case")
                .objects.filter(pk__in=sorted(self.cases))
                .values_list("pk", flat=True)
                if self.cases
                else []
            )
            if cases:
                CaseStamp.objects.bulk_create(
                    [CaseStamp(case_id=pk, n=version) for pk in cases],
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


#: What the open transaction of each database connection of this thread changed so far.
_local = threading.local()


def _pending() -> dict[str, _Pending]:
    if not hasattr(_local, "pending"):
        _local.pending = {}
    return _local.pending


def _flush(using: str) -> None:
    """At commit: apply what the transaction changed (once, however many callbacks it has)."""
    pending = _pending().pop(using, None)
    if pending:
        pending.apply()


def changed(using: str | None = None, *, cases: Iterable[int] | None = None) -> None:
    """Data changed: move the numbers once this transaction commits (at once outside one).

    ``cases``: the ids of the only cases whose own data changed; None when the change is not
    one case's own (or nobody knows which cases a bulk write touched). Called by the signals of
    :func:`connect` and by :class:`ReportingQuerySet`; code elsewhere never needs to call it.
    """
    using = using or DEFAULT_DB_ALIAS
    if not transaction.get_connection(using).in_atomic_block:
        now = _Pending()
        now.add(cases)
        now.apply()
        return
    pending = _pending().setdefault(using, _Pending())
    pending.add(cases)
    # A callback for every change: one registered inside a savepoint that is rolled back is
    # dropped with it, and the next change's callback then still carries the whole transaction.
    # The first callback to run applies everything; the others find nothing left to do. What a
    # rolled-back transaction recorded stays here until the next commit applies it too: that
    # moves a version for nothing (a page renders once more), which is harmless.
    transaction.on_commit(functools.partial(_flush, using), using=using)


def uncommitted_changes(using: str | None = None) -> bool:
    """Whether this thread's open transaction changed data that cached fragments may show.

    A fragment must not be served to, nor stored by, a transaction that sees its own uncommitted
    writes. Outside a transaction, whatever is left over was rolled back: it is forgotten.
    """
    using = using or DEFAULT_DB_ALIAS
    pending = _pending()
    if not transaction.get_connection(using).in_atomic_block:
        pending.pop(using, None)
        return False
    return bool(pending.get(using))


def forget_uncommitted() -> None:
    """Drop what rolled-back transactions left behind (tests call this between tests)."""
    _pending().clear()


class ReportingQuerySet(models.QuerySet):
    """The queryset of every model shown on cached pages: its bulk writes, which send no
    signals, report themselves, so that no caller has to remember to."""

    #: Above this many rows touched, an update is reported as shared (every case page renders
    #: again) rather than listing the cases.
    CASE_LIST_LIMIT = 1000

    def _touched_cases(self) -> list[int] | None:
        label = self.model._meta.label
        if label in SHARED:
            return None
        if label == "cases.Case":
            field = "pk"
        elif any(f.name == "case" and f.concrete for f in self.model._meta.get_fields()):
            field = "case_id"
        else:
            return None
        ids = list(
            self.values_list(field, flat=True).order_by().distinct()[: self.CASE_LIST_LIMIT + 1]
        )
        return None if len(ids) > self.CASE_LIST_LIMIT else [i for i in ids if i is not None]

    def _report(self, cases: list[int] | None) -> None:
        if self.model._meta.label not in NOT_SHOWN:
            changed(self.db, cases=cases)

    def update(self, **kwargs: Any) -> int:
        cases = None if _moves_owner(self.model, kwargs) else self._touched_cases()
        rows = super().update(**kwargs)
        if rows and not (frozenset(kwargs) <= UNSHOWN_FIELDS):
            self._report(cases)
        return rows

    update.alters_data = True  # type: ignore[attr-defined]

    def bulk_create(self, objs: Iterable[Any], *args: Any, **kwargs: Any) -> list[Any]:
        created = super().bulk_create(objs, *args, **kwargs)
        if created:
            self._report(_cases_of_many(created))
        return created

    def bulk_update(self, objs: Iterable[Any], fields: Any, *args: Any, **kwargs: Any) -> int:
        objs = list(objs)
        rows = super().bulk_update(objs, fields, *args, **kwargs)
        if rows:
            self._report(None if _moves_owner(self.model, fields) else _cases_of_many(objs))
        return rows


class ReportingManager(models.Manager.from_queryset(ReportingQuerySet)):  # type: ignore[misc]
    """The default manager of the models shown on cached pages."""


def _moves_owner(model: type[models.Model], fields: Iterable[str]) -> bool:
    owner = OWNER_FIELDS.get(model._meta.label)
    return bool(owner) and not owner.isdisjoint(fields)


def _cases_of_many(objs: list[Any]) -> list[int] | None:
    cases: set[int] = set()
    for obj in objs:
        ids = _cases_of(obj)
        if ids is None:
            return None
        cases.update(ids)
    return sorted(cases)


def _cases_of(instance: Any) -> list[int] | None:
    """The case whose own data ``instance`` is, or None when it is shared."""
    label = instance._meta.label
    if label in SHARED:
        return None
    if label == "cases.Case":
        return [instance.pk] if instance.pk else None
    case_id = getattr(instance, "case_id", None)
    return [case_id] if case_id else None


#: Set by :func:`_before_save` on an instance whose owner field is about to change.
_OWNER_MOVED = "_gpai_freshness_owner_moved"


def _before_save(sender: Any, instance: Any, using: str | None = None, **kwargs: Any) -> None:
    """Before a save of a model with :data:`OWNER_FIELDS`: does it change whose the row is?
    (One primary-key read, only when such a field may be written.)"""
    owner = OWNER_FIELDS[sender._meta.label]
    update_fields = kwargs.get("update_fields")
    if instance.pk is None:  # a new row: it belongs nowhere yet
        return
    if update_fields is not None and owner.isdisjoint(update_fields):
        return
    columns = sorted({sender._meta.get_field(name).attname for name in owner})
    stored = sender._meta.base_manager.using(using).filter(pk=instance.pk).values(*columns).first()
    if stored is not None and any(stored[c] != getattr(instance, c) for c in columns):
        setattr(instance, _OWNER_MOVED, True)


def _on_write(sender: Any, instance: Any = None, using: str | None = None, **kwargs: Any) -> None:
    update_fields = kwargs.get("update_fields")
    if update_fields and frozenset(update_fields) <= UNSHOWN_FIELDS:
        return
    if instance is None or instance.__dict__.pop(_OWNER_MOVED, False):
        changed(using)  # whose it is changed: shared
    elif kwargs.get("signal") is post_delete and sender._meta.label in OWNER_FIELDS:
        changed(using)  # a row that decided a scope is gone: shared
    else:
        changed(using, cases=_cases_of(instance))


def connect() -> None:
    """Listen to the models of the domain apps only (a receiver for every sender would also turn
    off Django's fast delete for sessions and every other model)."""
    for model in shown_models():
        for signal in (post_save, post_delete):
            signal.connect(_on_write, sender=model, dispatch_uid=f"freshness-{model._meta.label}")
        if model._meta.label in OWNER_FIELDS:
            pre_save.connect(
                _before_save, sender=model, dispatch_uid=f"freshness-owner-{model._meta.label}"
            )
        # the documented Model _meta API only (get_fields, label): no private Django attribute
        for field in model._meta.get_fields(include_parents=False):
            if not (field.many_to_many and field.concrete):
                continue
            through = field.remote_field.through
            m2m_changed.connect(
                _on_write, sender=through, dispatch_uid=f"freshness-m2m-{through._meta.label}"
            )


def shown_models() -> list[type[models.Model]]:
    """The models whose data cached pages show: those of the domain apps, but NOT_SHOWN."""
    return [
        model
        for config in global_apps.get_app_configs()
        if config.label in DOMAIN_APPS
        for model in config.get_models()
        if model._meta.label not in NOT_SHOWN
    ]


@checks.register()
def check_reporting_managers(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    """A model shown on cached pages whose default manager does not report its bulk writes would
    let a page go stale: refuse to start."""
    return [
        checks.Error(
            f"{model._meta.label}'s default manager must use freshness.ReportingQuerySet.",
            hint="Use ReportingManager(), or a manager made from a ReportingQuerySet subclass.",
            obj=model,
            id="gpai.E001",
        )
        for model in shown_models()
        if not isinstance(model._default_manager.all(), ReportingQuerySet)
    ]
