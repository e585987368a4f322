"""One timeline of a designated model's obligations — its designations, the provider's Code of
Practice status and framework versions (with the AI Office's reviews), the model reports, the
serious incidents and their reports — each entry dated and keyed, so that a reassessment can cite
entries (docs/rules.md § reassessment, § model-reports). Reads only what the user may read."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from gpai_cases.cases import access as case_access
from gpai_cases.cases.deadlines import format_date

from . import access
from .models import Chapter, IncidentStage, ReportKind, ReviewKind

__all__ = ["REPORT_PREFIXES", "Entry", "citation_lines", "model_timeline", "with_citations"]

#: How the reasons of a reassessment introduce the entries they cite.
CITED_INTRO = _("Dated entries of the model's record, filed since the decision:")

#: The entries that are reports the provider filed (a provider's reassessment request cites these).
REPORT_PREFIXES = ("report", "incident", "incident-report")

#: The title of each kind of entry, one sentence each (German and French order their words).
CHAPTER_TITLES = {
    Chapter.TRANSPARENCY: _("Code of Practice, transparency chapter"),
    Chapter.COPYRIGHT: _("Code of Practice, copyright chapter"),
    Chapter.SAFETY_SECURITY: _("Code of Practice, safety and security chapter"),
}
REVIEW_TITLES = {
    ReviewKind.ACKNOWLEDGED: _("Framework version {version}: acknowledged"),
    ReviewKind.CHANGES_REQUESTED: _("Framework version {version}: changes requested"),
    ReviewKind.ASSESSMENT_NOTE: _("Framework version {version}: assessment note (internal)"),
}
REPORT_TITLES = {
    ReportKind.FIRST: _(
        "Model report, version {version} (first report (before placing on the market))"
    ),
    ReportKind.UPDATE: _("Model report, version {version} (update)"),
}
INCIDENT_TITLES = {
    IncidentStage.INITIAL: _("Serious incident “{title}” ({kind}): initial report"),
    IncidentStage.INTERMEDIATE: _("Serious incident “{title}” ({kind}): intermediate report"),
    IncidentStage.FINAL: _("Serious incident “{title}” ({kind}): final report"),
}


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
        if self.late:
            line = gettext("{day} — {what} (filed after its due date): {text}")
        else:
            line = gettext("{day} — {what}: {text}")
        return line.format(day=format_date(self.date), what=self.what, text=self.text)


def _short(text: str, n: int = 300) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def _review_text(review: Any) -> str:
    if review.kind == ReviewKind.CHANGES_REQUESTED:
        return gettext("{note} (due {day})").format(
            note=_short(review.note), day=format_date(review.due_date)
        )
    return _short(review.note) or "—"


def model_timeline(model: Any, *, user: Any) -> list[Entry]:
    """Every dated entry of the model's obligations the user may read, oldest first."""
    entries: list[Entry] = []
    for d in case_access.designations_visible_to(user).filter(model=model):
        entries.append(
            Entry(f"designation:{d.pk}", d.decided_on, gettext("Designated"), d.get_basis_display())
        )
        if d.ended_on:
            entries.append(
                Entry(f"designation-end:{d.pk}", d.ended_on, gettext("Designation ended"), "")
            )
    for s in access.code_of_practice_visible_to(user).filter(provider_id=model.provider_id):
        entries.append(
            Entry(
                f"cop:{s.pk}",
                s.recorded_at.date(),
                str(CHAPTER_TITLES[s.chapter]),
                s.words + (f" — {s.note}" if s.note else ""),
            )
        )
    for v in access.framework_versions_visible_to(user).filter(provider_id=model.provider_id):
        entries.append(
            Entry(
                f"framework:{v.pk}",
                v.filed_on,
                gettext("Safety and security framework, version {version}").format(
                    version=v.version
                ),
                _short(v.summary),
                file=v.file,
            )
        )
    for r in access.framework_reviews_visible_to(user).filter(provider_id=model.provider_id):
        entries.append(
            Entry(
                f"review:{r.pk}",
                r.at.date(),
                str(REVIEW_TITLES[r.kind]).format(version=r.version.version),
                _review_text(r),
                internal=r.internal,
            )
        )
    for m in access.model_reports_visible_to(user).filter(model=model):
        entries.append(
            Entry(
                f"report:{m.pk}",
                m.filed_on,
                str(REPORT_TITLES[m.kind]).format(version=m.version),
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
                str(INCIDENT_TITLES[r.stage]).format(
                    title=incident.title, kind=incident.kind.words
                ),
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


def with_citations(reasons: str, lines: list[str], *, intro: Any = CITED_INTRO) -> str:
    """The reasons followed by the cited entries, one line each (the reasons alone if none)."""
    if not lines:
        return reasons
    cited = str(intro) + "\n" + "\n".join(f"- {line}" for line in lines)
    return f"{reasons.rstrip()}\n\n{cited}" if reasons.strip() else cited
