"""One timeline of a designated model's obligations — its designations, the provider's Code of
Practice status and framework versions (with the AI Office's reviews), the model reports, the
serious incidents and their reports — each entry dated and keyed, so that a reassessment can cite
entries (docs/rules.md § reassessment, § model-reports). Reads only what the user may read."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from gpai_cases.cases import access as case_access
from gpai_cases.cases.deadlines import format_date

from . import access
from .models import Chapter, IncidentStage, ReviewKind

__all__ = ["REPORT_PREFIXES", "Entry", "citation_lines", "model_timeline", "with_citations"]

#: How the reasons of a reassessment introduce the entries they cite.
CITED_INTRO = "Dated entries of the model's record, filed since the decision:"

#: The entries that are reports the provider filed (a provider's reassessment request cites these).
REPORT_PREFIXES = ("report", "incident", "incident-report")


@dataclass(frozen=True)
class Entry:
    key: str
    date: datetime.date
    what: str
    text: str
    late: bool = False
    internal: bool = False
    file: Any = None
    incident_id: int | None = None

    @property
    def prefix(self) -> str:
        return self.key.split(":", 1)[0]

    @property
    def citation(self) -> str:
        """The entry in one line, as a reassessment cites it."""
        late = " (filed after its due date)" if self.late else ""
        return f"{format_date(self.date)} — {self.what}{late}: {self.text}"


def _short(text: str, n: int = 300) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def _review_text(review: Any) -> str:
    if review.kind == ReviewKind.CHANGES_REQUESTED:
        return f"{_short(review.note)} (due {format_date(review.due_date)})"
    return _short(review.note) or "—"


def model_timeline(model: Any, *, user: Any) -> list[Entry]:
    """Every dated entry of the model's obligations the user may read, oldest first."""
    entries: list[Entry] = []
    for d in case_access.designations_visible_to(user).filter(model=model):
        entries.append(
            Entry(f"designation:{d.pk}", d.decided_on, "Designated", d.get_basis_display())
        )
        if d.ended_on:
            entries.append(Entry(f"designation-end:{d.pk}", d.ended_on, "Designation ended", ""))
    chapters = dict(Chapter.choices)
    for s in access.code_of_practice_visible_to(user).filter(provider_id=model.provider_id):
        entries.append(
            Entry(
                f"cop:{s.pk}",
                s.recorded_at.date(),
                f"Code of Practice, {chapters[s.chapter].lower()} chapter",
                s.words + (f" — {s.note}" if s.note else ""),
            )
        )
    for v in access.framework_versions_visible_to(user).filter(provider_id=model.provider_id):
        entries.append(
            Entry(
                f"framework:{v.pk}",
                v.filed_on,
                f"Safety and security framework, version {v.version}",
                _short(v.summary),
                file=v.file,
            )
        )
    for r in access.framework_reviews_visible_to(user).filter(provider_id=model.provider_id):
        entries.append(
            Entry(
                f"review:{r.pk}",
                r.at.date(),
                f"Framework version {r.version.version}: {r.get_kind_display().lower()}",
                _review_text(r),
                internal=r.internal,
            )
        )
    for m in access.model_reports_visible_to(user).filter(model=model):
        entries.append(
            Entry(
                f"report:{m.pk}",
                m.filed_on,
                f"Model report, version {m.version} ({m.get_kind_display().lower()})",
                _short(m.summary),
                late=m.late,
                file=m.file,
            )
        )
    incidents = {
        i.pk: i
        for i in access.incidents_visible_to(user).filter(model=model).select_related("kind")
    }
    reports = access.incident_reports_visible_to(user).filter(incident__model=model)
    for r in reports.select_related("file").order_by("incident_id", "number"):
        initial = r.stage == IncidentStage.INITIAL
        incident = incidents[r.incident_id]
        entries.append(
            Entry(
                f"incident:{r.incident_id}" if initial else f"incident-report:{r.pk}",
                r.filed_on,
                f"Serious incident “{incident.title}” ({incident.kind.label.lower()}): "
                f"{r.get_stage_display().lower()}",
                _short(r.what_happened),
                late=incident.initial_late if initial else r.late,
                file=r.file,
                incident_id=r.incident_id,
            )
        )
    return sorted(entries, key=lambda e: (e.date, e.key))


def citation_lines(model: Any, keys: list[str], *, user: Any, prefixes: tuple = ()) -> list[str]:
    """The chosen entries in one line each (unknown or unreadable keys are left out)."""
    wanted = set(keys)
    return [
        e.citation
        for e in model_timeline(model, user=user)
        if e.key in wanted and (not prefixes or e.prefix in prefixes)
    ]


def with_citations(reasons: str, lines: list[str], *, intro: str = CITED_INTRO) -> str:
    """The reasons followed by the cited entries, one line each (the reasons alone if none)."""
    if not lines:
        return reasons
    cited = intro + "\n" + "\n".join(f"- {line}" for line in lines)
    return f"{reasons.rstrip()}\n\n{cited}" if reasons.strip() else cited
