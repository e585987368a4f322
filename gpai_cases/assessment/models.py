"""The assessment scorecard: Annex XIII criteria, the systemic-risk taxonomy and the independent
evaluation. Every save is a new version (never overwritten), recorded in the case's timeline."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from gpai_cases.core.models import AppendOnlyModel

# Annex XIII AI Act: the criteria for designation (labels in the reader's language).
CRITERIA = [
    ("a", _("(a) Number of parameters")),
    ("b", _("(b) Quality or size of the data set (e.g. tokens)")),
    ("c", _("(c) Training compute (FLOP), or a combination of cost, time or energy")),
    ("d", _("(d) Input and output modalities")),
    (
        "e",
        _(
            "(e) Benchmarks and evaluations of capabilities (tasks without extra training, "
            "adaptability, autonomy, scalability, tool access)"
        ),
    ),
    (
        "f",
        _(
            "(f) High impact on the internal market because of reach (presumed at ≥ 10,000 "
            "registered EU business users)"
        ),
    ),
    ("g", _("(g) Number of registered end users")),
]
#: Annex XIII criteria by key, without their letter: "Number of parameters".
CRITERION_NAMES = {
    "a": _("Number of parameters"),
    "b": _("Quality or size of the data set"),
    "c": _("Training compute"),
    "d": _("Input and output modalities"),
    "e": _("Benchmarks and evaluations of capabilities"),
    "f": _("High impact on the internal market because of reach"),
    "g": _("Number of registered end users"),
}
RATINGS = [
    ("below", _("Below the most advanced models")),
    ("comparable", _("Comparable to the most advanced models")),
    ("above", _("Above the most advanced models")),
]
RATING_LABELS = dict(RATINGS)
#: The rating in a word, for a summary line ("(a) comparable").
RATING_WORDS = {
    "below": pgettext_lazy("rating", "below"),
    "comparable": pgettext_lazy("rating", "comparable"),
    "above": pgettext_lazy("rating", "above"),
}
#: The rating within a sentence of the reasoning: "The Commission finds the model {rating} …".
RATING_SENTENCES = {
    "below": _("The Commission finds the model below the most advanced models on this criterion."),
    "comparable": _(
        "The Commission finds the model comparable to the most advanced models on this criterion."
    ),
    "above": _("The Commission finds the model above the most advanced models on this criterion."),
}
# Types of systemic risk (Code of Practice, safety and security chapter; methodology).
RISKS = [
    ("cyber_offence", _("Cyber offence")),
    ("cbrn", _("Chemical, biological, radiological and nuclear (CBRN)")),
    ("loss_of_control", _("Loss of control")),
    ("automated_ai_rnd", _("Automated AI research and development")),
    ("persuasion_manipulation", _("Persuasion and manipulation")),
    ("discrimination", _("Large-scale discrimination")),
]


class Scorecard(AppendOnlyModel):
    immutable_message = "A saved scorecard is never changed; save a new version."

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="scorecards")
    version = models.PositiveIntegerField()
    saved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    saved_at = models.DateTimeField(default=timezone.now)
    criteria = models.JSONField(default=dict)  # key → {provider_figure, finding, rating, note}
    risks = models.JSONField(default=dict)  # key → {relevant: bool, note}
    evaluator = models.CharField(max_length=300, blank=True)
    evaluation_method = models.TextField(blank=True)
    evaluation_result = models.TextField(blank=True)
    evaluation_report = models.ForeignKey(
        "documents.Document", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["case", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["case", "version"], name="one_scorecard_version")
        ]

    def __str__(self) -> str:
        return f"Scorecard v{self.version} of {self.case_id}"

    def criteria_rows(self) -> list[dict[str, str]]:
        """One row per Annex XIII criterion, in the order of the Annex, with the rating in words."""
        return [
            {
                "key": key,
                "label": str(label),
                **self.criteria.get(key, {}),
                "rating_label": str(
                    RATING_LABELS.get(self.criteria.get(key, {}).get("rating", ""), "")
                ),
                "rating_word": str(
                    RATING_WORDS.get(self.criteria.get(key, {}).get("rating", ""), "")
                ),
            }
            for key, label in CRITERIA
        ]

    def relevant_risks(self) -> list[dict[str, str]]:
        """The types of systemic risk marked relevant, with their notes."""
        return [
            {"key": key, "label": str(label), "note": self.risks[key].get("note", "")}
            for key, label in RISKS
            if self.risks.get(key, {}).get("relevant")
        ]

    def summary(self) -> str:
        """The scorecard in a few lines, for the reasoning of a proposed decision."""
        lines = [f"Assessment against Annex XIII (scorecard version {self.version}):"]
        for row in self.criteria_rows():
            if row.get("rating") or row.get("finding"):
                words = [row["rating_label"].lower(), row.get("finding", "")]
                lines.append(f"- {row['label']}: " + " — ".join(w for w in words if w))
        risks = self.relevant_risks()
        if risks:
            lines.append(
                "Types of systemic risk found relevant: "
                + "; ".join(r["label"] for r in risks)
                + "."
            )
        if self.evaluator:
            result = f": {self.evaluation_result}" if self.evaluation_result else ""
            lines.append(f"Independent evaluation by {self.evaluator}{result}")
        return "\n".join(lines)
