"""Publishing the public list. Public entries are built from an explicit allow-list of fields."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from auditlog.context import set_actor
from django.db import IntegrityError, transaction
from django.db.models import Max, Prefetch

from gpai_cases.cases import access, rules
from gpai_cases.cases.models import ConfidentialityClaim, Decision, DecisionStatus, Designation
from gpai_cases.core.errors import refuse_if

from .models import Publication, PublicEntry, PublicWording

__all__ = [
    "PUBLIC_FIELDS",
    "build_entry",
    "confidential_terms_found",
    "latest_publication_number",
    "pending_changes",
    "publish",
]

# The only fields that can ever reach the public list (Art 52(6): no confidential information).
PUBLIC_FIELDS = (
    "entry_id",
    "model_name",
    "provider_name",
    "summary",
    "designated_on",
    "basis",
    "status",
    "revoked_on",
    "history",
)


def entry_id_for(designation: Designation) -> str:
    return f"GPAI-SR-{designation.pk:04d}"


def wording_for(designation: Designation) -> PublicWording:
    wording = getattr(designation, "_wording", None)
    if wording is not None:
        return wording
    try:
        return designation.public_wording
    except PublicWording.DoesNotExist:
        return PublicWording(
            designation=designation,
            entry_id=entry_id_for(designation),
            public_model_name=str(designation.model),
            public_provider_name=designation.model.provider.legal_name,
            summary="",
        )


def _designations() -> list[Designation]:
    maintain = Decision.objects.filter(status=DecisionStatus.APPROVED, outcome="maintain").order_by(
        "decided_on"
    )
    return list(
        Designation.objects.select_related("model__provider", "public_wording")
        .prefetch_related(Prefetch("reassessment_cases__decisions", queryset=maintain))
        .order_by("decided_on", "pk")
    )


def build_entry(designation: Designation, wording: PublicWording | None = None) -> dict[str, Any]:
    """The public entry of a designation: exactly PUBLIC_FIELDS, nothing else."""
    wording = wording or wording_for(designation)
    history = [{"date": designation.decided_on.isoformat(), "event": "designated"}]
    for case in designation.reassessment_cases.all():
        for decision in case.decisions.all():
            if decision.decided_on:
                history.append(
                    {"date": decision.decided_on.isoformat(), "event": "reassessment: maintained"}
                )
    if designation.ended_on:
        history.append({"date": designation.ended_on.isoformat(), "event": "revoked"})
    history.sort(key=lambda h: h["date"])
    entry = {
        "entry_id": wording.entry_id,
        "model_name": wording.public_model_name,
        "provider_name": wording.public_provider_name,
        "summary": wording.summary,
        "designated_on": designation.decided_on.isoformat(),
        "basis": designation.get_basis_display(),
        "status": "revoked" if designation.ended_on else "designated",
        "revoked_on": designation.ended_on.isoformat() if designation.ended_on else None,
        "history": history,
    }
    if tuple(entry) != PUBLIC_FIELDS:  # the allow-list is the contract of the public list
        raise RuntimeError("A public entry must carry exactly PUBLIC_FIELDS.")
    return entry


def latest_publication_number() -> int:
    """Read from the database on every request (one index lookup), so that every process sees a
    new publication at once, whatever cache it has."""
    return Publication.objects.order_by("-number").values_list("number", flat=True).first() or 0


@dataclass
class Change:
    designation: Designation
    change: str  # "new", "revoked", "maintained", "unchanged"
    entry: dict[str, Any]


def pending_changes() -> list[Change]:
    """Every designation with what changed since the last publication."""
    last = Publication.objects.order_by("-number").first()
    published = {}
    if last is not None:
        published = {e.entry_id: e for e in last.entries.all()}
    changes = []
    for designation in _designations():
        entry = build_entry(designation)
        before = published.get(entry["entry_id"])
        if before is None:
            if designation.ended_on:
                continue  # revoked before it was ever published: nothing to show
            change = "new"
        elif before.status != entry["status"]:
            change = "revoked"
        elif before.history != entry["history"]:
            change = "maintained"
        elif (before.model_name, before.provider_name, before.summary) != (
            entry["model_name"],
            entry["provider_name"],
            entry["summary"],
        ):
            change = "wording"
        else:
            change = "unchanged"
        changes.append(Change(designation, change, entry))
    return changes


WORDING_FIELDS = ("public_model_name", "public_provider_name", "summary")


def confidential_terms_found(changes: list[Change]) -> dict[str, list[str]]:
    """Entry id → the terms claimed confidential (Art 78, by any provider) that its public
    wording contains: the publishing page warns, and publishing is refused."""
    terms = sorted(
        {t for claim in ConfidentialityClaim.objects.only("terms") for t in claim.term_list()}
    )
    if not terms:
        return {}
    found = {}
    for change in changes:
        entry = change.entry
        hits = rules.claimed_terms_in(
            [entry["model_name"], entry["provider_name"], entry["summary"]], terms
        )
        if hits:
            found[entry["entry_id"]] = hits
    return found


def wording_save(*, actor: Any, designation: Designation, **fields: str) -> PublicWording:
    access.require(access.may_publish, actor)
    wording = wording_for(designation)
    for name, value in fields.items():
        if name not in WORDING_FIELDS:
            raise TypeError(name)
        value = (value or "").strip()
        if name != "summary" and not value:
            continue  # keep the default rather than publish an empty name
        setattr(wording, name, value[:1000] if name == "summary" else value[:200])
    with set_actor(actor):  # old and new wording in its history (django-auditlog)
        wording.save()
    return wording


def publish(*, actor: Any, overrides: dict[int, dict[str, str]] | None = None) -> Publication:
    """Publish the list as it stands: a new numbered, immutable snapshot."""
    access.require(access.may_publish, actor)
    overrides = overrides or {}
    for _ in range(3):
        try:
            with transaction.atomic():
                for designation in Designation.objects.filter(pk__in=list(overrides)):
                    wording_save(actor=actor, designation=designation, **overrides[designation.pk])
                changes = pending_changes()
                # nothing claimed confidential enters the public list (Art 52(6), Art 78)
                refuse_if(rules.publish_blockers(confidential_terms_found(changes)))
                number = (Publication.objects.aggregate(m=Max("number"))["m"] or 0) + 1
                publication = Publication.objects.create(number=number, published_by=actor)
                PublicEntry.objects.bulk_create(
                    PublicEntry(publication=publication, **c.entry) for c in changes
                )
                for c in changes:
                    wording = wording_for(c.designation)
                    if wording.pk is None:
                        wording.save()  # the entry id is now public: keep it for ever
            return publication
        except IntegrityError:
            continue  # another admin published at the same moment: number again
    raise RuntimeError("Could not publish: the list is being published by someone else.")
