"""When may a cached page fragment be served? While the data version has not moved.

The data version is one number in the database (``DataVersion``, row 1). It goes up *after* every
transaction that changed case data commits: a ``post_save``/``post_delete`` signal of any model of
the domain apps queues one bump per transaction with ``transaction.on_commit``; bulk writes that
bypass signals (``QuerySet.update``, ``bulk_create``) call :func:`changed` themselves.

Why after the commit, and why in the database:
- A reader that saw the old number and the new data caches fresh data under an old key (harmless);
  a reader can never cache old data under the new number, because the number moves only once the
  new data is visible. A counter bumped inside the transaction would also be correct, but would
  make every writer wait for every other one.
- The number lives in the database, not in the cache, so that web processes, Celery workers and
  the admin all agree on it whatever cache backend each of them has (per-process memory in
  development, Redis in production).

Reading it is one primary-key lookup, done lazily (``data_version`` in templates) only by pages
that cache fragments: ``{% cache 600 name data_version ... using="fragments" %}``.
"""

from __future__ import annotations

from typing import Any

from django.apps import apps as global_apps
from django.db import transaction
from django.db.models import F
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils.functional import SimpleLazyObject

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
ROW = 1


def current() -> int:
    from .models import DataVersion

    return DataVersion.objects.filter(pk=ROW).values_list("n", flat=True).first() or 0


def _bump() -> None:
    from .models import DataVersion

    if not DataVersion.objects.filter(pk=ROW).update(n=F("n") + 1):
        DataVersion.objects.get_or_create(pk=ROW, defaults={"n": 1})


def changed(using: str | None = None) -> None:
    """Case data changed: move the version once this transaction commits (at once outside one)."""
    connection = transaction.get_connection(using)
    if connection.in_atomic_block:
        # one bump per transaction is enough; a rolled-back savepoint drops its callback with it
        if any(getattr(entry[1], "__name__", "") == "_bump" for entry in connection.run_on_commit):
            return
        transaction.on_commit(_bump, using=using)
    else:
        _bump()


def _on_write(sender: Any, using: str | None = None, **kwargs: Any) -> None:
    update_fields = kwargs.get("update_fields")
    if update_fields and frozenset(update_fields) <= UNSHOWN_FIELDS:
        return
    changed(using)


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


def context(request: Any) -> dict[str, Any]:
    """Template context processor: ``data_version``, read only if a template uses it."""
    return {"data_version": SimpleLazyObject(current)}
